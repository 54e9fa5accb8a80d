// The view model of the landing page, derived from the question's document (lib/service/answers.ts,
// what /api/who-can returns): the answers merged by subject as a list, and their graph (collapsed when
// large). Plain JSON, computed on the server and handed to client components.
import type { EffectiveAnswer, EffectiveServiceAccount } from '../engine/effective';
import { collapseGraph, type CollapsedGroupInfo } from '../engine/graph-collapse';
import { buildAnswerGraph, nodeId, type AnswerGrant, type AnswerPermission, type AnswerSubject, type Graph, type NodeId } from '../engine/graph';
import { subgraphThrough } from '../engine/graph-paths';
import type { AtlasIndex } from '../engine/query-index';
import { questionTitle, scopeText } from '../engine/request';
import { subjectRefKey } from '../engine/subjects';
import type { SubjectKind, SubjectRef } from '../engine/types';
import { compareGrants, compareSubjects } from '../engine/who-can';
import { requestFromJson, ruleFromJson } from '../format/json';
import { ruleText } from '../format/text';
import { documentAnswers, documentPermission, isPresetDocument, questionDocument, type QuestionDocument } from './answers';
import type { AnswerChange } from './change-view';
import type { FindingSummary } from './finding-view';
import type { RiskLevel } from './findings';
import { resolveQuery, type QueryParams } from './query';

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
  /** how the question's scope reads: "in namespace team-a", "cluster-scoped", ... (a finding has a header of its own) */
  scopeText?: string;
  /** finding views: the finding's scope ("" = cluster) */
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
  /** "try a change": who gained and lost this answer with the change (lib/service/change-view.ts) */
  change?: AnswerChange;
}

export function parseExpanded(expand: string | undefined): string[] {
  if (!expand) return [];
  const keys = [...new Set(expand.split(',').map((k) => k.trim()).filter((k) => /^(ns|kind):[^,]+$/.test(k)))];
  return keys.slice(-MAX_EXPANDED);
}

export function buildQueryView(index: AtlasIndex, params: QueryParams): QueryView {
  return queryViewOf(questionDocument(index, resolveQuery(params), { effective: params.effective === true }), params);
}

/** A question's answers merged by subject, each grant tagged with the permission (request) it answers. */
export interface MergedAnswer {
  permissions: AnswerPermission[];
  subjects: AnswerSubject[];
  hints: string[];
  warnings: string[];
  effective?: EffectiveAnswer;
}

function subjectOf(s: SubjectRef): SubjectRef {
  return s.namespace !== undefined ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, name: s.name };
}

export function mergeDocument(doc: QuestionDocument): MergedAnswer {
  const answers = documentAnswers(doc);
  const permissions = answers.map(documentPermission);
  const bySubject = new Map<string, AnswerSubject>();
  answers.forEach((a, i) => {
    const permission = permissions[i]!.id;
    a.subjects.forEach((s, si) => {
      const key = subjectRefKey(s);
      let found = bySubject.get(key);
      if (!found) bySubject.set(key, (found = { ...subjectOf(s), grants: [] }));
      s.grants.forEach((g, gi) => {
        const grant: AnswerGrant = { binding: g.binding, role: g.role, rule: ruleFromJson(g.rule), ruleIndex: a.view.ruleIndex[si]![gi]!, scope: g.scope, permission };
        found.grants.push(grant);
      });
    });
  });
  const subjects = [...bySubject.values()].sort(compareSubjects);
  for (const s of subjects) s.grants.sort(compareGrants);
  const effective = answers.every((a) => a.serviceAccounts !== undefined)
    ? mergeEffective(answers.map((a) => ({ serviceAccounts: a.serviceAccounts ?? [], pods: a.pods ?? [] })))
    : undefined;
  return {
    permissions,
    subjects,
    hints: [...new Set(answers.flatMap((a) => a.view.hints))],
    warnings: [...new Set(answers.flatMap((a) => a.warnings))],
    ...(effective ? { effective } : {}),
  };
}

export function mergeEffective(answers: readonly EffectiveAnswer[]): EffectiveAnswer {
  if (answers.length === 1) return answers[0]!;
  const accounts = new Map<string, EffectiveServiceAccount>();
  const pods = new Map<string, EffectiveAnswer['pods'][number]>();
  for (const a of answers) {
    for (const sa of a.serviceAccounts) {
      const key = `${sa.namespace}/${sa.name}`;
      const found = accounts.get(key);
      if (!found) {
        accounts.set(key, { ...sa, via: [...sa.via], scopes: [...sa.scopes] });
        continue;
      }
      for (const v of sa.via) if (!found.via.some((x) => subjectRefKey(x) === subjectRefKey(v))) found.via.push(v);
      for (const s of sa.scopes) if (!found.scopes.includes(s)) found.scopes.push(s);
    }
    for (const p of a.pods) pods.set(`${p.namespace}/${p.name}`, p);
  }
  const byNsName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
    a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  return { serviceAccounts: [...accounts.values()].sort(byNsName), pods: [...pods.values()].sort(byNsName) };
}

export function countByKind(subjects: readonly SubjectRef[]): Record<SubjectKind, number> {
  const out = { User: 0, Group: 0, ServiceAccount: 0 };
  for (const s of subjects) out[s.kind]++;
  return out;
}

export function answerGraph(merged: MergedAnswer, params: Pick<QueryParams, 'focus' | 'expand'>): GraphView {
  const graph = buildAnswerGraph({
    permissions: merged.permissions,
    subjects: merged.subjects,
    ...(merged.effective ? { effective: merged.effective } : {}),
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

/** The title and scope words of a question's document. */
export function documentTitle(doc: QuestionDocument): { title: string; scopeText: string } {
  const scopes = [...new Set(documentAnswers(doc).map((a) => scopeText(requestFromJson(a.request))))];
  return { title: isPresetDocument(doc) ? doc.title : questionTitle(requestFromJson(doc.request)), scopeText: scopes.join(' / ') };
}

export function queryViewOf(doc: QuestionDocument, params: Pick<QueryParams, 'focus' | 'expand'>): QueryView {
  const merged = mergeDocument(doc);
  const labels = new Map(merged.permissions.map((p) => [p.id, p.label]));
  const subjects = merged.subjects.map((s): SubjectItem => {
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
    ...documentTitle(doc),
    ...(isPresetDocument(doc) ? { presetId: doc.preset } : {}),
    permissions: merged.permissions,
    hints: merged.hints,
    warnings: merged.warnings,
    counts: { ...countByKind(merged.subjects), total: merged.subjects.length },
    subjects,
    ...(merged.effective
      ? { effective: { serviceAccounts: merged.effective.serviceAccounts.length, pods: merged.effective.pods.length } }
      : {}),
    graph: answerGraph(merged, params),
  };
}
