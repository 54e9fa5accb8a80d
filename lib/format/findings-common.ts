// Labels shared by the findings formats.
import { summarize, type ScanReport } from '../engine/findings/report';
import type { Finding, FindingPath, FindingPod } from '../engine/findings/types';
import { routeText, stepsText } from '../engine/paths/describe';
import type { ObjectRef } from '../engine/types';
import { plural } from './words';

export function objectLabel(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** "ServiceAccount ci/gitlab-runner", "Group developers", or the object: "RoleBinding/team-a/x". */
export function findingTarget(f: Finding): string {
  if (f.subject) return f.subject.kind === 'ServiceAccount' ? `ServiceAccount ${f.subject.namespace}/${f.subject.name}` : `${f.subject.kind} ${f.subject.name}`;
  return f.object ? objectLabel(f.object) : '';
}

export function scopeLabel(scope: string): string {
  return scope === 'cluster' ? 'cluster-wide' : scope;
}

/** "ClusterRoleBinding/x → ClusterRole/y" */
export function pathLabel(p: FindingPath): string {
  return p.binding ? `${objectLabel(p.binding)} → ${objectLabel(p.role)}` : objectLabel(p.role);
}

/** Distinct bindings (or roles, for rule findings) the finding goes through. */
export function viaList(f: Finding): string[] {
  return [...new Set(f.paths.map((p) => objectLabel(p.binding ?? p.role)))];
}

export function viaText(f: Finding, max = 2): string {
  const list = viaList(f);
  if (list.length <= max) return list.join(', ');
  return `${list.slice(0, max).join(', ')} (+${list.length - max} more)`;
}

/** A path finding's steps in one line: "2 steps: exec-pods → ServiceAccount a/b → ..." ("" for other findings). */
export function escalationText(f: Finding): string {
  return f.escalation ? `${stepsText(f.escalation.steps.length)}: ${routeText(f.escalation.steps)}` : '';
}

/** What a finding goes through: a path finding's steps, else its bindings. */
export function throughText(f: Finding): string {
  return f.escalation ? escalationText(f) : viaText(f);
}

export function podsText(f: Finding): string {
  const accounts = f.members ? `${f.members.serviceAccounts.length} ServiceAccount${f.members.serviceAccounts.length === 1 ? '' : 's'}` : '';
  if (!f.pods || f.pods.length === 0) return accounts;
  const mounted = f.pods.filter((p) => p.automountServiceAccountToken).length;
  const pods = `${f.pods.length} pod${f.pods.length === 1 ? '' : 's'} (${mounted} with token)`;
  return accounts ? `${accounts}, ${pods}` : pods;
}

/** A pod of a finding: its name (the ServiceAccount's namespace is the finding's), or namespace/name for a group's pods. */
export function podLabel(f: Finding, p: FindingPod): string {
  return f.members ? `${p.namespace}/${p.name}` : p.name;
}

/** What the pods of a finding are: those running as its ServiceAccount, or as the ServiceAccounts in its group. */
export function podsLabel(f: Finding): string {
  return f.members ? 'pods running as its ServiceAccounts' : 'pods running as it';
}

export const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'] as const;

export function summaryLine(report: ScanReport): string {
  const s = summarize(report.findings);
  const parts = SEVERITY_ORDER.filter((k) => s.bySeverity[k] > 0).map((k) => `${s.bySeverity[k]} ${k}`);
  return `${plural(s.total, 'finding')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** Lines about what is not shown: built-in, suppressed, baseline, expired suppressions, notes. */
export function leftOutLines(report: ScanReport): string[] {
  const out: string[] = [];
  if (report.hiddenBuiltin) out.push(`${plural(report.hiddenBuiltin, 'built-in finding')} (Kubernetes bootstrap policy) hidden: --include-builtin shows them`);
  if (report.suppressed.length) out.push(`${plural(report.suppressed.length, 'finding')} suppressed by the config file`);
  if (report.inBaseline) out.push(`${plural(report.inBaseline, 'finding')} already in the baseline left out`);
  for (const e of report.expiredSuppressions) out.push(`${e.suppression} expired on ${e.expires}: ${plural(e.findings, 'finding')} reported again`);
  return out;
}
