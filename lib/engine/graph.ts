// The graph model of an answer: subject -> binding -> role -> permission, plus (effective view)
// pod -> service account -> implicit group. Pure data with stable NodeIds shared by the graph, URLs,
// exports and tests:
//   User/alice  Group/devs  ServiceAccount/ns/name  Pod/ns/name  RoleBinding/ns/name
//   ClusterRoleBinding/name  Role/ns/name  ClusterRole/name  Permission/<verb resource>
import { isClusterGrant } from './query-index';
import type { EffectiveAnswer } from './effective';
import type { WhatCanAnswer } from './what-can';
import type { Grant, ObjectRef, Pod, SubjectRef } from './types';

export type NodeKind =
  | 'User'
  | 'Group'
  | 'ServiceAccount'
  | 'Pod'
  | 'RoleBinding'
  | 'ClusterRoleBinding'
  | 'Role'
  | 'ClusterRole'
  | 'Permission';

export type NodeId = string;

export const NODE_KINDS: readonly NodeKind[] = [
  'User', 'Group', 'ServiceAccount', 'Pod', 'RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole', 'Permission',
];

const NAMESPACED: ReadonlySet<string> = new Set(['ServiceAccount', 'Pod', 'RoleBinding', 'Role']);

/** 'holds': a summary edge from a subject (or a group of them) straight to a role, standing for the bindings in `via`. */
export type EdgeRelation = 'bound-by' | 'grants' | 'allows' | 'runs-as' | 'member-of' | 'holds';

export const RELATION_LABELS = {
  'bound-by': 'bound by',
  grants: 'grants',
  allows: 'allows',
  'runs-as': 'runs as',
  'member-of': 'member of implicit group',
  holds: 'holds (through bindings)',
} as const satisfies Record<EdgeRelation, string>;

export interface GraphNode {
  id: NodeId;
  /** 'Collapsed' for a group node standing for several hidden nodes (see graph-collapse.ts) */
  kind: NodeKind | 'Collapsed';
  label: string;
  /** a second line under the label (e.g. the bindings through which a role is held) */
  detail?: string;
  namespace?: string;
  /** rule indexes of a role that match the question (highlighted in the details panel) */
  matchedRules?: number[];
  /** Collapsed nodes: the group key (for expanding) and how many nodes of each kind it hides */
  group?: { key: string; members: number; kinds: Partial<Record<NodeKind, number>>; expandable: boolean; sample?: string[] };
  /** the node holds or grants something cluster-wide (a subject or role bound by a ClusterRoleBinding) */
  clusterWide?: boolean;
}

export interface GraphEdge {
  id: string;
  source: NodeId;
  target: NodeId;
  relation: EdgeRelation;
  /** how many edges a collapsed edge stands for */
  count?: number;
  /** 'holds' edges: the bindings it stands for (at most a few; `count` says how many in all) */
  via?: NodeId[];
  /** the grant along this edge applies cluster-wide */
  clusterWide?: boolean;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** NodeId of an object or subject reference. */
/** Kinds whose NodeId has a namespace part. */
export function isNamespacedKind(kind: string): boolean {
  return NAMESPACED.has(kind);
}

export function nodeId(ref: ObjectRef | SubjectRef): NodeId {
  return ref.namespace !== undefined && NAMESPACED.has(ref.kind) ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function permissionId(label: string): NodeId {
  return `Permission/${label}`;
}

export interface ParsedNodeId {
  kind: string;
  name: string;
  namespace?: string;
}

/** Inverse of nodeId. User and Group names may contain "/", so only namespaced kinds are split. */
export function parseNodeId(id: string): ParsedNodeId | undefined {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) return undefined;
  const kind = id.slice(0, slash);
  const rest = id.slice(slash + 1);
  if (!NAMESPACED.has(kind)) return { kind, name: rest };
  const second = rest.indexOf('/');
  if (second <= 0 || second === rest.length - 1) return undefined;
  return { kind, namespace: rest.slice(0, second), name: rest.slice(second + 1) };
}

export function isNodeKind(kind: string): kind is NodeKind {
  return (NODE_KINDS as readonly string[]).includes(kind);
}

/** One question of an answer (a preset may ask several), shown as a Permission node. */
export interface AnswerPermission {
  id: NodeId;
  label: string;
}

export type AnswerGrant = Grant & { permission: NodeId };

export interface AnswerSubject extends SubjectRef {
  grants: AnswerGrant[];
}

export interface AnswerGraphInput {
  permissions: readonly AnswerPermission[];
  subjects: readonly AnswerSubject[];
  /** the --effective view: service accounts allowed through implicit groups, and their pods */
  effective?: EffectiveAnswer;
}

class GraphBuilder {
  private readonly nodes = new Map<NodeId, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();

