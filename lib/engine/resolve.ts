// The reference resolver: the authorizer's rule walk as upstream writes it (VisitRulesFor, RulesFor and
// appliesTo in pkg/registry/rbac/validation/rule.go; RuleAllows in plugin/pkg/auth/authorizer/rbac),
// over the Snapshot's own lists, with no query index. It is the spec: can-i, who-can (with and without
// -A) and what-can, which read the index, are checked against it by property tests over random
// snapshots (resolve.test.ts) and by the benchmark. Keep it short and plainly right; speed is not its job.
import { ruleAllows } from './match';
import { appliesTo, MASTERS, reportedSubject, serviceAccountUser, subjectRefKey } from './subjects';
import type { AnyRole, Binding, ClusterRole, ClusterRoleBinding, Grant, ObjectRef, PolicyRule, Principal, Request, Role, RoleBinding, Snapshot, Subject, SubjectRef } from './types';
import { compareGrants, compareSubjects, type WhoCanOptions, type WhoCanSubject } from './who-can';

/** The listers the resolver reads (upstream's RoleGetter, RoleBindingLister, ...), over a Snapshot. */
export interface RbacListers {
  getRole(namespace: string, name: string): Role | undefined;
  getClusterRole(name: string): ClusterRole | undefined;
  listRoleBindings(namespace: string): readonly RoleBinding[];
  listClusterRoleBindings(): readonly ClusterRoleBinding[];
  /** the namespaces that have RoleBindings */
  roleBindingNamespaces(): readonly string[];
  /** a user name that no User or ServiceAccount subject of any binding matches (see principalOf) */
  nobody: string;
}

/** Upstream's StaticRoles: lookups over the Snapshot's lists (grouped once, as an informer cache is). */
export function rbacListers(snapshot: Snapshot): RbacListers {
  const roles = new Map(snapshot.roles.map((r) => [`${r.metadata.namespace}/${r.metadata.name}`, r]));
  const clusterRoles = new Map(snapshot.clusterRoles.map((r) => [r.metadata.name, r]));
  const roleBindings = new Map<string, RoleBinding[]>();
  for (const b of snapshot.roleBindings) {
    const list = roleBindings.get(b.metadata.namespace);
    if (list) list.push(b);
    else roleBindings.set(b.metadata.namespace, [b]);
  }
  // ServiceAccount subjects match "system:serviceaccount:..." names only; this one starts with NUL
  const users = new Set<string>();
  for (const b of [...snapshot.clusterRoleBindings, ...snapshot.roleBindings]) for (const s of b.subjects) if (s.kind === 'User') users.add(s.name);
  let nobody = '\u0000member';
  while (users.has(nobody)) nobody += '\u0000';
  return {
    nobody,
    getRole: (namespace, name) => (namespace === '' ? undefined : roles.get(`${namespace}/${name}`)),
    getClusterRole: (name) => clusterRoles.get(name),
    listRoleBindings: (namespace) => roleBindings.get(namespace) ?? [],
    listClusterRoleBindings: () => snapshot.clusterRoleBindings,
    roleBindingNamespaces: () => [...roleBindings.keys()],
  };
}

/** Where a visited rule comes from: the binding, the first of its subjects that applies, the role. */
export interface RuleSource {
  binding: Binding;
  subject: Subject;
  role: AnyRole;
  ruleIndex: number;
}

/** A binding that applies but whose role cannot be resolved (it grants nothing; the walk goes on). */
export interface RuleError {
  binding: Binding;
  message: string;
}

/** Called with each rule (and source) or each error; returning false stops the walk. */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, error: RuleError | undefined) => boolean;

/** The role a binding references (GetRoleReferenceRules): a Role in the binding's namespace, or a ClusterRole. */
export function roleFor(listers: RbacListers, binding: Binding, namespace: string): AnyRole | string {
  const { kind, name } = binding.roleRef;
  if (kind === 'ClusterRole') return listers.getClusterRole(name) ?? `clusterrole "${name}" not found`;
  if (namespace === '') return `a ClusterRoleBinding cannot reference Role "${name}"`;
  return listers.getRole(namespace, name) ?? `role "${namespace}/${name}" not found`;
}

/**
 * VisitRulesFor: every rule that applies to the principal in `namespace` ("" = cluster-scoped):
 * the ClusterRoleBindings first, then the RoleBindings of the namespace.
 */
export function visitRulesFor(listers: RbacListers, principal: Principal, namespace: string, visitor: RuleVisitor): void {
  const walk = (bindings: readonly Binding[], bindingNamespace: string): boolean => {
    for (const binding of bindings) {
      let subject: Subject | undefined;
      for (const s of binding.subjects) {
        if (appliesTo(principal, s, bindingNamespace)) {
          subject = s;
          break;
        }
      }
      if (!subject) continue;
      const role = roleFor(listers, binding, bindingNamespace);
      if (typeof role === 'string') {
        if (!visitor(undefined, undefined, { binding, message: role })) return false;
        continue;
      }
      for (let ruleIndex = 0; ruleIndex < role.rules.length; ruleIndex++) {
        if (!visitor({ binding, subject, role, ruleIndex }, role.rules[ruleIndex], undefined)) return false;
      }
    }
    return true;
  };
  if (!walk(listers.listClusterRoleBindings(), '')) return;
  if (namespace !== '') walk(listers.listRoleBindings(namespace), namespace);
}

