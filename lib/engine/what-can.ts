// what-can: the rules a subject holds, per scope (like `kubectl auth can-i --list`, but for any
// subject and with provenance). --as evaluates a principal (user + groups); --subject reads only the
// bindings that name that subject directly. With `effective`, the groups the API server adds count too
// (system:authenticated, a service account's system:serviceaccounts[:<ns>]), and each grant says which
// subject or group of the binding it came through (`via`).
import { bindingsForPrincipal } from './can-i';
import { CLUSTER_SCOPE, grantOf, isClusterBinding, type AtlasIndex, type BindingEntry, type IndexedSubject } from './query-index';
import { AUTHENTICATED, MASTERS, serviceAccountUser, subjectRefForUser, UNAUTHENTICATED, withImplicitGroups } from './subjects';
import type { Grant, Principal, SubjectRef } from './types';
import { cmp, compareGrants } from './who-can';

/** The group key of ClusterRoleBinding grants (namespaced ones are "ns:<namespace>"). */
const CLUSTER_GROUP = '';

export interface WhatCanScope {
  /** "cluster" or a namespace */
  scope: string;
  grants: Grant[];
}

export interface WhatCanAnswer {
  scopes: WhatCanScope[];
  /** bindings that name the subject but grant nothing (missing role) */
  danglingBindings: { binding: Grant['binding']; roleRef: string }[];
  /** effective only: the identities whose bindings count (the subject or user, then its groups) */
  identities?: SubjectRef[];
  /** effective only: one of its groups is allowed every request before RBAC is consulted */
  reason?: typeof MASTERS;
}

export type WhatCanTarget = { principal: Principal } | { subject: SubjectRef };

export interface WhatCanOptions {
  /** only the cluster scope and this namespace (like can-i --list -n NS) */
  namespace?: string;
  /**
   * Count the groups the API server adds as well (a subject's implicit groups; a principal's
   * groups as withImplicitGroups completes them), and set `via` on every grant.
   */
  effective?: boolean;
}

export function bindingsForSubject(index: AtlasIndex, subject: SubjectRef): BindingEntry[] {
  switch (subject.kind) {
    case 'Group':
      return index.bindingsByGroup.get(subject.name) ?? [];
    case 'User':
      return index.bindingsByUser.get(subject.name) ?? [];
    case 'ServiceAccount':
      return index.bindingsByUser.get(serviceAccountUser(subject.namespace ?? '', subject.name)) ?? [];
  }
}

/**
 * The principal that holds what a subject holds once the API server's groups are counted: a
 * ServiceAccount's token carries system:serviceaccounts, system:serviceaccounts:<ns> and
 * system:authenticated; a User carries system:authenticated (system:anonymous: system:unauthenticated);
 * a Group subject stands for a member of the group (with a user name no binding names), who also
 * carries system:authenticated unless the group is system:unauthenticated.
 */
export function effectivePrincipal(index: AtlasIndex, subject: SubjectRef): Principal {
  switch (subject.kind) {
    case 'ServiceAccount':
      return withImplicitGroups(serviceAccountUser(subject.namespace ?? '', subject.name), []);
    case 'User':
      return withImplicitGroups(subject.name, []);
    case 'Group': {
      let member = '\u0000member';
      while (index.bindingsByUser.has(member)) member += '\u0000';
      const groups = subject.name === UNAUTHENTICATED || subject.name === AUTHENTICATED ? [subject.name] : [subject.name, AUTHENTICATED];
      return { user: member, groups };
    }
  }
}

export function whatCan(index: AtlasIndex, target: WhatCanTarget, options: WhatCanOptions = {}): WhatCanAnswer {
  let principal: Principal | undefined;
  let identities: SubjectRef[] | undefined;
  if (options.effective) {
    if ('principal' in target) {
      principal = withImplicitGroups(target.principal.user, target.principal.groups);
      identities = [subjectRefForUser(principal.user), ...principal.groups.map((g): SubjectRef => ({ kind: 'Group', name: g }))];
    } else {
      principal = effectivePrincipal(index, target.subject);
      identities = [target.subject, ...principal.groups.filter((g) => target.subject.kind !== 'Group' || g !== target.subject.name).map((g): SubjectRef => ({ kind: 'Group', name: g }))];
    }
  } else if ('principal' in target) principal = target.principal;
  const entries = principal ? bindingsForPrincipal(index, principal) : bindingsForSubject(index, (target as { subject: SubjectRef }).subject);

  const byScope = new Map<string, Grant[]>();
  const dangling: WhatCanAnswer['danglingBindings'] = [];
  for (const entry of entries) {
    const cluster = isClusterBinding(entry);
    if (options.namespace !== undefined && !cluster && entry.namespace !== options.namespace) continue;
    if (!entry.role) {
      dangling.push({ binding: entry.ref, roleRef: entry.roleKey || `${entry.binding.roleRef.kind}/${entry.binding.roleRef.name}` });
      continue;
    }
    if (entry.role.rules.length === 0) continue; // a role without rules grants nothing
    // grouped by the binding's kind and namespace: a namespace named "cluster" is not the cluster scope
    const group = cluster ? CLUSTER_GROUP : `ns:${entry.namespace}`;
    let grants = byScope.get(group);
    if (!grants) byScope.set(group, (grants = []));
    const via = options.effective ? firstApplying(entry.subjects, principal!)?.ref : undefined;
    for (let i = 0; i < entry.role.rules.length; i++) grants.push(via ? { ...grantOf(entry, i), via } : grantOf(entry, i));
  }
  const scopes = [...byScope.entries()]
    .sort(([a], [b]) => (a === CLUSTER_GROUP ? 0 : 1) - (b === CLUSTER_GROUP ? 0 : 1) || cmp(a, b))
    .map(([group, grants]) => ({ scope: group === CLUSTER_GROUP ? CLUSTER_SCOPE : group.slice(3), grants: grants.sort(compareGrants) }));
  const answer: WhatCanAnswer = { scopes, danglingBindings: dangling };
  if (identities) answer.identities = identities;
  if (options.effective && principal!.groups.includes(MASTERS)) answer.reason = MASTERS;
  return answer;
}

/** The first of a binding's subjects (in binding order) that applies to the principal, as upstream's describer names it. */
function firstApplying(subjects: readonly IndexedSubject[], principal: Principal): IndexedSubject | undefined {
  return subjects.find(({ ref }) =>
    ref.kind === 'Group' ? principal.groups.includes(ref.name) : (ref.kind === 'ServiceAccount' ? serviceAccountUser(ref.namespace ?? '', ref.name) : ref.name) === principal.user,
  );
}
