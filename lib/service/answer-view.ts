// The view model of the landing page: a question, its merged answer as a list, and its graph
// (collapsed when large). Plain JSON, computed on the server and handed to client components.
import { collapseGraph, type CollapsedGroupInfo } from '../engine/graph-collapse';
import { buildAnswerGraph, nodeId, type AnswerPermission, type Graph, type NodeId } from '../engine/graph';
import { subgraphThrough } from '../engine/graph-paths';
import type { AtlasIndex } from '../engine/query-index';
import type { SubjectKind } from '../engine/types';
import { ruleText } from '../format/text';
import type { FindingSummary } from './finding-view';
import type { RiskLevel } from './findings';
import { countByKind, resolveQuery, runQuery, type QueryAnswer, type QueryParams, type ResolvedQuery } from './query';

/** Grants listed per subject in the answer list (the rest are counted). */
export const GRANTS_PER_SUBJECT = 6;
/** Group keys kept expanded at once; older expansions fold back. */
export const MAX_EXPANDED = 8;

export interface GrantItem {
  permission: string;
  scope: string;
  binding: NodeId;
  role: NodeId;
  rule: string;
  ruleIndex: number;
}

export interface SubjectItem {
  id: NodeId;
  kind: SubjectKind;
  name: string;
  namespace?: string;
  scopes: string[];
  grantCount: number;
  grants: GrantItem[];
}

export interface GraphView {
  graph: Graph;
  /** nodes before collapsing */
  totalNodes: number;
  collapsed: boolean;
  groups: CollapsedGroupInfo[];
  hidden: number;
  expanded: string[];
  focus?: NodeId;
  /** subjects with a high or critical finding (graph badges) */
  risk?: Record<NodeId, RiskLevel>;
}

export interface QueryView {
  title: string;
  presetId?: string;
  /** undefined = all namespaces, "" = cluster-scoped */
  namespace?: string;
  permissions: AnswerPermission[];
  hints: string[];
  warnings: string[];
  counts: { User: number; Group: number; ServiceAccount: number; total: number };
  subjects: SubjectItem[];
  effective?: { serviceAccounts: number; pods: number };
  graph: GraphView;
  /** set when the view draws one finding's grant paths (?finding=ID) instead of a question's answer */
  finding?: FindingSummary;
}

export function parseExpanded(expand: string | undefined): string[] {
  if (!expand) return [];
  const keys = [...new Set(expand.split(',').map((k) => k.trim()).filter((k) => /^(ns|kind):[^,]+$/.test(k)))];
  return keys.slice(-MAX_EXPANDED);
}

export function buildQueryView(index: AtlasIndex, params: QueryParams): QueryView {
  const query = resolveQuery(params);
  const answer = runQuery(index, query, { effective: params.effective === true });
  return queryViewOf(query, answer, params);
}

export function answerGraph(query: ResolvedQuery, answer: QueryAnswer, params: Pick<QueryParams, 'focus' | 'expand'>): GraphView {
  const graph = buildAnswerGraph({
    permissions: query.requests.map((r) => r.permission),
    subjects: answer.subjects,
    ...(answer.effective ? { effective: answer.effective } : {}),
  });
  return graphView(graph, params);
}

/** A graph as drawn: only the paths through `focus` when set, large ones collapsed into groups. */
export function graphView(full: Graph, params: Pick<QueryParams, 'focus' | 'expand'>): GraphView {
  let graph = full;
  const totalNodes = graph.nodes.length;
  const focus = params.focus && graph.nodes.some((n) => n.id === params.focus) ? params.focus : undefined;
  if (focus) graph = subgraphThrough(graph, focus);
  const expanded = parseExpanded(params.expand);
  const collapsed = collapseGraph(graph, { expanded });
  return {
    graph: collapsed.graph,
    totalNodes,
    collapsed: collapsed.collapsed,
    groups: collapsed.groups,
    hidden: collapsed.hidden,
    expanded,
    ...(focus ? { focus } : {}),
  };
}

export function queryViewOf(query: ResolvedQuery, answer: QueryAnswer, params: QueryParams): QueryView {
  const counts = countByKind(answer.subjects);
  const labels = new Map(query.requests.map((r) => [r.permission.id, r.permission.label]));
  const subjects = answer.subjects.map((s): SubjectItem => {
    const item: SubjectItem = {
      id: nodeId(s),
      kind: s.kind,
      name: s.name,
      scopes: [...new Set(s.grants.map((g) => g.scope))],
      grantCount: s.grants.length,
      grants: s.grants.slice(0, GRANTS_PER_SUBJECT).map((g) => ({
        permission: labels.get(g.permission) ?? g.permission,
        scope: g.scope,
        binding: nodeId(g.binding),
        role: nodeId(g.role),
        rule: ruleText(g.rule),
        ruleIndex: g.ruleIndex,
      })),
    };
    if (s.namespace !== undefined) item.namespace = s.namespace;
    return item;
  });
  return {
    title: query.title,
    ...(query.presetId ? { presetId: query.presetId } : {}),
    ...(query.namespace !== undefined ? { namespace: query.namespace } : {}),
    permissions: query.requests.map((r) => r.permission),
    hints: query.hints,
    warnings: answer.warnings,
    counts: { ...counts, total: answer.subjects.length },
    subjects,
    ...(answer.effective
      ? { effective: { serviceAccounts: answer.effective.serviceAccounts.length, pods: answer.effective.pods.length } }
      : {}),
    graph: answerGraph(query, answer, params),
  };
}
