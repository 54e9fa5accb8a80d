// Namespace drill-down: the namespace list (counts and a risk hint) and one namespace's bindings,
// access matrix (the `access-matrix -o json` document), service accounts and pods.
import { accessMatrix } from '../engine/matrix';
import { nodeId, type NodeId } from '../engine/graph';
import { CLUSTER_SCOPE, type AtlasIndex, type BindingEntry } from '../engine/query-index';
import { resourceRequest } from '../engine/request';
import { reportedSubject, subjectRefKey } from '../engine/subjects';
import { whoCan } from '../engine/who-can';
import { AtlasError } from '../errors';
import { matrixJson, type MatrixJson } from '../format/json';

export interface NamespaceItem {
  name: string;
  roleBindings: number;
  roles: number;
  serviceAccounts: number;
  pods: number;
  /** subjects that can get secrets / create pods/exec there (cluster-wide grants included) */
  risk: { readSecrets: number; exec: number };
}

const RISK_REQUESTS = {
  readSecrets: resourceRequest('get', { apiGroup: '', resource: 'secrets', subresource: '' }, '', ''),
  exec: resourceRequest('create', { apiGroup: '', resource: 'pods', subresource: 'exec' }, '', ''),
};

const listCache = new WeakMap<AtlasIndex, NamespaceItem[]>();

/** Subjects allowed per namespace, from one all-namespaces who-can: cluster-wide ones count everywhere. */
function allowedPerNamespace(index: AtlasIndex, request: (typeof RISK_REQUESTS)[keyof typeof RISK_REQUESTS]) {
  const answer = whoCan(index, request, { allNamespaces: true });
  const clusterWide = new Set<string>();
  const local = new Map<string, Set<string>>();
  for (const s of answer.subjects) {
    const key = subjectRefKey(s);
    for (const g of s.grants) {
      if (g.scope === CLUSTER_SCOPE) clusterWide.add(key);
      else {
        let set = local.get(g.scope);
        if (!set) local.set(g.scope, (set = new Set()));
        set.add(key);
      }
    }
  }
  return (ns: string) => {
    const set = local.get(ns);
    if (!set) return clusterWide.size;
    let n = clusterWide.size;
    for (const k of set) if (!clusterWide.has(k)) n++;
    return n;
  };
}

export function namespaceList(index: AtlasIndex): NamespaceItem[] {
  const cached = listCache.get(index);
  if (cached) return cached;
  const s = index.snapshot;
  const count = (list: readonly { metadata: { namespace: string } }[]) => {
    const m = new Map<string, number>();
    for (const o of list) m.set(o.metadata.namespace, (m.get(o.metadata.namespace) ?? 0) + 1);
    return m;
  };
  const rb = count(s.roleBindings);
  const roles = count(s.roles);
  const sas = count(s.serviceAccounts);
  const pods = count(s.pods);
  const secrets = allowedPerNamespace(index, RISK_REQUESTS.readSecrets);
  const exec = allowedPerNamespace(index, RISK_REQUESTS.exec);
  const items = index.namespaces.map((name) => ({
    name,
    roleBindings: rb.get(name) ?? 0,
    roles: roles.get(name) ?? 0,
    serviceAccounts: sas.get(name) ?? 0,
    pods: pods.get(name) ?? 0,
    risk: { readSecrets: secrets(name), exec: exec(name) },
  }));
  listCache.set(index, items);
  return items;
}

export interface BindingItem {
  id: NodeId;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  role: NodeId;
  /** false when the role does not exist (the binding grants nothing) */
  roleFound: boolean;
  subjects: { id: NodeId; label: string }[];
}

export interface NamespaceDetail {
  name: string;
  item: NamespaceItem;
  bindings: BindingItem[];
  clusterBindings: number;
  /** `access-matrix -n NS -o json` */
  matrix: MatrixJson;
  serviceAccounts: { id: NodeId; name: string; pods: number; automount?: boolean }[];
  pods: { id: NodeId; name: string; serviceAccount: NodeId; serviceAccountName: string; node?: string; phase?: string }[];
}

