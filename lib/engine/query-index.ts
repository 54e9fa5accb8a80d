// The query index over a Snapshot. Built once per snapshot; every query (can-i, who-can, what-can,
// matrix) reads it. The upstream counterpart is StaticRoles plus the listers the authorizer walks,
// with three lookups added so that no query scans every rule:
//   subject -> bindings        (can-i, what-can)
//   role    -> bindings        (who-can, by binding scope)
//   (apiGroup, resource) -> rules  (who-can; wildcards are looked up as their own keys)
import type {
  AnyRole,
  Binding,
  ObjectRef,
  Pod,
  PolicyRule,
  ServiceAccount,
  Snapshot,
} from './types';
import { subjectRefForUser, subjectRefKey, subjectUser } from './subjects';
import type { Grant, SubjectRef } from './types';

export const CLUSTER_SCOPE = 'cluster';

export interface RoleEntry {
  /** "ClusterRole/name" or "Role/ns/name" */
  key: string;
  ref: ObjectRef;
  role: AnyRole;
  rules: PolicyRule[];
}

export interface BindingEntry {
  key: string;
  ref: ObjectRef;
  binding: Binding;
  /** "cluster" for a ClusterRoleBinding, else the RoleBinding's namespace */
  scope: string;
  /** namespace for subject defaulting: "" for ClusterRoleBindings */
  namespace: string;
  /** the role this binding grants; undefined when missing or not bindable (grants nothing) */
  role: RoleEntry | undefined;
  roleKey: string;
  /** the subjects as reported (ServiceAccount namespace defaulted), deduplicated, interned per index */
  subjects: IndexedSubject[];
  /** lazily built Grant per rule index (answers share them; treat as immutable) */
  grants: (Grant | undefined)[];
  /** position in the canonical grant order (cluster first, then namespace, kind, name); see ensureOrder */
  order: number;
}

/** One distinct subject of the snapshot; `rank` is its position in the canonical subject order. */
export interface IndexedSubject {
  ref: SubjectRef;
  key: string;
  rank: number;
}

export interface RuleRef {
  role: RoleEntry;
  ruleIndex: number;
  /** scratch stamp for queries that must visit each rule once (see matchingRules) */
  seen?: number;
}

export type RuleTable = Map<string, Map<string, RuleRef[]>>;

interface RoleBindings {
  cluster: BindingEntry[];
  byNamespace: Map<string, BindingEntry[]>;
}

export interface AtlasIndex {
  snapshot: Snapshot;
  roles: Map<string, RoleEntry>;
  bindings: BindingEntry[];
  /** User subjects by name and ServiceAccount subjects by their user name */
  bindingsByUser: Map<string, BindingEntry[]>;
  bindingsByGroup: Map<string, BindingEntry[]>;
  bindingsByRole: Map<string, RoleBindings>;
  /** apiGroup -> resource (as written in the rule, incl. "*" and "*\/sub") -> rules, every role */
  resourceRules: RuleTable;
  /** the same for ClusterRoles only, and for the Roles of each namespace */
  clusterResourceRules: RuleTable;
  namespaceResourceRules: Map<string, RuleTable>;
  /** every distinct subject named by a binding (keyed by user name, or NUL + group name) */
  subjects: Map<string, IndexedSubject>;
  /** false until ensureOrder has ranked subjects and bindings */
  ordered: boolean;
  /** the subjects by rank and the bindings by order, set by ensureOrder */
  subjectsByRank: IndexedSubject[];
  bindingsByOrder: BindingEntry[];
  /**
   * The subject ranks of every binding, flat and in binding order (set by ensureOrder): binding
   * `order` has ranksFlat[ranksStart[order] .. ranksStart[order + 1]). who-can walks bindings in
   * order, so it reads this memory front to back instead of chasing each binding's own array.
   */
  ranksStart: Uint32Array;
  ranksFlat: Uint32Array;
  nonResourceRules: RuleRef[];
  serviceAccounts: Map<string, ServiceAccount>;
  /** "ns/name" of a service account -> pods running as it */
  podsByServiceAccount: Map<string, Pod[]>;
  namespaces: string[];
}

export function roleKeyFor(binding: Binding): string {
  if (binding.roleRef.kind === 'ClusterRole') return `ClusterRole/${binding.roleRef.name}`;
  // A RoleBinding's Role lives in the binding's namespace; a ClusterRoleBinding cannot bind a Role.
  return binding.kind === 'RoleBinding' ? `Role/${binding.metadata.namespace}/${binding.roleRef.name}` : '';
}

