// The query index over a Snapshot. Built once per snapshot; every query (can-i, who-can, what-can,
// matrix) reads it and none writes to it: the index is complete when buildIndex returns. The upstream
// counterpart is StaticRoles plus the listers the authorizer walks (see resolve.ts, the reference these
// lookups are checked against), with three lookups added so that no query scans every rule:
//   subject -> bindings        (can-i, what-can)
//   role    -> bindings        (who-can, by binding scope)
//   (apiGroup, resource) -> rules  (who-can; wildcards are looked up as their own keys)
// and a canonical order of subjects and bindings, so that who-can's answers come out sorted without
// sorting thousands of rows per query.
import type { AnyRole, Binding, Grant, ObjectRef, Pod, PolicyRule, ServiceAccount, Snapshot, SubjectRef } from './types';
import { subjectRefForUser, subjectRefKey, subjectUser } from './subjects';

export const CLUSTER_SCOPE = 'cluster';

export interface RoleEntry {
  /** position in index.roleList */
  id: number;
  /** "ClusterRole/name" or "Role/ns/name" */
  key: string;
  ref: ObjectRef;
  role: AnyRole;
  rules: PolicyRule[];
  /** the bindings that reference this role (empty lists when none does) */
  bound: RoleBindings;
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
  /** position in the canonical grant order: cluster-wide first, then by namespace, kind, name */
  order: number;
}

/** One distinct subject of the snapshot; `rank` is its position in the canonical subject order. */
export interface IndexedSubject {
  ref: SubjectRef;
  key: string;
  rank: number;
}

/** One rule of one role, as filed in a RuleTable. */
export interface RuleRef {
  role: RoleEntry;
  ruleIndex: number;
  /** role.rules[ruleIndex], at hand: rule lookups read it for every rule of a bucket */
  rule: PolicyRule;
  /**
   * The rule's shape: rules with equal verbs, apiGroups, resources, resourceNames and
   * nonResourceURLs (the same Role installed in many namespaces) share it, so a lookup decides
   * ruleAllows once per shape (index.ruleShapes of them), not once per copy.
   */
  shape: number;
}

/** apiGroup -> resource as written in the rule (incl. "*" and "*\/sub") -> the rules naming both */
export type RuleTable = Map<string, Map<string, RuleRef[]>>;

export interface RoleBindings {
  cluster: BindingEntry[];
  byNamespace: Map<string, BindingEntry[]>;
}

export interface AtlasIndex {
  snapshot: Snapshot;
  roles: Map<string, RoleEntry>;
  /** the same roles by id: roleList[r.id] === r */
  roleList: RoleEntry[];
  bindings: BindingEntry[];
  /** User subjects by name and ServiceAccount subjects by their user name */
  bindingsByUser: Map<string, BindingEntry[]>;
  bindingsByGroup: Map<string, BindingEntry[]>;
  /** by role key ("ClusterRole/name", "Role/ns/name"), also for roles missing from the snapshot */
  bindingsByRole: Map<string, RoleBindings>;
  /** every role's rules by (apiGroup, resource) */
  resourceRules: RuleTable;
  /** the same for ClusterRoles only, and for the Roles of each namespace */
  clusterResourceRules: RuleTable;
  namespaceResourceRules: Map<string, RuleTable>;
  /** rules with nonResourceURLs, every role */
  nonResourceRules: RuleRef[];
  /** how many distinct rule shapes (RuleRef.shape is below it) */
  ruleShapes: number;
  /** every distinct subject named by a binding (keyed by user name, or NUL + group name) */
  subjects: Map<string, IndexedSubject>;
  /** the subjects in canonical order (User, Group, ServiceAccount; namespace; name): subjectsByRank[s.rank] === s */
  subjectsByRank: IndexedSubject[];
  /** the bindings in canonical order: bindingsByOrder[b.order] === b */
  bindingsByOrder: BindingEntry[];
  /**
   * The subject ranks of every binding, flat and in binding order: binding `order` has
   * ranksFlat[ranksStart[order] .. ranksStart[order + 1]). who-can walks bindings in order, so it
   * reads this memory front to back instead of chasing each binding's own array.
   */
  ranksStart: Uint32Array;
  ranksFlat: Uint32Array;
  /** the id of each binding's role, by binding order; -1 when the binding grants nothing */
  roleIdByOrder: Int32Array;
  /** Grant objects shared by every answer that names the same (binding, rule); see sharedGrant */
  grantCache: GrantCache;
  serviceAccounts: Map<string, ServiceAccount>;
  /** "ns/name" of a service account -> pods running as it */
  podsByServiceAccount: Map<string, Pod[]>;
  namespaces: string[];
}

