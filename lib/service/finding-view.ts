// One finding in the explorer (?finding=ID&sel=NODE): its grant paths drawn as a graph (subject ->
// binding -> role -> the checked permissions its rule covers, and the pods running as a service
// account), with the finding's severity, message and pods beside it. Pure.
import { nodeId, parseNodeId, permissionId, type Graph, type GraphEdge, type GraphNode, type NodeId, type NodeKind } from '../engine/graph';
import type { Finding } from '../engine/findings/types';
import type { ObjectRef, SubjectRef } from '../engine/types';
import { findingTarget, scopeLabel } from '../format/findings-common';
import { noteInWords } from './finding-detail';
import { GRANTS_PER_SUBJECT, graphView, type GrantItem, type QueryView, type SubjectItem } from './answer-view';
import type { QueryParams } from './query';

/** Pods drawn (and listed) per finding; the rest are counted. */
export const FINDING_PODS = 25;

export interface FindingSummary {
  id: string;
  severity: Finding['severity'];
  kindId: string;
  title: string;
  target: string;
  scope: string;
  message: string;
  builtin: boolean;
  pods: { namespace: string; name: string; automountServiceAccountToken: boolean }[];
  podCount: number;
  tokenMounted?: boolean;
}

class Builder {
  readonly nodes = new Map<NodeId, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  ref(ref: ObjectRef | SubjectRef): GraphNode {
    const id = nodeId(ref);
    let node = this.nodes.get(id);
    if (!node) {
      const ns = parseNodeId(id)?.namespace;
      node = { id, kind: ref.kind as NodeKind, label: ref.name, ...(ns !== undefined ? { namespace: ns } : {}) };
      this.nodes.set(id, node);
    }
    return node;
  }

  permission(label: string): GraphNode {
    const id = permissionId(label);
    let node = this.nodes.get(id);
    if (!node) this.nodes.set(id, (node = { id, kind: 'Permission', label }));
    return node;
  }

  edge(source: NodeId, target: NodeId, relation: GraphEdge['relation']): void {
    const id = `${source}->${target}`;
    if (!this.edges.has(id)) this.edges.set(id, { id, source, target, relation });
  }
}

/** The finding's paths as a graph, with the same NodeIds as the explorer's answers. */
export function findingGraph(f: Finding): Graph {
  const g = new Builder();
  const subject = f.subject ? g.ref(f.subject) : undefined;
  for (const p of f.paths) {
    const role = g.ref(p.role);
    if (p.ruleIndex !== undefined) {
      const rules = (role.matchedRules ??= []);
      if (!rules.includes(p.ruleIndex)) rules.push(p.ruleIndex);
      rules.sort((a, b) => a - b);
    }
    if (p.binding) {
      const binding = g.ref(p.binding);
      if (subject) g.edge(subject.id, binding.id, 'bound-by');
      g.edge(binding.id, role.id, 'grants');
    }
    for (const label of p.permissions) g.edge(role.id, g.permission(label).id, 'allows');
  }
  if (f.object && !subject) g.ref(f.object);
  if (subject && f.subject?.kind === 'ServiceAccount') {
    for (const pod of (f.pods ?? []).slice(0, FINDING_PODS)) g.edge(g.ref({ kind: 'Pod', namespace: pod.namespace, name: pod.name }).id, subject.id, 'runs-as');
  }
  return { nodes: [...g.nodes.values()], edges: [...g.edges.values()] };
}

/** What every view of a finding starts with (the list row, the finding view). */
export type FindingHead = Pick<FindingSummary, 'id' | 'severity' | 'kindId' | 'title' | 'target' | 'scope' | 'message' | 'builtin'>;

export function findingHead(f: Finding): FindingHead {
  return { id: f.id, severity: f.severity, kindId: f.ruleId, title: f.title, target: findingTarget(f), scope: f.scope, message: f.message, builtin: f.builtin };
}

export function findingSummary(f: Finding): FindingSummary {
  const pods = f.pods ?? [];
  return {
    ...findingHead(f),
    pods: pods.slice(0, FINDING_PODS).map((p) => ({ namespace: p.namespace, name: p.name, automountServiceAccountToken: p.automountServiceAccountToken })),
    podCount: pods.length,
    ...(f.tokenMounted !== undefined ? { tokenMounted: f.tokenMounted } : {}),
  };
}

function subjectItem(f: Finding, subject: SubjectRef): SubjectItem {
  const grants: GrantItem[] = f.paths.flatMap((p) =>
    p.binding && p.rule && p.ruleIndex !== undefined
      ? [{ binding: nodeId(p.binding), role: nodeId(p.role) }]
      : [],
  );
  return {
    id: nodeId(subject),
    kind: subject.kind,
    name: subject.name,
    ...(subject.namespace !== undefined ? { namespace: subject.namespace } : {}),
    scopes: [...new Set(f.paths.map((p) => p.scope))],
    grantCount: grants.length,
    grants: grants.slice(0, GRANTS_PER_SUBJECT),
  };
}

/** The explorer's view model for one finding. */
export function findingQueryView(f: Finding, params: Pick<QueryParams, 'focus' | 'expand'>): QueryView {
  const labels = [...new Set(f.paths.flatMap((p) => p.permissions))];
  const counts = { User: 0, Group: 0, ServiceAccount: 0, total: f.subject ? 1 : 0 };
  if (f.subject) counts[f.subject.kind]++;
  return {
    title: `${f.title}: ${findingTarget(f)} (${scopeLabel(f.scope)})`,
    namespace: f.scope === 'cluster' ? '' : f.scope,
    permissions: labels.map((label) => ({ id: permissionId(label), label })),
    hints: [],
    warnings: f.notes.map(noteInWords),
    counts,
    subjects: f.subject ? [subjectItem(f, f.subject)] : [],
    graph: graphView(findingGraph(f), params),
    finding: findingSummary(f),
  };
}
