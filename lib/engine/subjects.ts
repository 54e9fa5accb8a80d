// Subjects and principals: how binding subjects match users, and which groups the API server adds.
// Upstream: plugin/pkg/auth/authorizer/rbac (appliesToUser in pkg/registry/rbac/validation/rule.go),
// k8s.io/apiserver/pkg/authentication/serviceaccount (MakeUsername, SplitUsername, MakeGroupNames).
import type { Principal, Subject, SubjectRef } from './types';

export const SA_USER_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const MASTERS = 'system:masters';

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_USER_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`];
}

/** SplitUsername: "system:serviceaccount:ns:name" -> {namespace, name}; anything else -> undefined. */
export function splitServiceAccountUser(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_USER_PREFIX)) return undefined;
  const parts = user.slice(SA_USER_PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  const [namespace, name] = parts as [string, string];
  if (namespace.length === 0 || name.length === 0) return undefined;
  return { namespace, name };
}

/**
 * The user name a binding subject matches, or undefined for Group subjects and subjects that match
 * nobody. A ServiceAccount subject without namespace takes the binding's namespace (empty for a
 * ClusterRoleBinding, in which case it matches nobody). Unknown kinds match nobody.
 */
export function subjectUser(subject: Subject, bindingNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return subject.name;
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      if (!ns) return undefined;
      return serviceAccountUser(ns, subject.name);
    }
    default:
      return undefined;
  }
}

/** appliesToUser: does this subject (in a binding of bindingNamespace) cover the principal? */
export function appliesTo(principal: Principal, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return principal.user === subject.name;
    case 'Group':
      return principal.groups.includes(subject.name);
    case 'ServiceAccount': {
      // the namespace defaults to the binding's; none at all (in a ClusterRoleBinding) matches nobody
      const ns = subject.namespace || bindingNamespace;
      return ns !== '' && matchesServiceAccountUser(ns, subject.name, principal.user);
    }
    default:
      return false;
  }
}

/** serviceaccount.MatchesUsername: is `user` "system:serviceaccount:<namespace>:<name>"? (no string built) */
export function matchesServiceAccountUser(namespace: string, name: string, user: string): boolean {
  const p = SA_USER_PREFIX.length;
  return (
    user.length === p + namespace.length + 1 + name.length &&
    user.startsWith(SA_USER_PREFIX) &&
    user.startsWith(namespace, p) &&
    user.charCodeAt(p + namespace.length) === 58 /* ":" */ &&
    user.endsWith(name)
  );
}

/**
 * How a subject is reported: ServiceAccount namespaces defaulted, and a User subject whose name is
 * a service-account user name reported as that ServiceAccount. undefined = matches nobody.
 */
export function reportedSubject(subject: Subject, bindingNamespace: string): SubjectRef | undefined {
  if (subject.kind === 'Group') return { kind: 'Group', name: subject.name };
  const user = subjectUser(subject, bindingNamespace);
  if (user === undefined) return undefined;
  return subjectRefForUser(user);
}

export function subjectRefForUser(user: string): SubjectRef {
  const sa = splitServiceAccountUser(user);
  return sa ? { kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace } : { kind: 'User', name: user };
}

export function subjectRefKey(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount/${s.namespace}/${s.name}` : `${s.kind}/${s.name}`;
}

/**
 * Groups the API server attaches to an authenticated request: service-account tokens carry
 * system:serviceaccounts and system:serviceaccounts:<ns>; everyone but system:anonymous carries
 * system:authenticated (unless system:unauthenticated was asked for, as impersonation does);
 * system:anonymous carries system:unauthenticated.
 */
export function withImplicitGroups(user: string, groups: readonly string[]): Principal {
  const out = [...groups];
  const add = (g: string) => {
    if (!out.includes(g)) out.push(g);
  };
  if (user === ANONYMOUS) {
    add(UNAUTHENTICATED);
    return { user, groups: out };
  }
  const sa = splitServiceAccountUser(user);
  if (sa) serviceAccountGroups(sa.namespace).forEach(add);
  if (!out.includes(UNAUTHENTICATED)) add(AUTHENTICATED);
  return { user, groups: out };
}

/** Parses "KIND:[NS/]NAME" (User:jane, Group:devs, ServiceAccount:prod/ci, sa:prod/ci). */
export function parseSubjectSpec(spec: string): SubjectRef | { error: string } {
  const colon = spec.indexOf(':');
  if (colon <= 0) return { error: `expected KIND:[NS/]NAME (e.g. User:jane, Group:devs, ServiceAccount:prod/ci), got "${spec}"` };
  const kindRaw = spec.slice(0, colon).toLowerCase();
  const rest = spec.slice(colon + 1);
  const kinds: Record<string, SubjectRef['kind']> = {
    user: 'User', group: 'Group', serviceaccount: 'ServiceAccount', sa: 'ServiceAccount',
  };
  const kind = Object.hasOwn(kinds, kindRaw) ? kinds[kindRaw] : undefined; // not "__proto__", "constructor"...
  if (!kind) return { error: `unknown subject kind "${spec.slice(0, colon)}": use User, Group or ServiceAccount` };
  if (!rest) return { error: `missing name in "${spec}"` };
  if (kind !== 'ServiceAccount') return { kind, name: rest };
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return { error: `a ServiceAccount needs NAMESPACE/NAME, got "${rest}"` };
  return { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
}
