// The default ServiceAccount and the default namespace: bindings that name a `default`
// ServiceAccount, pods that run as it with a token, and workloads in the `default` namespace.
import { serviceAccountUser } from '../subjects';
import type { SubjectRef } from '../types';
import type { DerivedCheck, PermissionFindings, SubjectDraft } from './check';
import { baseSeverity, bindingsText, podsOf, scopeText, tokenMounted, type FindingContext } from './context';
import { bindingPaths, findingsThrough, groupByScope, serviceAccountBindings, worstOf } from './derived';
import { inheritedGrants, strongestServiceAccountGroup } from './groups';
import { maxSeverity, severityRank, shiftSeverity } from './severity';

const DEFAULT = 'default';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "1 pod runs" / "2 pods run" */
function podsRun(n: number): string {
  return `${plural(n, 'pod')} ${n === 1 ? 'runs' : 'run'}`;
}

function bindingFindings(ctx: FindingContext, permissions: PermissionFindings): SubjectDraft[] {
  const out: SubjectDraft[] = [];
  for (const { subject, entries } of serviceAccountBindings(ctx, (ref) => ref.name === DEFAULT)) {
    for (const group of groupByScope(subject, entries)) {
      const granted = findingsThrough(permissions, subject, group.entries);
      const base = baseSeverity(ctx, 'DefaultServiceAccountBinding', group.scope);
      const worst = worstOf(granted);
      const kinds = [...new Set(granted.map((f) => f.ruleId))].sort();
      const paths = bindingPaths(ctx, group.entries);
      const pods = podsOf(ctx, subject.namespace!, subject.name);
      out.push({
        subject,
        scope: group.scope,
        severity: worst ? maxSeverity(base, worst) : base,
        baseSeverity: base,
        message: `The default ServiceAccount of namespace ${subject.namespace} is granted ${[...new Set(group.entries.map((e) => `${e.binding.roleRef.kind}/${e.binding.roleRef.name}`))].join(', ')} ${scopeText(group.scope)} through ${bindingsText(paths)}: every pod in ${subject.namespace} without its own ServiceAccount gets it (${podsRun(pods.length)} as it now)${kinds.length ? `; this includes ${kinds.join(', ')}` : ''}.`,
        permissions: kinds,
        paths,
        notes: worst && worst !== base ? [`raised to ${worst}, the strongest finding it grants (${kinds.join(', ')})`] : [],
      });
    }
  }
  return out;
}

function tokenFindings(ctx: FindingContext, permissions: PermissionFindings): SubjectDraft[] {
  const out: SubjectDraft[] = [];
  for (const [ns] of ctx.serviceAccountsByNamespace) {
    const pods = podsOf(ctx, ns, DEFAULT).filter((p) => p.automountServiceAccountToken);
    if (pods.length === 0) continue;
    const subject: SubjectRef = { kind: 'ServiceAccount', namespace: ns, name: DEFAULT };
    const bound = (ctx.index.bindingsByUser.get(serviceAccountUser(ns, DEFAULT)) ?? []).length > 0;
    const base = baseSeverity(ctx, 'DefaultServiceAccountToken', ns);
    let severity = bound ? shiftSeverity(base, 1) : base;
    const notes = bound ? ['raised one step: the default ServiceAccount has bindings of its own'] : [];
    // the mounted token is worth what it holds through the groups only ServiceAccount tokens carry
    const group = strongestServiceAccountGroup(inheritedGrants(ns, permissions));
    if (group && severityRank(group.severity) > severityRank(severity)) {
      severity = group.severity;
      notes.push(`raised to ${group.severity}: the mounted token carries Group ${group.group}, which holds ${group.kinds.join(', ')}`);
    }
    out.push({
      subject,
      scope: ns,
      severity,
      baseSeverity: base,
      builtin: false,
      message: `${plural(pods.length, 'pod')} in namespace ${ns} ${pods.length === 1 ? 'runs' : 'run'} as the default ServiceAccount with its API token mounted${bound ? '; bindings grant that ServiceAccount rights of its own' : ''}.`,
      permissions: [],
      paths: [],
      notes,
    });
  }
  return out;
}

function defaultNamespaceFindings(ctx: FindingContext): SubjectDraft[] {
  const out: SubjectDraft[] = [];
  const bySa = new Map<string, number>();
  for (const pod of ctx.index.snapshot.pods) {
    if (pod.metadata.namespace !== DEFAULT) continue;
    bySa.set(pod.serviceAccountName, (bySa.get(pod.serviceAccountName) ?? 0) + 1);
  }
  for (const [name, count] of [...bySa].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const subject: SubjectRef = { kind: 'ServiceAccount', namespace: DEFAULT, name };
    const sa = ctx.index.serviceAccounts.get(`${DEFAULT}/${name}`);
    const mounted = (ctx.index.podsByServiceAccount.get(`${DEFAULT}/${name}`) ?? []).filter((p) => tokenMounted(p, sa)).length;
    out.push({
      subject,
      scope: DEFAULT,
      severity: baseSeverity(ctx, 'DefaultNamespaceWorkloads', DEFAULT),
      builtin: false,
      message: `${podsRun(count)} in the default namespace as ServiceAccount ${name} (${mounted} with the token mounted).`,
      permissions: [],
      paths: [],
    });
  }
  return out;
}

export const defaultServiceAccountBinding: DerivedCheck<SubjectDraft> = { type: 'derived', run: bindingFindings };
export const defaultServiceAccountToken: DerivedCheck<SubjectDraft> = { type: 'derived', run: tokenFindings };
export const defaultNamespaceWorkloads: DerivedCheck<SubjectDraft> = { type: 'derived', run: (ctx) => defaultNamespaceFindings(ctx) };