export function buildIndex(snapshot: Snapshot): AtlasIndex {
  const roles = new Map<string, RoleEntry>();
  const resourceRules: RuleTable = new Map();
  const nonResourceRules: RuleRef[] = [];

  const clusterResourceRules: RuleTable = new Map();
  const namespaceResourceRules = new Map<string, RuleTable>();
  const file = (table: RuleTable, group: string, resource: string, ruleRef: RuleRef) => {
    let byResource = table.get(group);
    if (!byResource) table.set(group, (byResource = new Map()));
    const list = byResource.get(resource);
    if (list) list.push(ruleRef);
    else byResource.set(resource, [ruleRef]);
  };
  const addRole = (role: AnyRole, key: string, ref: ObjectRef) => {
    const entry: RoleEntry = { key, ref, role, rules: role.rules };
    roles.set(key, entry);
    let scoped: RuleTable;
    if (role.kind === 'ClusterRole') scoped = clusterResourceRules;
    else {
      const ns = role.metadata.namespace;
      let t = namespaceResourceRules.get(ns);
      if (!t) namespaceResourceRules.set(ns, (t = new Map()));
      scoped = t;
    }
    role.rules.forEach((rule, ruleIndex) => {
      const ruleRef: RuleRef = { role: entry, ruleIndex, seen: 0 };
      if (rule.nonResourceURLs.length > 0) nonResourceRules.push(ruleRef);
      const resources = new Set(rule.resources);
      for (const group of new Set(rule.apiGroups)) {
        for (const resource of resources) {
          file(resourceRules, group, resource, ruleRef);
          file(scoped, group, resource, ruleRef);
        }
      }
    });
  };
  for (const r of snapshot.clusterRoles) {
    addRole(r, `ClusterRole/${r.metadata.name}`, { kind: 'ClusterRole', name: r.metadata.name });
  }
  for (const r of snapshot.roles) {
    addRole(r, `Role/${r.metadata.namespace}/${r.metadata.name}`, {
      kind: 'Role',
      name: r.metadata.name,
      namespace: r.metadata.namespace,
    });
  }

  const bindings: BindingEntry[] = [];
  const bindingsByUser = new Map<string, BindingEntry[]>();
  const bindingsByGroup = new Map<string, BindingEntry[]>();
  const bindingsByRole = new Map<string, RoleBindings>();
  const subjects = new Map<string, IndexedSubject>();
  const push = (map: Map<string, BindingEntry[]>, key: string, entry: BindingEntry) => {
    const list = map.get(key);
    if (!list) map.set(key, [entry]);
    else if (list[list.length - 1] !== entry) list.push(entry); // a subject listed twice in one binding
  };

  const addBinding = (binding: Binding) => {
    const isCluster = binding.kind === 'ClusterRoleBinding';
    const namespace = isCluster ? '' : binding.metadata.namespace;
    const roleKey = roleKeyFor(binding);
    const entry: BindingEntry = {
      key: isCluster ? `ClusterRoleBinding/${binding.metadata.name}` : `RoleBinding/${namespace}/${binding.metadata.name}`,
      ref: isCluster
        ? { kind: 'ClusterRoleBinding', name: binding.metadata.name }
        : { kind: 'RoleBinding', name: binding.metadata.name, namespace },
      binding,
      scope: isCluster ? CLUSTER_SCOPE : namespace,
      namespace,
      // always present (possibly undefined) so that every entry has the same shape for the JIT
      role: roles.get(roleKey),
      roleKey,
      subjects: [],
      grants: [],
      order: 0,
    };
    bindings.push(entry);
    for (const subject of binding.subjects) {
      // One map lookup per subject: groups by name, everyone else by the user name it matches.
      const isGroup = subject.kind === 'Group';
      const user = isGroup ? undefined : subjectUser(subject, namespace);
      if (!isGroup && user === undefined) continue; // unknown kind, or a ServiceAccount without namespace in a ClusterRoleBinding
      const lookup = isGroup ? `\u0000${subject.name}` : user!;
      let interned = subjects.get(lookup);
      if (!interned) {
        const ref: SubjectRef = isGroup ? { kind: 'Group', name: subject.name } : subjectRefForUser(user!);
        interned = { ref, key: subjectRefKey(ref), rank: 0 };
        subjects.set(lookup, interned);
      }
      if (entry.subjects.includes(interned)) continue; // listed twice in one binding
      entry.subjects.push(interned);
      if (isGroup) push(bindingsByGroup, subject.name, entry);
      else push(bindingsByUser, user!, entry);
    }
    if (!roleKey) return;
    let byRole = bindingsByRole.get(roleKey);
    if (!byRole) bindingsByRole.set(roleKey, (byRole = { cluster: [], byNamespace: new Map() }));
    if (isCluster) byRole.cluster.push(entry);
    else {
      const list = byRole.byNamespace.get(namespace);
      if (list) list.push(entry);
      else byRole.byNamespace.set(namespace, [entry]);
    }
  };
  snapshot.clusterRoleBindings.forEach(addBinding);
  snapshot.roleBindings.forEach(addBinding);

  const serviceAccounts = new Map<string, ServiceAccount>();
  for (const sa of snapshot.serviceAccounts) serviceAccounts.set(`${sa.metadata.namespace}/${sa.metadata.name}`, sa);
  const podsByServiceAccount = new Map<string, Pod[]>();
  for (const pod of snapshot.pods) {
    const key = `${pod.metadata.namespace}/${pod.serviceAccountName}`;
    const list = podsByServiceAccount.get(key);
    if (list) list.push(pod);
    else podsByServiceAccount.set(key, [pod]);
  }

  const namespaceSet = new Set<string>();
  for (const ns of snapshot.namespaces) namespaceSet.add(ns.metadata.name);
  for (const list of [snapshot.roles, snapshot.roleBindings, snapshot.serviceAccounts, snapshot.pods]) {
    for (const o of list) namespaceSet.add(o.metadata.namespace);
  }

  return {
    snapshot,
    roles,
    bindings,
    bindingsByUser,
    bindingsByGroup,
    bindingsByRole,
    resourceRules,
    clusterResourceRules,
    namespaceResourceRules,
    subjects,
    ordered: false,
    subjectsByRank: [],
    bindingsByOrder: [],
    ranksStart: new Uint32Array(1),
    ranksFlat: new Uint32Array(0),
    nonResourceRules,
    serviceAccounts,
    podsByServiceAccount,
    namespaces: [...namespaceSet].sort(),
  };
}

