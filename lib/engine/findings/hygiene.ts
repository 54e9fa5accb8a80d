// Hygiene: bindings to missing roles, bindings to missing ServiceAccounts, unused roles.
import { CLUSTER_SCOPE, type BindingEntry } from '../query-index';
import { reportedSubject } from '../subjects';
import type { DerivedCheck, ObjectDraft, PermissionFindings, SubjectDraft } from './check';
import { baseSeverity, bindingsText, refKey, scopeText, type FindingContext } from './context';
import { bindingPaths, findingsThrough, groupByScope, serviceAccountBindings, worstOf } from './derived';
import { maxSeverity, shiftSeverity } from './severity';

const AGGREGATE_LABEL_PREFIX = 'rbac.authorization.k8s.io/aggregate-to-';

function subjectsText(e: BindingEntry): string {
  const names = e.binding.subjects.map((s) => {
    const r = reportedSubject(s, e.namespace);
    return r ? (r.kind === 'ServiceAccount' ? `ServiceAccount ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`) : `${s.kind} ${s.name}`;
  });
  return names.length === 0 ? 'nobody (no subjects)' : names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

function danglingBindingFindings(ctx: FindingContext): ObjectDraft[] {
  const out: ObjectDraft[] = [];
  for (const e of ctx.index.bindings) {
    if (e.role) continue;
    const ref = e.binding.roleRef;
    const reason =
      e.roleKey === ''
        ? `references Role ${ref.name}, which a ClusterRoleBinding cannot bind`
        : `references ${ref.kind} ${e.roleKey.split('/').slice(1).join('/')}, which does not exist`;
    const paths = bindingPaths(ctx, [e]);
    out.push({
      object: e.ref,
      objectOrigin: e.binding.origin,
      scope: e.scope,
      severity: baseSeverity(ctx, 'DanglingBinding', e.scope),
      builtin: ctx.isBuiltinBinding(e),
      message: `${refKey(e.ref)} ${reason}: it grants nothing today, but a role created under that name would be granted to ${subjectsText(e)}.`,
      permissions: [],
      paths,
    });
  }
  return out;
}

function missingServiceAccountFindings(ctx: FindingContext, permissions: PermissionFindings): SubjectDraft[] {
  const snapshot = ctx.index.snapshot;
  if (snapshot.serviceAccounts.length === 0) {
    ctx.notes.push('missing-serviceaccount was not checked: the input has no ServiceAccount objects');
    return [];
  }
  const namespaces = new Set(snapshot.namespaces.map((n) => n.metadata.name));
  const out: SubjectDraft[] = [];
  for (const { subject, entries } of serviceAccountBindings(ctx, (ref) => !ctx.index.serviceAccounts.has(`${ref.namespace}/${ref.name}`))) {
    for (const group of groupByScope(subject, entries)) {
      const base = baseSeverity(ctx, 'MissingServiceAccount', group.scope);
      const granted = findingsThrough(permissions, subject, group.entries);
      const worst = worstOf(granted);
      const severity = worst ? maxSeverity(base, shiftSeverity(worst, -1)) : base;
      const nsGone = namespaces.size > 0 && !namespaces.has(subject.namespace!);
      const paths = bindingPaths(ctx, group.entries);
      const notes: string[] = [];
      if (severity !== base) notes.push(`raised to one step below ${worst}, the strongest finding the account would hold (${[...new Set(granted.map((f) => f.ruleId))].join(', ')})`);
      if (nsGone) notes.push(`namespace ${subject.namespace} is not in the snapshot either`);
      out.push({
        subject,
        scope: group.scope,
        severity,
        baseSeverity: base,
        message: `ServiceAccount ${subject.namespace}/${subject.name} does not exist${nsGone ? ' (nor its namespace)' : ''} but is granted ${scopeText(group.scope)} through ${bindingsText(paths)}.`,
        permissions: [...new Set(granted.map((f) => f.ruleId))].sort(),
        paths,
        notes,
      });
    }
  }
  return out;
}

function unusedRoleFindings(ctx: FindingContext): ObjectDraft[] {
  const { index } = ctx;
  if (index.bindings.length === 0) {
    ctx.notes.push('unused-role was not checked: the input has no bindings');
    return [];
  }
  const aggregated = new Set<string>();
  for (const cr of index.snapshot.clusterRoles) cr.aggregatedFrom.forEach((n) => aggregated.add(n));
  const out: ObjectDraft[] = [];
  for (const entry of index.roles.values()) {
    if (index.bindingsByRole.has(entry.key)) continue;
    const role = entry.role;
    if (role.kind === 'ClusterRole') {
      if (aggregated.has(role.metadata.name)) continue;
      if (Object.entries(role.metadata.labels).some(([k, v]) => k.startsWith(AGGREGATE_LABEL_PREFIX) && v === 'true')) continue;
    }
    const scope = role.kind === 'Role' ? role.metadata.namespace : CLUSTER_SCOPE;
    out.push({
      object: entry.ref,
      objectOrigin: role.origin,
      scope,
      severity: baseSeverity(ctx, 'UnusedRole', scope),
      builtin: ctx.isBuiltinRole(entry),
      message: `${entry.key} (${role.rules.length} rule${role.rules.length === 1 ? '' : 's'}) is not referenced by any binding${role.kind === 'ClusterRole' ? ' and not aggregated into another ClusterRole' : ''}.`,
      permissions: [],
      paths: [],
    });
  }
  return out;
}

export const danglingBinding: DerivedCheck<ObjectDraft> = { type: 'derived', run: (ctx) => danglingBindingFindings(ctx) };
export const missingServiceAccount: DerivedCheck<SubjectDraft> = { type: 'derived', run: missingServiceAccountFindings };
export const unusedRole: DerivedCheck<ObjectDraft> = { type: 'derived', run: (ctx) => unusedRoleFindings(ctx) };