/**
 * A memo of the Grant for each (binding, rule), created empty by buildIndex and filled by queries
 * as they hand out grants: the only part of an index a query writes, and it never changes an answer
 * (a Grant is a pure function of its binding and rule). Sharing them keeps -A answers, with tens of
 * thousands of grant rows, from allocating a Grant per row. Slot of rule i of the binding with
 * order o: slots[start[o] + i].
 */
export interface GrantCache {
  start: Uint32Array;
  slots: (Grant | undefined)[];
}

export function roleKeyFor(binding: Binding): string {
  if (binding.roleRef.kind === 'ClusterRole') return `ClusterRole/${binding.roleRef.name}`;
  // A RoleBinding's Role lives in the binding's namespace; a ClusterRoleBinding cannot bind a Role.
  return binding.kind === 'RoleBinding' ? `Role/${binding.metadata.namespace}/${binding.roleRef.name}` : '';
}

/** Builds the index of a snapshot in one call. */
export function buildIndex(snapshot: Snapshot): AtlasIndex {
  const steps = buildIndexSteps(snapshot);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Objects (roles, bindings, service accounts, pods) indexed between two yields of buildIndexSteps. */
export const INDEX_STEP = 4000;

/**
 * The same index, built in steps: the generator yields after every `every` objects (and between the
 * phases), so that a caller with other work to do (the web server answering requests while a large
 * upload is indexed) can resume it later. The index is complete, and only returned, at the end; the
 * snapshot must not change in between. Nothing else is shared between steps.
 */
export function* buildIndexSteps(snapshot: Snapshot, every = INDEX_STEP): Generator<void, AtlasIndex, void> {
  let budget = every;
  const tick = (): boolean => {
    if (--budget > 0) return false;
    budget = every;
    return true;
  };
  const unbound: RoleBindings = { cluster: [], byNamespace: new Map() };
  const roles = new Map<string, RoleEntry>();
  const roleList: RoleEntry[] = [];
  const resourceRules: RuleTable = new Map();
  const nonResourceRules: RuleRef[] = [];
  const clusterResourceRules: RuleTable = new Map();
  const namespaceResourceRules = new Map<string, RuleTable>();
  const groupOf = (table: RuleTable, group: string) => {
    let byResource = table.get(group);
    if (!byResource) table.set(group, (byResource = new Map()));
    return byResource;
  };
  const file = (byResource: Map<string, RuleRef[]>, resource: string, ruleRef: RuleRef) => {
    const list = byResource.get(resource);
    if (list) list.push(ruleRef);
    else byResource.set(resource, [ruleRef]);
  };
  // Shapes by exact content (JSON of the five lists: no separator a hostile name could forge); a rule
  // object shared by several roles (aggregation) is keyed once.
  const shapeByRule = new Map<PolicyRule, number>();
  const shapeByKey = new Map<string, number>();
  const shapeOf = (rule: PolicyRule): number => {
    let shape = shapeByRule.get(rule);
    if (shape !== undefined) return shape;
    const key = JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
    shape = shapeByKey.get(key);
    if (shape === undefined) shapeByKey.set(key, (shape = shapeByKey.size));
    shapeByRule.set(rule, shape);
    return shape;
  };
  const addRole = (role: AnyRole, key: string, ref: ObjectRef) => {
    const entry: RoleEntry = { id: roleList.length, key, ref, role, rules: role.rules, bound: unbound };
    roles.set(key, entry);
    roleList.push(entry);
    let scoped: RuleTable;
    if (role.kind === 'ClusterRole') scoped = clusterResourceRules;
    else {
      const ns = role.metadata.namespace;
      let t = namespaceResourceRules.get(ns);
      if (!t) namespaceResourceRules.set(ns, (t = new Map()));
      scoped = t;
    }
    const rules = role.rules;
    for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
      const rule = rules[ruleIndex]!;
      const ruleRef: RuleRef = { role: entry, ruleIndex, rule, shape: shapeOf(rule) };
      if (rule.nonResourceURLs.length > 0) nonResourceRules.push(ruleRef);
      // each (group, resource) pair once, so that a bucket lists a rule at most once
      const { apiGroups, resources } = rule;
      for (let g = 0; g < apiGroups.length; g++) {
        const group = apiGroups[g]!;
        if (apiGroups.indexOf(group) !== g) continue;
        const all = groupOf(resourceRules, group);
        const mine = groupOf(scoped, group);
        for (let r = 0; r < resources.length; r++) {
          const resource = resources[r]!;
          if (resources.indexOf(resource) !== r) continue;
          file(all, resource, ruleRef);
          file(mine, resource, ruleRef);
        }
      }
    }
  };
  for (const r of snapshot.clusterRoles) {
    addRole(r, `ClusterRole/${r.metadata.name}`, { kind: 'ClusterRole', name: r.metadata.name });
    if (tick()) yield;
  }
  for (const r of snapshot.roles) {
    addRole(r, `Role/${r.metadata.namespace}/${r.metadata.name}`, { kind: 'Role', name: r.metadata.name, namespace: r.metadata.namespace });
    if (tick()) yield;
  }

  const bindings: BindingEntry[] = [];
  const bindingsByUser = new Map<string, BindingEntry[]>();
  const bindingsByGroup = new Map<string, BindingEntry[]>();
  const bindingsByRole = new Map<string, RoleBindings>();
  const subjects = new Map<string, IndexedSubject>();
  const push = (map: Map<string, BindingEntry[]>, key: string, entry: BindingEntry) => {
    const list = map.get(key);
    if (!list) map.set(key, [entry]);
    else list.push(entry);
  };

  const addBinding = (binding: Binding) => {
    const isCluster = binding.kind === 'ClusterRoleBinding';
    const namespace = isCluster ? '' : binding.metadata.namespace;
    const roleKey = roleKeyFor(binding);
    const entry: BindingEntry = {
      key: isCluster ? `ClusterRoleBinding/${binding.metadata.name}` : `RoleBinding/${namespace}/${binding.metadata.name}`,
      ref: isCluster ? { kind: 'ClusterRoleBinding', name: binding.metadata.name } : { kind: 'RoleBinding', name: binding.metadata.name, namespace },
      binding,
      scope: isCluster ? CLUSTER_SCOPE : namespace,
      namespace,
      // always present (possibly undefined) so that every entry has the same shape for the JIT
      role: roles.get(roleKey),
      roleKey,
      subjects: [],
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
      if (entry.subjects.includes(interned)) continue; // listed twice in one binding (or as User and ServiceAccount)
      entry.subjects.push(interned);
      if (isGroup) push(bindingsByGroup, subject.name, entry);
      else push(bindingsByUser, user!, entry);
    }
    if (!roleKey) return;
    let byRole = bindingsByRole.get(roleKey);
    if (!byRole) {
      bindingsByRole.set(roleKey, (byRole = { cluster: [], byNamespace: new Map() }));
      if (entry.role) entry.role.bound = byRole;
    }
    if (isCluster) byRole.cluster.push(entry);
    else {
      const list = byRole.byNamespace.get(namespace);
      if (list) list.push(entry);
      else byRole.byNamespace.set(namespace, [entry]);
    }
  };
  for (const list of [snapshot.clusterRoleBindings, snapshot.roleBindings]) {
    for (const b of list) {
      addBinding(b);
      if (tick()) yield;
    }
  }
  yield;

  // The canonical orders, once: subjects by kind (User, Group, ServiceAccount), namespace, name;
  // bindings cluster-wide first, then by namespace, kind, name.
  const subjectsByRank = [...subjects.values()].sort(compareIndexedSubjects);
  for (let i = 0; i < subjectsByRank.length; i++) subjectsByRank[i]!.rank = i;
  yield;
  const bindingsByOrder = [...bindings].sort(compareBindingEntries);
  yield;
  const count = bindingsByOrder.length;
  const ranksStart = new Uint32Array(count + 1);
  const roleIdByOrder = new Int32Array(count);
  const grantStart = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const b = bindingsByOrder[i]!;
    b.order = i;
    ranksStart[i + 1] = ranksStart[i]! + b.subjects.length;
    roleIdByOrder[i] = b.role ? b.role.id : -1;
    grantStart[i + 1] = grantStart[i]! + (b.role ? b.role.rules.length : 0);
  }
  const ranksFlat = new Uint32Array(ranksStart[count]!);
  for (let i = 0, at = 0; i < count; i++) for (const s of bindingsByOrder[i]!.subjects) ranksFlat[at++] = s.rank;
  const grantCache: GrantCache = { start: grantStart, slots: new Array<Grant | undefined>(grantStart[count]!) };
  const serviceAccounts = new Map<string, ServiceAccount>();
  yield;
  for (const sa of snapshot.serviceAccounts) {
    serviceAccounts.set(`${sa.metadata.namespace}/${sa.metadata.name}`, sa);
    if (tick()) yield;
  }
  const podsByServiceAccount = new Map<string, Pod[]>();
  for (const pod of snapshot.pods) {
    const key = `${pod.metadata.namespace}/${pod.serviceAccountName}`;
    const list = podsByServiceAccount.get(key);
    if (list) list.push(pod);
    else podsByServiceAccount.set(key, [pod]);
    if (tick()) yield;
  }
  yield;

  const namespaceSet = new Set<string>();
  for (const ns of snapshot.namespaces) namespaceSet.add(ns.metadata.name);
  for (const list of [snapshot.roles, snapshot.roleBindings, snapshot.serviceAccounts, snapshot.pods]) {
    for (const o of list) namespaceSet.add(o.metadata.namespace);
  }

  return {
    snapshot,
    roles,
    roleList,
    bindings,
    bindingsByUser,
    bindingsByGroup,
    bindingsByRole,
    resourceRules,
    clusterResourceRules,
    namespaceResourceRules,
    nonResourceRules,
    ruleShapes: shapeByKey.size,
    subjects,
    subjectsByRank,
    bindingsByOrder,
    ranksStart,
    ranksFlat,
    roleIdByOrder,
    grantCache,
    serviceAccounts,
    podsByServiceAccount,
    namespaces: [...namespaceSet].sort(),
  };
}