/** Does a binding apply to a request in `namespace` ("" = cluster-scoped request)? */
export function bindingAppliesIn(entry: BindingEntry, namespace: string): boolean {
  return entry.scope === CLUSTER_SCOPE || (namespace !== '' && entry.namespace === namespace);
}

/**
 * Ranks subjects and bindings in the canonical answer order, once per index, on first use by a
 * query that sorts (so that loading does not pay for it): subjects by kind (User, Group,
 * ServiceAccount), namespace, name; bindings cluster-wide first, then by namespace, kind, name.
 */
export function ensureOrder(index: AtlasIndex): void {
  if (index.ordered) return;
  const kindRank: Record<string, string> = { User: '0', Group: '1', ServiceAccount: '2' };
  const subjects = [...index.subjects.values()];
  const subjectKey = (s: IndexedSubject) => `${kindRank[s.ref.kind] ?? '9'}\u0000${s.ref.namespace ?? ''}\u0000${s.ref.name}`;
  const sKeys = new Map(subjects.map((s) => [s, subjectKey(s)]));
  subjects.sort((a, b) => compareStrings(sKeys.get(a)!, sKeys.get(b)!));
  subjects.forEach((s, i) => (s.rank = i));
  index.subjectsByRank = subjects;
  const bindingKey = (b: BindingEntry) => `${b.scope === CLUSTER_SCOPE ? '0' : '1'}\u0000${b.scope}\u0000${b.ref.kind}\u0000${b.ref.name}`;
  const bKeys = new Map(index.bindings.map((b) => [b, bindingKey(b)]));
  const sorted = [...index.bindings].sort((a, b) => compareStrings(bKeys.get(a)!, bKeys.get(b)!));
  sorted.forEach((b, i) => (b.order = i));
  index.bindingsByOrder = sorted;
  const start = new Uint32Array(sorted.length + 1);
  sorted.forEach((b, i) => (start[i + 1] = start[i]! + b.subjects.length));
  const flat = new Uint32Array(start[sorted.length]!);
  sorted.forEach((b, i) => b.subjects.forEach((s, j) => (flat[start[i]! + j] = s.rank)));
  index.ranksStart = start;
  index.ranksFlat = flat;
  index.ordered = true;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const BINDING = Symbol('binding');

/** The binding entry behind a Grant made by bindingGrant. */
export function bindingOf(grant: Grant): BindingEntry {
  return (grant as Grant & { [BINDING]: BindingEntry })[BINDING];
}

/** The shared Grant for rule `ruleIndex` of a binding's role (created on first use). */
export function bindingGrant(entry: BindingEntry, ruleIndex: number): Grant {
  let grant = entry.grants[ruleIndex];
  if (!grant) {
    const role = entry.role!;
    grant = { binding: entry.ref, role: role.ref, rule: role.rules[ruleIndex]!, ruleIndex, scope: entry.scope };
    // The binding rides along, hidden from JSON (it would form a cycle), so answers can sort by rank.
    Object.defineProperty(grant, BINDING, { value: entry, enumerable: false });
    entry.grants[ruleIndex] = grant;
  }
  return grant;
}
