// Human-readable renderings of answers for terminals (the CLI's -o table and -o wide).
import { isClusterGrant } from '../engine/query-index';
import type { AccessMatrix } from '../engine/matrix';
import type { EffectiveAnswer } from '../engine/effective';
import type { WhatCanAnswer } from '../engine/what-can';
import type { WhoCanAnswer } from '../engine/who-can';
import type { Grant, PolicyRule, SubjectRef } from '../engine/types';
import { escapeTerminal } from './escape/terminal';
import { renderTable, type TableOptions } from './table';
import { plural } from './words';

export function subjectLabel(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `${s.namespace}/${s.name}` : s.name;
}

export function refLabel(ref: { kind: string; name: string; namespace?: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** kubectl-style resources of a rule: pods, pods/exec, deployments.apps, *.* */
export function ruleResources(rule: PolicyRule): string {
  if (rule.nonResourceURLs.length) return rule.nonResourceURLs.join(', ');
  const out: string[] = [];
  for (const g of rule.apiGroups) for (const r of rule.resources) out.push(g === '' ? r : `${r}.${g}`);
  return out.join(', ') || '(none)';
}

export function ruleText(rule: PolicyRule): string {
  const names = rule.resourceNames.length ? ` [${rule.resourceNames.join(', ')}]` : '';
  return `${rule.verbs.join(',')} ${ruleResources(rule)}${names}`;
}

export function subjectCounts(subjects: readonly SubjectRef[]): string {
  const count = (k: string) => subjects.filter((s) => s.kind === k).length;
  return `${plural(subjects.length, 'subject')} (${plural(count('User'), 'user')}, ${plural(count('Group'), 'group')}, ${plural(count('ServiceAccount'), 'service account')})`;
}

export function whoCanTable(answer: WhoCanAnswer, options: TableOptions & { wide?: boolean } = {}): string {
  if (answer.subjects.length === 0) return 'No subject is allowed this request by RBAC bindings.\n';
  if (options.wide) {
    const rows = answer.subjects.flatMap((s) =>
      s.grants.map((g) => [s.kind, s.namespace ?? '', s.name, g.scope, refLabel(g.binding), refLabel(g.role), ruleText(g.rule)]),
    );
    return renderTable(['KIND', 'NAMESPACE', 'NAME', 'SCOPE', 'BINDING', 'ROLE', 'RULE'], rows) + `\n${subjectCounts(answer.subjects)}\n`;
  }
  const rows = answer.subjects.map((s) => [s.kind, s.namespace ?? '', s.name, scopesText(s.grants), bindingsText(s.grants)]);
  return renderTable(['KIND', 'NAMESPACE', 'NAME', 'SCOPE', 'BINDING'], rows, { ...options, flexible: 4 }) + `\n${subjectCounts(answer.subjects)}\n`;
}

function scopesText(grants: Grant[]): string {
  const scopes = [...new Set(grants.map((g) => g.scope))];
  return scopes.length <= 2 ? scopes.join(',') : `${scopes.slice(0, 2).join(',')} +${scopes.length - 2}`;
}

function bindingsText(grants: Grant[]): string {
  const names = [...new Set(grants.map((g) => g.binding.name))];
  return names.length === 1 ? names[0]! : `${names[0]} (+${names.length - 1} more)`;
}

export function effectiveTable(eff: EffectiveAnswer, options: TableOptions = {}): string {
  let out = `\nSERVICE ACCOUNTS ALLOWED (counting their implicit groups): ${eff.serviceAccounts.length}\n`;
  if (eff.serviceAccounts.length) {
    out += renderTable(
      ['NAMESPACE', 'NAME', 'VIA', 'SCOPE'],
      eff.serviceAccounts.map((s) => [s.namespace, s.name + (s.inSnapshot ? '' : ' (not in snapshot)'), s.via.map((v) => (v.kind === 'ServiceAccount' ? 'itself' : v.name)).join(', '), s.scopes.join(',')]),
      { ...options, flexible: 2 },
    );
  }
  out += `\nPODS RUNNING AS THEM: ${eff.pods.length}\n`;
  if (eff.pods.length) {
    out += renderTable(
      ['NAMESPACE', 'POD', 'SERVICE ACCOUNT', 'TOKEN MOUNTED', 'OWNER'],
      eff.pods.map((p) => [p.namespace, p.name, p.serviceAccount, p.automountServiceAccountToken ? 'yes' : 'no', p.owner ? `${p.owner.kind}/${p.owner.name}` : '']),
      { ...options, flexible: 4 },
    );
  }
  return out;
}

export function whatCanText(answer: WhatCanAnswer, options: TableOptions = {}): string {
  if (answer.scopes.length === 0 && answer.danglingBindings.length === 0) return 'No RBAC binding grants this subject anything.\n';
  let out = '';
  for (const scope of answer.scopes) {
    out += `${scope.grants.some(isClusterGrant) ? 'CLUSTER-WIDE (all namespaces and cluster-scoped resources)' : `NAMESPACE ${escapeTerminal(scope.scope)}`}\n`;
    const rows = scope.grants.map((g) => [
      ruleResources(g.rule),
      g.rule.resourceNames.join(', '),
      g.rule.verbs.join(','),
      `${refLabel(g.binding)} → ${refLabel(g.role)}`,
    ]);
    out += renderTable(['RESOURCES / URLS', 'RESOURCE NAMES', 'VERBS', 'VIA'], rows, { ...options, flexible: 3 }) + '\n';
  }
  for (const d of answer.danglingBindings) out += `note: ${escapeTerminal(refLabel(d.binding))} names this subject but ${escapeTerminal(d.roleRef)} does not exist: it grants nothing\n`;
  return out;
}

const SHORT_HEADERS: Record<string, string> = {
  'pods/exec': 'exec', 'pods/attach': 'attach', 'pods/portforward': 'port-fwd', 'pods/log': 'logs',
  configmaps: 'cm', services: 'svc', serviceaccounts: 'sa', 'serviceaccounts/token': 'sa-token',
  persistentvolumeclaims: 'pvc', 'deployments.apps': 'deploy', 'statefulsets.apps': 'sts', 'daemonsets.apps': 'ds',
  'replicasets.apps': 'rs', 'jobs.batch': 'jobs', 'cronjobs.batch': 'cronjobs', 'ingresses.networking.k8s.io': 'ingress',
  'networkpolicies.networking.k8s.io': 'netpol', 'roles.rbac.authorization.k8s.io': 'roles',
  'rolebindings.rbac.authorization.k8s.io': 'rolebind',
};

export function matrixTable(m: AccessMatrix): string {
  if (m.rows.length === 0) return `No subject holds any of these permissions in namespace ${escapeTerminal(m.namespace)}.\n`;
  const abbrev: Record<string, string> = { get: 'g', list: 'l', watch: 'w', create: 'c', update: 'u', patch: 'p', delete: 'd', deletecollection: 'D' };
  const used = m.resources.filter((r) => m.rows.some((row) => row.cells[r]));
  const rows = m.rows.map((row) => [
    `${row.subject.kind === 'ServiceAccount' ? 'sa' : row.subject.kind.toLowerCase()}:${subjectLabel(row.subject)}`,
    ...used.map((r) => (row.cells[r] ?? []).map((v) => abbrev[v] ?? v).join('') || '-'),
  ]);
  return (
    renderTable(['SUBJECT', ...used.map((r) => (SHORT_HEADERS[r] ?? r).toUpperCase())], rows) +
    `\ncolumns: ${escapeTerminal(used.map((r) => `${SHORT_HEADERS[r] ?? r}=${r}`).filter((x) => !x.startsWith(`${x.split('=')[1]}=`)).join(' '))}\nverbs: g=get l=list w=watch c=create u=update p=patch d=delete D=deletecollection; ${m.omitted} subject(s) with bindings here hold none of these\n`
  );
}
