// Helpers shared by the checks that build on the permission findings (identity, workload and
// hygiene kinds): grouping a subject's bindings by scope, and the strongest permission finding
// reached through a set of bindings.
import { CLUSTER_SCOPE, type BindingEntry } from '../query-index';
import { reportedSubject, subjectRefKey } from '../subjects';
import type { SubjectRef } from '../types';
import type { PermissionFindings } from './check';
import { refKey, type FindingContext } from './context';
import { maxSeverity } from './severity';
import type { Finding, FindingPath, Severity, SubjectFinding } from './types';

export interface BindingGroup {
  subject: SubjectRef;
  scope: string;
  entries: BindingEntry[];
}

/** The ServiceAccounts that bindings name (as who-can reports them) and `keep` accepts, each with its bindings. */
export function serviceAccountBindings(ctx: FindingContext, keep: (ref: SubjectRef) => boolean): { subject: SubjectRef; entries: BindingEntry[] }[] {
  const bySa = new Map<string, { subject: SubjectRef; entries: BindingEntry[] }>();
  for (const e of ctx.index.bindings) {
    for (const s of e.binding.subjects) {
      const ref = reportedSubject(s, e.namespace);
      if (!ref || ref.kind !== 'ServiceAccount' || !keep(ref)) continue;
      const key = subjectRefKey(ref);
      const item = bySa.get(key);
      if (item) {
        if (!item.entries.includes(e)) item.entries.push(e);
      } else bySa.set(key, { subject: ref, entries: [e] });
    }
  }
  return [...bySa.values()];
}

/** Bindings naming a subject, grouped by scope; namespaced groups fold into the cluster one. */
export function groupByScope(subject: SubjectRef, entries: Iterable<BindingEntry>): BindingGroup[] {
  const byScope = new Map<string, BindingEntry[]>();
  for (const e of entries) {
    const list = byScope.get(e.scope);
    if (list) {
      if (!list.includes(e)) list.push(e);
    } else byScope.set(e.scope, [e]);
  }
  const cluster = byScope.get(CLUSTER_SCOPE);
  if (cluster) {
    for (const [scope, list] of byScope) if (scope !== CLUSTER_SCOPE) cluster.push(...list);
    return [{ subject, scope: CLUSTER_SCOPE, entries: cluster }];
  }
  return [...byScope.entries()].map(([scope, list]) => ({ subject, scope, entries: list }));
}

/** Every rule the bindings grant, as paths (a missing role gives one path without a rule). */
export function bindingPaths(ctx: FindingContext, entries: readonly BindingEntry[]): FindingPath[] {
  const out: FindingPath[] = [];
  for (const e of entries) {
    const builtin = ctx.isBuiltinBinding(e);
    if (!e.role) {
      const r = e.binding.roleRef;
      out.push({
        binding: e.ref,
        role: r.kind === 'Role' && e.namespace ? { kind: r.kind, name: r.name, namespace: e.namespace } : { kind: r.kind, name: r.name },
        scope: e.scope,
        permissions: [],
        builtin,
        bindingOrigin: e.binding.origin,
      });
      continue;
    }
    e.role.rules.forEach((rule, ruleIndex) => {
      const p: FindingPath = { binding: e.ref, role: e.role!.ref, rule, ruleIndex, scope: e.scope, permissions: [], builtin, bindingOrigin: e.binding.origin, roleOrigin: e.role!.role.origin };
      if (rule.resourceNames.length) p.resourceNames = rule.resourceNames;
      out.push(p);
    });
  }
  return out;
}

/** Permission findings by subject key. */
export function bySubject(findings: readonly SubjectFinding[]): Map<string, SubjectFinding[]> {
  const out = new Map<string, SubjectFinding[]>();
  for (const f of findings) {
    const k = subjectRefKey(f.subject);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

/** The permission findings of `subject` that some of these bindings contribute to. */
export function findingsThrough(index: PermissionFindings, subject: SubjectRef, entries: readonly BindingEntry[]): SubjectFinding[] {
  const keys = new Set(entries.map((e) => e.key));
  return (index.get(subjectRefKey(subject)) ?? []).filter((f) => f.paths.some((p) => p.binding && keys.has(refKey(p.binding))));
}

export function worstOf(findings: readonly Finding[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) worst = worst ? maxSeverity(worst, f.severity) : f.severity;
  return worst;
}
