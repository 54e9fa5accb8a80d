// What the techniques read besides RBAC: ServiceAccounts, pods (their ServiceAccount, token mount,
// node), nodes, the PodSecurity level of each namespace and the legacy token Secrets. Built once
// per index (preparePaths); pure data, sorted so that every answer comes out in the same order.
import { tokenMounted } from '../findings/context';
import { SECRET_TYPE_SERVICE_ACCOUNT_TOKEN } from '../normalize';
import { groupBindings, type AtlasIndex, type BindingEntry, type RoleEntry } from '../query-index';
import { subjectRefKey } from '../subjects';
import type { Namespace, Pod, SecretMeta, SubjectRef } from '../types';
import { cmp } from '../who-can';
import { buildRoleMatches, roleMasksOf, type ProbeMask, type RoleMatches } from './allowances';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface PodInfo {
  namespace: string;
  name: string;
  serviceAccount: SubjectRef;
  /** pod setting, else its ServiceAccount's, else true */
  tokenMounted: boolean;
  /** not Succeeded or Failed: one can run commands in it */
  running: boolean;
  nodeName?: string;
}

export interface TokenSecret {
  namespace: string;
  name: string;
  serviceAccount: SubjectRef;
}

export interface World {
  index: AtlasIndex;
  matches: RoleMatches;
  /** the probes each role has a rule for */
  roleMasks: Map<RoleEntry, ProbeMask>;
  /** the probes a user's or a group's own bindings give, filled in on first use */
  userMasks: Map<string, ProbeMask>;
  groupMasks: Map<string, ProbeMask>;
  /** every namespace named anywhere, sorted */
  namespaces: string[];
  namespaceObjects: Map<string, Namespace>;
  /**
   * ServiceAccounts that exist (objects, or referenced by pods, which the API server admitted), by
   * namespace, sorted; in a namespace without any ServiceAccount object, the ones bindings name
   * are assumed to exist (`assumedIn`)
   */
  existingServiceAccounts: Map<string, SubjectRef[]>;
  assumedIn: Set<string>;
  /** every ServiceAccount identity: existing ones and those only bindings name */
  knownServiceAccounts: Map<string, SubjectRef[]>;
  podsByNamespace: Map<string, PodInfo[]>;
  podsByNode: Map<string, PodInfo[]>;
  pods: PodInfo[];
  /** node names from pods' spec.nodeName, sorted */
  nodes: string[];
  /** running pods without spec.nodeName (not scheduled: on no node) */
  unscheduledPods: number;
  tokenSecrets: Map<string, TokenSecret[]>;
  /** legacy token Secrets the control plane marked invalid (not usable) */
  invalidTokenSecrets: number;
  /** the snapshot holds no Secret at all (e.g. a live cluster, or a dump without Secrets) */
  noSecrets: boolean;
  /**
   * Roles worth binding: those with a rule some technique or sink asks about (a role without one
   * adds no step), ClusterRoles by name and Roles by namespace, sorted
   */
  bindableClusterRoles: RoleEntry[];
  bindableClusterRolesByName: Map<string, RoleEntry>;
  bindableRoles: Map<string, RoleEntry[]>;
  /** ClusterRoleBindings, and RoleBindings by namespace (a namespace may be named "cluster"), in canonical order */
  clusterBindings: BindingEntry[];
  bindingsByNamespace: Map<string, BindingEntry[]>;
  /** User subjects of bindings (not service-account user names) and Group subjects, sorted */
  users: string[];
  groups: string[];
}