/** Does a binding apply to a request in `namespace` ("" = cluster-scoped request)? */
export function bindingAppliesIn(entry: BindingEntry, namespace: string): boolean {
  return isClusterBinding(entry) || (namespace !== '' && entry.namespace === namespace);
}

/**
 * Is the binding a ClusterRoleBinding (its grants apply cluster-wide)? Decided by its kind, never by
 * `scope === CLUSTER_SCOPE`: a namespace may itself be named "cluster", and a RoleBinding there is
 * scoped to that namespace only.
 */
export function isClusterBinding(entry: BindingEntry): boolean {
  return entry.ref.kind === 'ClusterRoleBinding';
}

/** Is the grant a ClusterRoleBinding's (cluster-wide)? By the binding's kind, as isClusterBinding. */
export function isClusterGrant(grant: { binding: { kind: string } }): boolean {
  return grant.binding.kind === 'ClusterRoleBinding';
}

/** The ClusterRoleBindings, and the RoleBindings of each namespace, in the index's order. */
export interface BindingsByNamespace {
  cluster: BindingEntry[];
  byNamespace: Map<string, BindingEntry[]>;
}

/** Groups bindings into the ClusterRoleBindings and the RoleBindings of each namespace, keeping their order. */
export function groupBindings(entries: readonly BindingEntry[]): BindingsByNamespace {
  const out: BindingsByNamespace = { cluster: [], byNamespace: new Map() };
  for (const entry of entries) {
    if (isClusterBinding(entry)) out.cluster.push(entry);
    else {
      const list = out.byNamespace.get(entry.namespace);
      if (list) list.push(entry);
      else out.byNamespace.set(entry.namespace, [entry]);
    }
  }
  return out;
}

