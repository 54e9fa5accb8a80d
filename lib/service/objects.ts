// Details of one graph node: the object as YAML (in its Kubernetes shape, without Secret data, which
// the loader never keeps), its rules, where it came from, and links to related nodes.
import { stringify } from 'yaml';
import { nodeId, parseNodeId, type NodeId } from '../engine/graph';
import { formatOrigin } from '../engine/describe';
import type { AtlasIndex, BindingEntry } from '../engine/query-index';
import { reportedSubject, serviceAccountUser } from '../engine/subjects';
import type { AtlasObject, ObjectMeta, PolicyRule } from '../engine/types';
import { AtlasError } from '../errors';
import { ruleJson } from '../format/json';
import { ruleResources } from '../format/text';

export interface RelatedLink {
  id: NodeId;
  relation: string;
}

export interface RuleRow {
  index: number;
  verbs: string;
  resources: string;
  resourceNames: string;
}

export interface ObjectDetail {
  id: NodeId;
  kind: string;
  name: string;
  namespace?: string;
  /** false for Users and Groups, which exist only as binding subjects */
  isObject: boolean;
  yaml?: string;
  origin?: string;
  rules?: RuleRow[];
  aggregatedFrom?: string[];
  related: RelatedLink[];
  relatedTotal: number;
}

const RELATED_LIMIT = 100;
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const NOISY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

function meta(m: ObjectMeta) {
  const annotations = Object.fromEntries(Object.entries(m.annotations).filter(([k]) => !NOISY_ANNOTATIONS.includes(k)));
  return {
    name: m.name,
    ...(m.namespace ? { namespace: m.namespace } : {}),
    ...(Object.keys(m.labels).length ? { labels: m.labels } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
}

export function manifestOf(o: AtlasObject): Record<string, unknown> {
  switch (o.kind) {
    case 'Role':
      return { apiVersion: RBAC_V1, kind: o.kind, metadata: meta(o.metadata), rules: o.rules.map(ruleJson) };
    case 'ClusterRole':
      return {
        apiVersion: RBAC_V1,
        kind: o.kind,
        metadata: meta(o.metadata),
        ...(o.aggregationRule ? { aggregationRule: o.aggregationRule } : {}),
        rules: o.declaredRules.map(ruleJson),
      };
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      return { apiVersion: RBAC_V1, kind: o.kind, metadata: meta(o.metadata), roleRef: o.roleRef, subjects: o.subjects };
    case 'ServiceAccount':
      return {
        apiVersion: 'v1',
        kind: o.kind,
        metadata: meta(o.metadata),
        ...(o.automountServiceAccountToken !== undefined ? { automountServiceAccountToken: o.automountServiceAccountToken } : {}),
        ...(o.secretNames.length ? { secrets: o.secretNames.map((name) => ({ name })) } : {}),
      };
    case 'Pod':
      return {
        apiVersion: 'v1',
        kind: o.kind,
        metadata: { ...meta(o.metadata), ...(o.owner ? { ownerReferences: [o.owner] } : {}) },
        spec: {
          serviceAccountName: o.serviceAccountName,
          ...(o.automountServiceAccountToken !== undefined ? { automountServiceAccountToken: o.automountServiceAccountToken } : {}),
          ...(o.nodeName ? { nodeName: o.nodeName } : {}),
        },
        ...(o.phase ? { status: { phase: o.phase } } : {}),
      };
    case 'Namespace':
      return { apiVersion: 'v1', kind: o.kind, metadata: meta(o.metadata), ...(o.phase ? { status: { phase: o.phase } } : {}) };
  }
}

export function ruleRows(rules: readonly PolicyRule[]): RuleRow[] {
  return rules.map((r, index) => ({
    index,
    verbs: r.verbs.join(', '),
    resources: ruleResources(r),
    resourceNames: r.resourceNames.join(', '),
  }));
}

interface ObjectMaps {
  bindings: Map<string, BindingEntry>;
  pods: Map<string, AtlasObject>;
  namespaces: Map<string, AtlasObject>;
}

const mapsCache = new WeakMap<AtlasIndex, ObjectMaps>();

function maps(index: AtlasIndex): ObjectMaps {
  let m = mapsCache.get(index);
  if (!m) {
    m = {
      bindings: new Map(index.bindings.map((b) => [b.key, b])),
      pods: new Map(index.snapshot.pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p])),
      namespaces: new Map(index.snapshot.namespaces.map((n) => [n.metadata.name, n])),
    };
    mapsCache.set(index, m);
  }
  return m;
}