/** RulesFor: the rules that apply to the principal in the namespace, and the errors met on the way. */
export function rulesFor(listers: RbacListers, principal: Principal, namespace: string): { rules: PolicyRule[]; errors: RuleError[] } {
  const rules: PolicyRule[] = [];
  const errors: RuleError[] = [];
  visitRulesFor(listers, principal, namespace, (_source, rule, error) => {
    if (rule) rules.push(rule);
    if (error) errors.push(error);
    return true;
  });
  return { rules, errors };
}

/** The authorizer's decision; the first rule that allows the request, as upstream stops there. */
export function authorize(listers: RbacListers, principal: Principal, request: Request): { allowed: boolean; source?: RuleSource; reason?: typeof MASTERS } {
  // system:masters is allowed everything by the API server before RBAC is consulted.
  if (principal.groups.includes(MASTERS)) return { allowed: true, reason: MASTERS };
  let found: RuleSource | undefined;
  visitRulesFor(listers, principal, request.type === 'resource' ? request.namespace : '', (source, rule) => {
    if (rule && ruleAllows(request, rule)) found = source;
    return found === undefined;
  });
  return found ? { allowed: true, source: found } : { allowed: false };
}

/** The Grant a visited rule makes. */
export function grantFrom(source: RuleSource): Grant {
  const { binding, role, ruleIndex } = source;
  const bindingRef: ObjectRef = binding.kind === 'ClusterRoleBinding' ? { kind: binding.kind, name: binding.metadata.name } : { kind: binding.kind, name: binding.metadata.name, namespace: binding.metadata.namespace };
  const roleRef: ObjectRef = role.kind === 'ClusterRole' ? { kind: role.kind, name: role.metadata.name } : { kind: role.kind, name: role.metadata.name, namespace: role.metadata.namespace };
  return { binding: bindingRef, role: roleRef, rule: role.rules[ruleIndex]!, ruleIndex, scope: binding.kind === 'ClusterRoleBinding' ? 'cluster' : binding.metadata.namespace };
}

/**
 * The principal a who-can subject stands for, for "the bindings that name it directly": its user
 * name (a ServiceAccount's is system:serviceaccount:<ns>:<name>) and no group, or for a Group a member
 * whose user name (`nobody`, e.g. RbacListers.nobody) no binding names.
 */
export function principalOf(subject: SubjectRef, nobody: string): Principal {
  switch (subject.kind) {
    case 'Group':
      return { user: nobody, groups: [subject.name] };
    case 'ServiceAccount':
      return { user: serviceAccountUser(subject.namespace ?? '', subject.name), groups: [] };
    case 'User':
      return { user: subject.name, groups: [] };
  }
}

/**
 * who-can, by definition: every subject named in a binding, asked of the reference authorizer as the
 * principal it stands for, in each scope where a binding could apply to it (a binding applies only to
 * the subjects it names): the request's namespace, or with -A cluster-wide and every namespace that
 * has RoleBindings. Each subject lists every rule that allows the request (not only the first).
 */
export function referenceWhoCan(listers: RbacListers, request: Request, options: WhoCanOptions = {}): WhoCanSubject[] {
  const all = options.allNamespaces === true && request.type === 'resource';
  const scopes = request.type === 'nonResource' ? [''] : all ? ['', ...listers.roleBindingNamespaces()] : [request.namespace];
  const found = new Map<string, { subject: SubjectRef; sources: Map<Binding, Map<number, RuleSource>> }>();
  for (const scope of scopes) {
    const inScope: Request = request.type === 'resource' ? { ...request, namespace: scope } : request;
    // The subjects a binding applying in this scope names (with -A, the cluster-wide ones are asked once, in scope "").
    const named = new Map<string, SubjectRef>();
    const name = (bindings: readonly Binding[], bindingNamespace: string) => {
      for (const b of bindings) for (const s of b.subjects) {
        const ref = reportedSubject(s, bindingNamespace);
        if (ref) named.set(subjectRefKey(ref), ref);
      }
    };
    if (scope === '' || !all) name(listers.listClusterRoleBindings(), '');
    if (scope !== '') name(listers.listRoleBindings(scope), scope);
    for (const [key, subject] of named) {
      visitRulesFor(listers, principalOf(subject, listers.nobody), scope, (source, rule) => {
        if (!source || !rule || !ruleAllows(inScope, rule)) return true;
        let entry = found.get(key);
        if (!entry) found.set(key, (entry = { subject, sources: new Map() }));
        let rules = entry.sources.get(source.binding);
        if (!rules) entry.sources.set(source.binding, (rules = new Map()));
        rules.set(source.ruleIndex, source);
        return true;
      });
    }
  }
  return [...found.values()]
    .map(({ subject, sources }) => ({ ...subject, grants: [...sources.values()].flatMap((rules) => [...rules.values()].map(grantFrom)).sort(compareGrants) }))
    .sort(compareSubjects);
}