  node(n: GraphNode): GraphNode {
    const found = this.nodes.get(n.id);
    if (found) return found;
    this.nodes.set(n.id, n);
    return n;
  }

  ref(ref: ObjectRef | SubjectRef): GraphNode {
    const node: GraphNode = { id: nodeId(ref), kind: ref.kind as NodeKind, label: ref.name };
    if (ref.namespace !== undefined && NAMESPACED.has(ref.kind)) node.namespace = ref.namespace;
    return this.node(node);
  }

  edge(source: NodeId, target: NodeId, relation: EdgeRelation, clusterWide = false): void {
    const id = `${source}->${target}`;
    const found = this.edges.get(id);
    if (!found) this.edges.set(id, { id, source, target, relation, ...(clusterWide ? { clusterWide } : {}) });
    else if (clusterWide) found.clusterWide = true;
  }

  has(id: NodeId): boolean {
    return this.nodes.has(id);
  }

  build(): Graph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

function addMatchedRule(node: GraphNode, ruleIndex: number): void {
  const list = (node.matchedRules ??= []);
  if (!list.includes(ruleIndex)) {
    list.push(ruleIndex);
    list.sort((a, b) => a - b);
  }
}

/** The graph of a who-can answer (one or several questions merged). */
export function buildAnswerGraph(input: AnswerGraphInput): Graph {
  const g = new GraphBuilder();
  for (const p of input.permissions) g.node({ id: p.id, kind: 'Permission', label: p.label });
  for (const s of input.subjects) {
    const subject = g.ref(s);
    for (const grant of s.grants) {
      const binding = g.ref(grant.binding);
      const role = g.ref(grant.role);
      addMatchedRule(role, grant.ruleIndex);
      const clusterWide = isClusterGrant(grant);
      if (clusterWide) subject.clusterWide = binding.clusterWide = role.clusterWide = true;
      g.edge(subject.id, binding.id, 'bound-by', clusterWide);
      g.edge(binding.id, role.id, 'grants', clusterWide);
      g.edge(role.id, grant.permission, 'allows');
    }
  }
  if (input.effective) {
    for (const sa of input.effective.serviceAccounts) {
      const node = g.ref({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name });
      for (const via of sa.via) {
        if (via.kind === 'Group' && g.has(nodeId(via))) g.edge(node.id, nodeId(via), 'member-of');
      }
    }
    for (const pod of input.effective.pods) {
      const node = g.ref({ kind: 'Pod', namespace: pod.namespace, name: pod.name });
      g.edge(node.id, nodeId({ kind: 'ServiceAccount', namespace: pod.namespace, name: pod.serviceAccount }), 'runs-as');
    }
  }
  return g.build();
}

/** The graph of a subject view: pods -> subject -> bindings -> roles. */
export function buildSubjectGraph(subject: SubjectRef, answer: WhatCanAnswer, pods: readonly { metadata: Pick<Pod['metadata'], 'namespace' | 'name'> }[] = []): Graph {
  const g = new GraphBuilder();
  const root = g.ref(subject);
  for (const scope of answer.scopes) {
    for (const grant of scope.grants) {
      const binding = g.ref(grant.binding);
      const role = g.ref(grant.role);
      g.edge(root.id, binding.id, 'bound-by');
      g.edge(binding.id, role.id, 'grants');
    }
  }
  for (const d of answer.danglingBindings) g.edge(root.id, g.ref(d.binding).id, 'bound-by');
  for (const pod of pods) {
    const node = g.ref({ kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name });
    g.edge(node.id, root.id, 'runs-as');
  }
  return g.build();
}