function subjectLinks(entry: BindingEntry): RelatedLink[] {
  const out: RelatedLink[] = [];
  for (const s of entry.binding.subjects) {
    const ref = reportedSubject(s, entry.namespace);
    if (ref) out.push({ id: nodeId(ref), relation: 'subject' });
  }
  return out;
}

function bindingLinks(entries: readonly BindingEntry[] | undefined, relation: string): RelatedLink[] {
  return (entries ?? []).map((b) => ({ id: b.key, relation }));
}

export function objectDetail(index: AtlasIndex, id: NodeId): ObjectDetail {
  const parsed = id.startsWith('Namespace/') ? { kind: 'Namespace', name: id.slice('Namespace/'.length) } : parseNodeId(id);
  if (!parsed) throw new AtlasError('usage', `not a node id: "${id}"`);
  const notFound = () => new AtlasError('usage', `${id} is not in the data source`, { httpStatus: 404 });
  const { kind, name } = parsed;
  const namespace = 'namespace' in parsed ? parsed.namespace : undefined;
  const m = maps(index);
  let object: AtlasObject | undefined;
  let related: RelatedLink[] = [];
  let rules: PolicyRule[] | undefined;
  let aggregatedFrom: string[] | undefined;
  switch (kind) {
    case 'Role':
    case 'ClusterRole': {
      const role = index.roles.get(id);
      if (!role) throw notFound();
      object = role.role;
      rules = role.rules;
      if (role.role.kind === 'ClusterRole' && role.role.aggregatedFrom.length) aggregatedFrom = role.role.aggregatedFrom.map((n) => `ClusterRole/${n}`);
      const byRole = index.bindingsByRole.get(id);
      related = [...bindingLinks(byRole?.cluster, 'bound by'), ...bindingLinks([...(byRole?.byNamespace.values() ?? [])].flat(), 'bound by')];
      break;
    }
    case 'RoleBinding':
    case 'ClusterRoleBinding': {
      const entry = m.bindings.get(id);
      if (!entry) throw notFound();
      object = entry.binding;
      related = [{ id: entry.role?.key ?? entry.roleKey, relation: entry.role ? 'grants' : 'grants (missing role)' }, ...subjectLinks(entry)];
      break;
    }
    case 'ServiceAccount': {
      object = index.serviceAccounts.get(`${namespace}/${name}`);
      const pods = index.podsByServiceAccount.get(`${namespace}/${name}`) ?? [];
      related = [
        ...bindingLinks(index.bindingsByUser.get(serviceAccountUser(namespace ?? '', name)), 'bound by'),
        ...pods.map((p) => ({ id: nodeId({ kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name }), relation: 'run as it' })),
      ];
      if (!object && related.length === 0) throw notFound();
      break;
    }
    case 'Pod': {
      object = m.pods.get(`${namespace}/${name}`);
      if (!object || object.kind !== 'Pod') throw notFound();
      related = [{ id: nodeId({ kind: 'ServiceAccount', namespace: object.metadata.namespace, name: object.serviceAccountName }), relation: 'runs as' }];
      break;
    }
    case 'User':
      related = bindingLinks(index.bindingsByUser.get(name), 'bound by');
      break;
    case 'Group':
      related = bindingLinks(index.bindingsByGroup.get(name), 'bound by');
      break;
    case 'Namespace':
      object = m.namespaces.get(name);
      if (!object && !index.namespaces.includes(name)) throw notFound();
      break;
    default:
      throw new AtlasError('usage', `no details for ${kind} nodes`, { httpStatus: 404 });
  }
  return {
    id,
    kind,
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    isObject: object !== undefined,
    ...(object ? { yaml: stringify(manifestOf(object), { lineWidth: 0 }), origin: formatOrigin(object.origin) } : {}),
    ...(rules ? { rules: ruleRows(rules) } : {}),
    ...(aggregatedFrom ? { aggregatedFrom } : {}),
    related: related.slice(0, RELATED_LIMIT),
    relatedTotal: related.length,
  };
}
