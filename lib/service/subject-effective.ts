// What a subject can really do, as the subject page shows it: the engine's effective what-can
// (`whatCan(index, { subject }, { effective: true })`: the bindings that name it and those that name
// the groups the API server puts on its requests, each grant saying through whom, `via`), drawn as
// a graph (subject -> group -> binding -> role), and its risky powers at a glance (what, where,
// through whom).
import { nodeId, type Graph, type GraphEdge, type GraphNode, type NodeId, type NodeKind } from '../engine/graph';
import { ruleAllows } from '../engine/match';
import { CLUSTER_SCOPE } from '../engine/query-index';
import type { Grant, ObjectRef, PolicyRule, Request, SubjectRef } from '../engine/types';
import type { WhatCanAnswer } from '../engine/what-can';
import type { MatrixRisk } from './matrix-risk';

/** Who a grant of an effective answer came through (the engine sets `via` on every effective grant). */
export function viaOf(g: Grant, subject: SubjectRef): SubjectRef {
  return g.via ?? subject;
}

export function sameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return nodeId(a) === nodeId(b);
}

/** subject -> (group ->) binding -> role, and the pods that run as a ServiceAccount. */
export function effectiveGraph(subject: SubjectRef, answer: WhatCanAnswer, pods: readonly { namespace: string; name: string }[]): Graph {
  const nodes = new Map<NodeId, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (ref: ObjectRef | SubjectRef): NodeId => {
    const id = nodeId(ref);
    if (!nodes.has(id)) {
      const n: GraphNode = { id, kind: ref.kind as NodeKind, label: ref.name };
      if (ref.namespace !== undefined && id === `${ref.kind}/${ref.namespace}/${ref.name}`) n.namespace = ref.namespace;
      nodes.set(id, n);
    }
    return id;
  };
  const edge = (source: NodeId, target: NodeId, relation: GraphEdge['relation']) => {
    const id = `${source}->${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, relation });
  };
  const root = node(subject);
  for (const scope of answer.scopes) {
    for (const g of scope.grants) {
      const binding = node(g.binding);
      const via = viaOf(g, subject);
      let holder = root;
      if (!sameSubject(via, subject)) edge(root, (holder = node(via)), 'member-of');
      edge(holder, binding, 'bound-by');
      edge(binding, node(g.role), 'grants');
    }
  }
  for (const d of answer.danglingBindings) edge(root, node(d.binding), 'bound-by');
  for (const p of pods) edge(node({ kind: 'Pod', namespace: p.namespace, name: p.name }), root, 'runs-as');
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export interface GlanceItem {
  risk: MatrixRisk;
  /** "cluster" or a namespace */
  scope: string;
  /** who the grant came through (the subject itself or one of its groups) */
  via: SubjectRef;
  binding: NodeId;
  role: NodeId;
}

const RBAC = 'rbac.authorization.k8s.io';
const req = (verb: string, apiGroup: string, resource: string, subresource = ''): Request => ({ type: 'resource', verb, apiGroup, resource, subresource, namespace: 'ns', name: '' });

/** The powers checked, with requests any of which shows it; clusterOnly: cluster-scoped resources. */
const GLANCE: { risk: MatrixRisk; requests: Request[]; clusterOnly?: boolean; rule?: (r: PolicyRule) => boolean }[] = [
  { risk: 'wildcard', requests: [], rule: (r) => r.resources.length > 0 && (r.verbs.includes('*') || r.resources.includes('*')) },
  { risk: 'impersonate', requests: [req('impersonate', '', 'serviceaccounts')] },
  { risk: 'impersonate', requests: [req('impersonate', '', 'users'), req('impersonate', '', 'groups')], clusterOnly: true },
  { risk: 'escalate', requests: [req('escalate', RBAC, 'roles'), req('escalate', RBAC, 'clusterroles')] },
  { risk: 'bind', requests: [req('bind', RBAC, 'roles'), req('bind', RBAC, 'clusterroles')] },
  { risk: 'read-secrets', requests: [req('get', '', 'secrets'), req('list', '', 'secrets'), req('watch', '', 'secrets')] },
  { risk: 'exec', requests: ['exec', 'attach', 'portforward'].flatMap((sub) => [req('create', '', 'pods', sub), req('get', '', 'pods', sub)]) },
  { risk: 'tokens', requests: [req('create', '', 'serviceaccounts', 'token')] },
  { risk: 'rbac-write', requests: ['create', 'update', 'patch'].flatMap((v) => [req(v, RBAC, 'roles'), req(v, RBAC, 'rolebindings')]) },
  { risk: 'workloads', requests: ['create', 'update', 'patch'].flatMap((v) => [req(v, '', 'pods'), req(v, 'apps', 'deployments'), req(v, 'batch', 'jobs')]) },
];

/**
 * The subject's risky powers, one item per (power, scope), cluster-wide scopes first (as the answer
 * is ordered), each naming a grant that gives it: one of the subject's own bindings when one does,
 * else the first group's grant that does (what a reader must see first, and whom to ask).
 */
export function riskGlance(subject: SubjectRef, answer: WhatCanAnswer): GlanceItem[] {
  const out: GlanceItem[] = [];
  const seen = new Set<string>();
  for (const check of GLANCE) {
    const gives = (x: Grant) => (check.rule ? check.rule(x.rule) : check.requests.some((r) => ruleAllows(r, x.rule)));
    for (const scope of answer.scopes) {
      const key = `${check.risk}@${scope.scope}`;
      if (seen.has(key) || (check.clusterOnly && scope.scope !== CLUSTER_SCOPE)) continue;
      const g = scope.grants.find((x) => sameSubject(viaOf(x, subject), subject) && gives(x)) ?? scope.grants.find(gives);
      if (!g) continue;
      seen.add(key);
      out.push({ risk: check.risk, scope: scope.scope, via: viaOf(g, subject), binding: nodeId(g.binding), role: nodeId(g.role) });
    }
  }
  return out;
}