export function bindingItem(entry: BindingEntry): BindingItem {
  const subjects: BindingItem['subjects'] = [];
  for (const s of entry.binding.subjects) {
    const ref = reportedSubject(s, entry.namespace);
    if (!ref) continue;
    subjects.push({ id: nodeId(ref), label: ref.kind === 'ServiceAccount' ? `${ref.namespace}/${ref.name}` : ref.name });
  }
  const roleRef = entry.binding.roleRef;
  const role = entry.role ? entry.role.key : entry.roleKey || `${roleRef.kind}/${roleRef.name}`;
  return {
    id: entry.key,
    kind: entry.binding.kind,
    name: entry.binding.metadata.name,
    role,
    roleFound: entry.role !== undefined,
    subjects,
  };
}

export function namespaceDetail(index: AtlasIndex, ns: string): NamespaceDetail {
  const item = namespaceList(index).find((n) => n.name === ns);
  if (!item) throw new AtlasError('usage', `namespace "${ns}" is not in the data source`, { httpStatus: 404 });
  const local = index.bindings.filter((b) => b.scope === ns);
  const cluster = index.bindings.filter((b) => b.scope === CLUSTER_SCOPE);
  const serviceAccounts = index.snapshot.serviceAccounts
    .filter((sa) => sa.metadata.namespace === ns)
    .map((sa) => ({
      id: nodeId({ kind: 'ServiceAccount', namespace: ns, name: sa.metadata.name }),
      name: sa.metadata.name,
      pods: index.podsByServiceAccount.get(`${ns}/${sa.metadata.name}`)?.length ?? 0,
      ...(sa.automountServiceAccountToken !== undefined ? { automount: sa.automountServiceAccountToken } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const pods = index.snapshot.pods
    .filter((p) => p.metadata.namespace === ns)
    .map((p) => ({
      id: nodeId({ kind: 'Pod', namespace: ns, name: p.metadata.name }),
      name: p.metadata.name,
      serviceAccount: nodeId({ kind: 'ServiceAccount', namespace: ns, name: p.serviceAccountName }),
      serviceAccountName: p.serviceAccountName,
      ...(p.nodeName ? { node: p.nodeName } : {}),
      ...(p.phase ? { phase: p.phase } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: ns,
    item,
    bindings: [...local, ...cluster].map(bindingItem),
    clusterBindings: cluster.length,
    matrix: matrixJson(accessMatrix(index, ns)),
    serviceAccounts,
    pods,
  };
}

/** How many items of each list the drill-down page renders at once; the rest is one click away (?all=1). */
export const NAMESPACE_PAGE_ITEMS = 100;

export interface NamespacePage {
  /** the namespace's detail, with the first items of each list (unless `all`); the matrix whole */
  detail: NamespaceDetail;
  /** how many there are in all (the lists in `detail` may be shorter) */
  totals: { roleBindings: number; clusterRoleBindings: number; serviceAccounts: number; pods: number };
}

/**
 * The data of the namespace drill-down page: the detail the API returns, with the first
 * NAMESPACE_PAGE_ITEMS RoleBindings, ClusterRoleBindings, service accounts and pods unless `all`
 * (a namespace of a large cluster has thousands). The counts (`item`, `totals`) are those of the
 * whole namespace. The access matrix is whole: its component filters it in the browser.
 */
export function namespacePage(index: AtlasIndex, ns: string, o: { all?: boolean } = {}): NamespacePage {
  const full = namespaceDetail(index, ns);
  const local = full.bindings.filter((b) => b.kind === 'RoleBinding');
  const cluster = full.bindings.filter((b) => b.kind === 'ClusterRoleBinding');
  const first = <T>(list: T[]) => (o.all ? list : list.slice(0, NAMESPACE_PAGE_ITEMS));
  return {
    detail: { ...full, bindings: [...first(local), ...first(cluster)], serviceAccounts: first(full.serviceAccounts), pods: first(full.pods) },
    totals: { roleBindings: local.length, clusterRoleBindings: cluster.length, serviceAccounts: full.serviceAccounts.length, pods: full.pods.length },
  };
}