const BY_NAMESPACE = new WeakMap<AtlasIndex, BindingsByNamespace>();

/** groupBindings of the index's bindings (in the index's order), built once per index. */
export function bindingsByNamespace(index: AtlasIndex): BindingsByNamespace {
  let found = BY_NAMESPACE.get(index);
  if (!found) BY_NAMESPACE.set(index, (found = groupBindings(index.bindings)));
  return found;
}

/** The Grant for rule `ruleIndex` of a binding's role (the binding must have a role). */
export function grantOf(entry: BindingEntry, ruleIndex: number): Grant {
  const role = entry.role!;
  return { binding: entry.ref, role: role.ref, rule: role.rules[ruleIndex]!, ruleIndex, scope: entry.scope };
}

/**
 * The index's shared Grant for rule `ruleIndex` of the binding with this order (the binding must have
 * a role). Takes the order rather than the entry: the hot loop of -A reads no binding object unless
 * the Grant must be made.
 */
export function sharedGrant(index: AtlasIndex, order: number, ruleIndex: number): Grant {
  const { start, slots } = index.grantCache;
  const slot = start[order]! + ruleIndex;
  return (slots[slot] ??= grantOf(index.bindingsByOrder[order]!, ruleIndex));
}

const KIND_RANK: Record<string, number> = { User: 0, Group: 1, ServiceAccount: 2 };

function compareIndexedSubjects(a: IndexedSubject, b: IndexedSubject): number {
  const x = a.ref;
  const y = b.ref;
  return (KIND_RANK[x.kind] ?? 9) - (KIND_RANK[y.kind] ?? 9) || compareStrings(x.namespace ?? '', y.namespace ?? '') || compareStrings(x.name, y.name);
}

function compareBindingEntries(a: BindingEntry, b: BindingEntry): number {
  const ca = isClusterBinding(a);
  const cb = isClusterBinding(b);
  if (ca !== cb) return ca ? -1 : 1;
  return compareStrings(a.scope, b.scope) || compareStrings(a.ref.kind, b.ref.kind) || compareStrings(a.ref.name, b.ref.name);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
