// What a subject can really do: the rules of the bindings that name it and of the bindings that name
// the groups the API server puts on its requests (system:authenticated; a ServiceAccount's
// system:serviceaccounts and system:serviceaccounts:<ns>), each grant saying through which of them
// it came (`via`); the graph of those paths (subject -> group -> binding -> role); and its risky
// powers at a glance (what, where, through whom).
//
// effectiveWhatCan is a stand-in with the shape of wave1-engine's
// `whatCan(index, { subject }, { effective: true })` (grants with `via`, `identities`, `reason`): once
// that lands, effectiveWhatCan becomes that call and effectivePrincipal its engine export.
import { bindingsForPrincipal } from '../engine/can-i';
import { nodeId, type Graph, type GraphEdge, type GraphNode, type NodeId, type NodeKind } from '../engine/graph';
import { ruleAllows } from '../engine/match';
import { CLUSTER_SCOPE, type AtlasIndex, type BindingEntry } from '../engine/query-index';
import { AUTHENTICATED, MASTERS, serviceAccountUser, UNAUTHENTICATED, withImplicitGroups } from '../engine/subjects';
import type { Grant, ObjectRef, PolicyRule, Principal, Request, SubjectRef } from '../engine/types';
import { whatCan, type WhatCanAnswer } from '../engine/what-can';
import type { MatrixRisk } from './matrix-risk';

export type EffectiveGrant = Grant & { via: SubjectRef };

export interface EffectiveAnswer extends WhatCanAnswer {
  scopes: { scope: string; grants: EffectiveGrant[] }[];
  /** the identities whose bindings count: the subject, then its groups */
  identities: SubjectRef[];
  /** one of its groups is allowed every request before RBAC is consulted */
  reason?: typeof MASTERS;
}

/**
 * The principal that holds what a subject holds once the API server's groups are counted. A Group
 * subject stands for a member of the group whose user name no binding names (plus system:authenticated).
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
      return { user: member, groups: subject.name === UNAUTHENTICATED || subject.name === AUTHENTICATED ? [subject.name] : [subject.name, AUTHENTICATED] };
    }
  }
}

/** The first of a binding's subjects (in binding order) that applies to the principal, as upstream's describer names it. */
function firstApplying(entry: BindingEntry, principal: Principal): SubjectRef | undefined {
  return entry.subjects.find(({ ref }) =>
    ref.kind === 'Group' ? principal.groups.includes(ref.name) : (ref.kind === 'ServiceAccount' ? serviceAccountUser(ref.namespace ?? '', ref.name) : ref.name) === principal.user,
  )?.ref;
}

/** Stand-in for `whatCan(index, { subject }, { effective: true })` (wave1-engine). */
export function effectiveWhatCan(index: AtlasIndex, subject: SubjectRef): EffectiveAnswer {
  const principal = effectivePrincipal(index, subject);
  const answer = whatCan(index, { principal });
  const entries = new Map(bindingsForPrincipal(index, principal).map((e) => [nodeId(e.ref), e]));
  const groups = principal.groups.filter((g) => subject.kind !== 'Group' || g !== subject.name);
  const viaOf = (binding: Grant['binding']): SubjectRef => {
    const entry = entries.get(nodeId(binding));
    const ref = entry && firstApplying(entry, principal);
    // the member of a Group subject is the group itself
    return !ref || (subject.kind === 'Group' && ref.kind === 'User') ? subject : ref;
  };
  return {
    scopes: answer.scopes.map((s) => ({ scope: s.scope, grants: s.grants.map((g) => ({ ...g, via: viaOf(g.binding) })) })),
    danglingBindings: answer.danglingBindings,
    identities: [subject, ...groups.map((g): SubjectRef => ({ kind: 'Group', name: g }))],
    ...(principal.groups.includes(MASTERS) ? { reason: MASTERS } : {}),
  };
}

export function sameSubject(a: SubjectRef, b: SubjectRef): boolean {
  return nodeId(a) === nodeId(b);
}

/** subject -> (group ->) binding -> role, and the pods that run as a ServiceAccount. */
export function effectiveGraph(subject: SubjectRef, answer: EffectiveAnswer, pods: readonly { namespace: string; name: string }[]): Graph {
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
      let holder = root;
      if (!sameSubject(g.via, subject)) edge(root, (holder = node(g.via)), 'member-of');
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
 * The subject's risky powers, one item per (power, scope), the first grant found (cluster-wide
 * scopes first, as the answer is ordered): what a reader must see first.
 */
export function riskGlance(answer: EffectiveAnswer): GlanceItem[] {
  const out: GlanceItem[] = [];
  const seen = new Set<string>();
  for (const check of GLANCE) {
    for (const scope of answer.scopes) {
      const key = `${check.risk}@${scope.scope}`;
      if (seen.has(key) || (check.clusterOnly && scope.scope !== CLUSTER_SCOPE)) continue;
      const g = scope.grants.find((x) => (check.rule ? check.rule(x.rule) : check.requests.some((r) => ruleAllows(r, x.rule))));
      if (!g) continue;
      seen.add(key);
      out.push({ risk: check.risk, scope: scope.scope, via: g.via, binding: nodeId(g.binding), role: nodeId(g.role) });
    }
  }
  return out;
}