export function buildWorld(index: AtlasIndex): World {
  const snapshot = index.snapshot;
  const namespaceObjects = new Map<string, Namespace>();
  for (const ns of snapshot.namespaces) namespaceObjects.set(ns.metadata.name, ns);

  // one SubjectRef object per ServiceAccount, shared by every list below (the graph finds states by it)
  const refs = new Map<string, SubjectRef>();
  const saRef = (namespace: string, name: string): SubjectRef => {
    const key = `${namespace}/${name}`;
    let ref = refs.get(key);
    if (!ref) refs.set(key, (ref = { kind: 'ServiceAccount', name, namespace }));
    return ref;
  };
  const existing = new Map<string, Map<string, SubjectRef>>();
  const known = new Map<string, Map<string, SubjectRef>>();
  const addTo = (map: Map<string, Map<string, SubjectRef>>, namespace: string, name: string) => {
    let byName = map.get(namespace);
    if (!byName) map.set(namespace, (byName = new Map()));
    if (!byName.has(name)) byName.set(name, saRef(namespace, name));
  };
  const withObjects = new Set<string>();
  for (const sa of snapshot.serviceAccounts) {
    withObjects.add(sa.metadata.namespace);
    addTo(existing, sa.metadata.namespace, sa.metadata.name);
  }

  const pods: PodInfo[] = [];
  const podsByNamespace = new Map<string, PodInfo[]>();
  const podsByNode = new Map<string, PodInfo[]>();
  let unscheduledPods = 0;
  const sortedPods = [...snapshot.pods].sort((a, b) => cmp(a.metadata.namespace, b.metadata.namespace) || cmp(a.metadata.name, b.metadata.name));
  for (const pod of sortedPods) {
    const info = podInfo(index, pod, saRef);
    pods.push(info);
    addTo(existing, info.namespace, pod.serviceAccountName);
    push(podsByNamespace, info.namespace, info);
    if (info.nodeName) push(podsByNode, info.nodeName, info);
    else if (info.running) unscheduledPods++;
  }

  const users = new Set<string>();
  const groups = new Set<string>();
  const assumedIn = new Set<string>();
  const namespaceSet = new Set(index.namespaces);
  for (const s of index.subjects.values()) {
    const ref = s.ref;
    if (ref.kind === 'User') users.add(ref.name);
    else if (ref.kind === 'Group') groups.add(ref.name);
    else {
      const ns = ref.namespace!;
      addTo(known, ns, ref.name);
      // A namespace that exists (it holds objects) but whose ServiceAccounts the input left out.
      if (!withObjects.has(ns) && namespaceSet.has(ns)) {
        assumedIn.add(ns);
        addTo(existing, ns, ref.name);
      }
    }
  }
  for (const [ns, byName] of existing) for (const name of byName.keys()) addTo(known, ns, name);

  const tokenSecrets = new Map<string, TokenSecret[]>();
  let invalidTokenSecrets = 0;
  const secrets: SecretMeta[] = [...(snapshot.secrets ?? [])].sort((a, b) => cmp(a.metadata.namespace, b.metadata.namespace) || cmp(a.metadata.name, b.metadata.name));
  for (const s of secrets) {
    if (s.type !== SECRET_TYPE_SERVICE_ACCOUNT_TOKEN || !s.serviceAccountName) continue;
    if (s.invalidSince !== undefined) {
      invalidTokenSecrets++;
      continue;
    }
    const namespace = s.metadata.namespace;
    push(tokenSecrets, namespace, { namespace, name: s.metadata.name, serviceAccount: saRef(namespace, s.serviceAccountName) });
  }

  const matches = buildRoleMatches(index);
  const bindableClusterRoles: RoleEntry[] = [];
  const bindableRoles = new Map<string, RoleEntry[]>();
  for (const role of matches.keys()) {
    if (role.role.kind === 'ClusterRole') bindableClusterRoles.push(role);
    else push(bindableRoles, role.role.metadata.namespace!, role);
  }
  bindableClusterRoles.sort((a, b) => cmp(a.ref.name, b.ref.name));
  // in canonical order, so that edges come out in the same order whatever the input's
  const { cluster: clusterBindings, byNamespace: bindingsByNamespace } = groupBindings(index.bindingsByOrder);
  for (const list of bindableRoles.values()) list.sort((a, b) => cmp(a.ref.name, b.ref.name));

  return {
    index,
    matches,
    roleMasks: roleMasksOf(matches),
    userMasks: new Map(),
    groupMasks: new Map(),
    bindableClusterRoles,
    bindableClusterRolesByName: new Map(bindableClusterRoles.map((r) => [r.ref.name, r])),
    bindableRoles,
    clusterBindings,
    bindingsByNamespace,
    namespaces: index.namespaces,
    namespaceObjects,
    existingServiceAccounts: sortedRefs(existing),
    assumedIn,
    knownServiceAccounts: sortedRefs(known),
    podsByNamespace,
    podsByNode,
    pods,
    nodes: [...podsByNode.keys()].sort(cmp),
    unscheduledPods,
    tokenSecrets,
    invalidTokenSecrets,
    noSecrets: (snapshot.secrets ?? []).length === 0,
    users: [...users].sort(cmp),
    groups: [...groups].sort(cmp),
  };
}

function podInfo(index: AtlasIndex, pod: Pod, saRef: (namespace: string, name: string) => SubjectRef): PodInfo {
  const namespace = pod.metadata.namespace;
  const sa = index.serviceAccounts.get(`${namespace}/${pod.serviceAccountName}`);
  const info: PodInfo = {
    namespace,
    name: pod.metadata.name,
    serviceAccount: saRef(namespace, pod.serviceAccountName),
    tokenMounted: tokenMounted(pod, sa),
    running: pod.phase !== 'Succeeded' && pod.phase !== 'Failed',
  };
  if (pod.nodeName) info.nodeName = pod.nodeName;
  return info;
}

/**
 * The PodSecurity `enforce` level of a namespace, as the admission plugin reads it: no label =
 * the cluster default (privileged unless the AdmissionConfiguration says otherwise), an invalid
 * value = restricted. undefined when the snapshot has no Namespace object (the label is unknown).
 */
export function enforceLevel(world: World, namespace: string): PodSecurityLevel | undefined {
  const ns = world.namespaceObjects.get(namespace);
  if (!ns) return undefined;
  if (!Object.hasOwn(ns.metadata.labels, ENFORCE_LABEL)) return 'privileged';
  const value = ns.metadata.labels[ENFORCE_LABEL];
  return value === 'privileged' || value === 'baseline' ? value : 'restricted';
}

export function serviceAccountKey(namespace: string, name: string): string {
  return subjectRefKey({ kind: 'ServiceAccount', namespace, name });
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortedRefs(map: Map<string, Map<string, SubjectRef>>): Map<string, SubjectRef[]> {
  const out = new Map<string, SubjectRef[]>();
  for (const ns of [...map.keys()].sort(cmp)) out.set(ns, [...map.get(ns)!.values()].sort((a, b) => cmp(a.name, b.name)));
  return out;
}
