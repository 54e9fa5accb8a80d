// Namespace drill-down: the namespace list (counts and a risk hint) and one namespace's bindings,
// access matrix (the `access-matrix -o json` document), service accounts and pods.
import { accessMatrix } from '../engine/matrix';
import { nodeId, type NodeId } from '../engine/graph';
import { bindingsByNamespace, isClusterBinding, isClusterGrant, type AtlasIndex, type BindingEntry } from '../engine/query-index';
import { resourceRequest } from '../engine/request';
import { reportedSubject, subjectRefKey } from '../engine/subjects';
import type { PolicyRule, SubjectRef } from '../engine/types';
import { whoCan } from '../engine/who-can';
import { AtlasError } from '../errors';
import { matrixJson, type MatrixJson } from '../format/json';
import { cellRisks, MATRIX_RISKS, riskWeight, type MatrixRisk } from './matrix-risk';

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

/** An index's service accounts and pods by namespace, built once per index (a drill-down reads one namespace's; bindings: bindingsByNamespace). */
interface ByNamespace {
  serviceAccounts: Map<string, AtlasIndex['snapshot']['serviceAccounts']>;
  pods: Map<string, AtlasIndex['snapshot']['pods']>;
}
const byNamespaceCache = new WeakMap<AtlasIndex, ByNamespace>();

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of list) {
    const k = key(t);
    const found = m.get(k);
    if (found) found.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function byNamespace(index: AtlasIndex): ByNamespace {
  let found = byNamespaceCache.get(index);
  if (!found) {
    found = {
      serviceAccounts: groupBy(index.snapshot.serviceAccounts, (sa) => sa.metadata.namespace),
      pods: groupBy(index.snapshot.pods, (p) => p.metadata.namespace),
    };
    byNamespaceCache.set(index, found);
  }
  return found;
}

/** Subjects allowed per namespace, from one all-namespaces who-can: cluster-wide ones count everywhere. */
function allowedPerNamespace(index: AtlasIndex, request: (typeof RISK_REQUESTS)[keyof typeof RISK_REQUESTS]) {
  const answer = whoCan(index, request, { allNamespaces: true });
  const clusterWide = new Set<string>();
  const local = new Map<string, Set<string>>();
  for (const s of answer.subjects) {
    const key = subjectRefKey(s);
    for (const g of s.grants) {
      if (isClusterGrant(g)) clusterWide.add(key);
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
  /** what only the page needs: per matrix subject (by row id), where it comes from and its risky powers here */
  view: { subjects: Record<string, MatrixSubjectInfo> };
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

export interface MatrixSubjectInfo {
  subject: SubjectRef;
  /** a ServiceAccount of the namespace, or named by one of its RoleBindings */
  local: boolean;
  /** named by a ClusterRoleBinding (its grants hold in every namespace) */
  clusterWide: boolean;
  /** its risky powers in the namespace (cells of the matrix, and escalate, bind, impersonate, wildcard rules), worst first */
  risks: MatrixRisk[];
}

const RBAC = 'rbac.authorization.k8s.io';

/** Powers the matrix's verbs and resources cannot show, as who-can requests in a namespace. */
function extraRiskRequests(ns: string): { risk: MatrixRisk; request: ReturnType<typeof resourceRequest> }[] {
  const r = (risk: MatrixRisk, verb: string, apiGroup: string, resource: string, namespace: string) => ({ risk, request: resourceRequest(verb, { apiGroup, resource, subresource: '' }, namespace, '') });
  return [
    r('escalate', 'escalate', RBAC, 'roles', ns),
    r('bind', 'bind', RBAC, 'roles', ns),
    r('bind', 'bind', RBAC, 'clusterroles', ns),
    r('impersonate', 'impersonate', '', 'serviceaccounts', ns),
    r('impersonate', 'impersonate', '', 'users', ''),
    r('impersonate', 'impersonate', '', 'groups', ''),
  ];
}

function isWildcardRule(rule: PolicyRule): boolean {
  return rule.resources.length > 0 && (rule.verbs.includes('*') || rule.resources.includes('*'));
}

/**
 * Per subject of the matrix (and per subject holding escalate, bind, impersonate or a wildcard rule
 * there though no matrix cell): local or cluster-wide, and its risky powers in the namespace. Like the
 * matrix, only the bindings that name the subject directly count.
 */
export function matrixSubjects(index: AtlasIndex, ns: string, matrix: MatrixJson): Record<string, MatrixSubjectInfo> {
  const extra = new Map<string, { subject: SubjectRef; risks: Set<MatrixRisk> }>();
  const addRisk = (subject: SubjectRef, risk: MatrixRisk) => {
    const key = subjectRefKey(subject);
    let found = extra.get(key);
    if (!found) extra.set(key, (found = { subject, risks: new Set() }));
    found.risks.add(risk);
  };
  for (const { risk, request } of extraRiskRequests(ns)) {
    for (const s of whoCan(index, request).subjects) addRisk(s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, name: s.name }, risk);
  }
  const local = new Set<string>();
  const clusterWide = new Set<string>();
  const { cluster, byNamespace: bindings } = bindingsByNamespace(index);
  for (const entry of [...(bindings.get(ns) ?? []), ...cluster]) {
    // a binding to a missing role grants nothing: it does not make its subjects local
    if (entry.role) for (const s of entry.subjects) (isClusterBinding(entry) ? clusterWide : local).add(s.key);
    if (entry.role?.rules.some(isWildcardRule)) for (const s of entry.subjects) addRisk(s.ref, 'wildcard');
  }
  const out: Record<string, MatrixSubjectInfo> = {};
  const info = (subject: SubjectRef, key: string, risks: Iterable<MatrixRisk>): MatrixSubjectInfo => {
    const all = new Set(risks);
    for (const r of extra.get(key)?.risks ?? []) all.add(r);
    return {
      subject,
      local: local.has(key) || (subject.kind === 'ServiceAccount' && subject.namespace === ns),
      clusterWide: clusterWide.has(key),
      risks: MATRIX_RISKS.filter((r) => all.has(r)),
    };
  };
  for (const row of matrix.rows) out[row.id] = info(row.subject, row.id, cellRisks(row.cells));
  for (const [key, e] of extra) if (!out[key]) out[key] = info(e.subject, key, []);
  return out;
}

/** How many namespaces' details each index keeps (the latest asked), so going back to one is instant. */
const DETAIL_CACHE_SIZE = 32;
const detailCache = new WeakMap<AtlasIndex, Map<string, NamespaceDetail>>();

/** A namespace's detail (cached per index: the latest DETAIL_CACHE_SIZE namespaces). Callers must not change it. */
export function namespaceDetail(index: AtlasIndex, ns: string): NamespaceDetail {
  let cache = detailCache.get(index);
  if (!cache) detailCache.set(index, (cache = new Map()));
  let found = cache.get(ns);
  if (found) cache.delete(ns); // re-inserted below: the most recent last
  else found = computeDetail(index, ns);
  cache.set(ns, found);
  if (cache.size > DETAIL_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return found;
}

function computeDetail(index: AtlasIndex, ns: string): NamespaceDetail {
  const item = namespaceList(index).find((n) => n.name === ns);
  if (!item) throw new AtlasError('usage', `namespace "${ns}" is not in the data source`, { httpStatus: 404 });
  const by = byNamespace(index);
  const bindings = bindingsByNamespace(index);
  const local = bindings.byNamespace.get(ns) ?? [];
  const cluster = bindings.cluster;
  const serviceAccounts = (by.serviceAccounts.get(ns) ?? [])
    .map((sa) => ({
      id: nodeId({ kind: 'ServiceAccount', namespace: ns, name: sa.metadata.name }),
      name: sa.metadata.name,
      pods: index.podsByServiceAccount.get(`${ns}/${sa.metadata.name}`)?.length ?? 0,
      ...(sa.automountServiceAccountToken !== undefined ? { automount: sa.automountServiceAccountToken } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const matrix = matrixJson(accessMatrix(index, ns));
  const pods = (by.pods.get(ns) ?? [])
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
    matrix,
    view: { subjects: matrixSubjects(index, ns, matrix) },
    serviceAccounts,
    pods,
  };
}

/** How many items of each list the drill-down page renders at once; the rest is one click away (?all=1). */
export const NAMESPACE_PAGE_ITEMS = 100;

/**
 * The access matrix as the drill-down page draws it, compact: the page sends it to the browser
 * (in the React payload), so each cell is a number rather than a list of verb names.
 */
export interface MatrixGrid {
  namespace: string;
  /** the matrix's resources that some row holds a verb on (the columns), in the matrix's order */
  resources: string[];
  /** the matrix's verbs; a cell is a bit mask over them (bit i: verbs[i] is allowed) */
  verbs: string[];
  /** one per subject, in display order: the namespace's own first, then those of ClusterRoleBindings; riskiest first within each */
  rows: MatrixGridRow[];
  /** subjects with bindings here that hold none of the matrix's permissions */
  omitted: number;
}

export interface MatrixGridRow {
  /** the subject's NodeId: `Kind/name`, or `ServiceAccount/namespace/name` */
  id: string;
  local: boolean;
  clusterWide: boolean;
  risks: MatrixRisk[];
  /** per column (`resources`), the allowed verbs as a bit mask of `verbs`; 0 when none */
  cells: number[];
}

/** The page's matrix from `access-matrix -o json` and the subjects' info (matrixSubjects). */
export function matrixGrid(matrix: MatrixJson, subjects: Readonly<Record<string, MatrixSubjectInfo>>): MatrixGrid {
  if (matrix.verbs.length > 31) throw new Error('matrixGrid: more verbs than bits in a mask');
  const cellsById = new Map(matrix.rows.map((r) => [r.id, r.cells]));
  const resources = matrix.resources.filter((res) => matrix.rows.some((r) => r.cells[res]?.length));
  const bit = new Map(matrix.verbs.map((v, i) => [v, 1 << i]));
  const mask = (verbs: readonly string[] | undefined) => (verbs ?? []).reduce((m, v) => m | (bit.get(v) ?? 0), 0);
  // the matrix's order (kind, namespace, name), then the subjects only the extra risks add, breaks ties
  const rows = Object.entries(subjects).map(([id, info], order) => {
    const cells = cellsById.get(id) ?? {};
    return { order, row: { id, local: info.local, clusterWide: info.clusterWide, risks: info.risks, cells: resources.map((res) => mask(cells[res])) } };
  });
  rows.sort((a, b) => Number(b.row.local) - Number(a.row.local) || riskWeight(b.row.risks) - riskWeight(a.row.risks) || a.order - b.order);
  return { namespace: matrix.namespace, resources, verbs: matrix.verbs, rows: rows.map((r) => r.row), omitted: matrix.omitted };
}

export interface NamespacePage {
  /** the namespace's detail without its matrix, with the first items of each list (unless `all`) */
  detail: Omit<NamespaceDetail, 'matrix' | 'view'>;
  /** the access matrix, whole (its component filters it in the browser) */
  matrix: MatrixGrid;
  /** how many there are in all (the lists in `detail` may be shorter) */
  totals: { roleBindings: number; clusterRoleBindings: number; serviceAccounts: number; pods: number };
}

/**
 * The data of the namespace drill-down page: the detail the API returns, with the first
 * NAMESPACE_PAGE_ITEMS RoleBindings, ClusterRoleBindings, service accounts and pods unless `all`
 * (a namespace of a large cluster has thousands), and the access matrix as a MatrixGrid. The counts
 * (`item`, `totals`) are those of the whole namespace.
 */
export function namespacePage(index: AtlasIndex, ns: string, o: { all?: boolean } = {}): NamespacePage {
  const { matrix, view, ...full } = namespaceDetail(index, ns);
  const local = full.bindings.filter((b) => b.kind === 'RoleBinding');
  const cluster = full.bindings.filter((b) => b.kind === 'ClusterRoleBinding');
  const first = <T>(list: T[]) => (o.all ? list : list.slice(0, NAMESPACE_PAGE_ITEMS));
  return {
    detail: { ...full, bindings: [...first(local), ...first(cluster)], serviceAccounts: first(full.serviceAccounts), pods: first(full.pods) },
    matrix: matrixGrid(matrix, view.subjects),
    totals: { roleBindings: local.length, clusterRoleBindings: cluster.length, serviceAccounts: full.serviceAccounts.length, pods: full.pods.length },
  };
}
