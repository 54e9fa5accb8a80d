// The view model of the landing page, derived from the question's document (lib/service/answers.ts,
// what /api/who-can returns): the answers merged by subject as a list, and their graph (collapsed when
// large). Plain JSON, computed on the server and handed to client components.
import type { EffectiveAnswer, EffectivePod, EffectiveServiceAccount } from '../engine/effective';
import { collapseGraph } from '../engine/graph-collapse';
import { nodeId, type AnswerGrant, type AnswerGraphInput, type AnswerPermission, type AnswerSubject, type Graph, type NodeId } from '../engine/graph';
import { subgraphThrough } from '../engine/graph-paths';
import { drawAnswer, focusAnswer, type SummaryGroup } from '../engine/graph-summary';
import { CLUSTER_SCOPE } from '../engine/query-index';
import type { AtlasIndex } from '../engine/query-index';
import { questionTitle, scopeText } from '../engine/request';
import { AUTHENTICATED, subjectRefKey, UNAUTHENTICATED } from '../engine/subjects';
import type { SubjectKind, SubjectRef } from '../engine/types';
import { compareGrants, compareSubjects } from '../engine/who-can';
import { requestFromJson, ruleFromJson } from '../format/json';
import { documentAnswers, documentPermission, isPresetDocument, questionDocument, type QuestionDocument } from './answers';
import type { AnswerChange } from './change-view';
import type { FindingSummary } from './finding-view';
import type { RiskLevel } from './findings';
import { resolveQuery, type QueryParams } from './query';

/** Grants listed per subject in the answer list (the rest are counted). */
export const GRANTS_PER_SUBJECT = 6;
/** Group clicks kept (a key once per click); older ones fold back. */
export const MAX_EXPANDED = 40;
/** Service accounts and pods listed in the effective view (the export has them all). */
export const EFFECTIVE_LISTED = 1000;

/** A grant as the answer list shows it (its row names the first, the filter searches them all): the binding and the role. */
export interface GrantItem {
  binding: NodeId;
  role: NodeId;
}

export interface SubjectItem {
  id: NodeId;
  kind: SubjectKind;
  name: string;
  namespace?: string;
  scopes: string[];
  grantCount: number;
  grants: GrantItem[];
  /** the subject's most severe high or critical finding */
  risk?: RiskLevel;
  /** its shortest privilege-escalation path (a path finding): "reaches cluster-admin in N steps" */
  escalation?: { to: 'cluster-admin' | 'node'; steps: number };
}

export interface GraphView {
  graph: Graph;
  /** false: the whole answer is drawn; true: a summary with groups that open on a click */
  summarized: boolean;
  /** the groups drawn; a finding's "more namespaces" group lists the namespaces it merges */
  groups: (SummaryGroup & { namespaces?: string[] })[];
  /** subjects drawn by name, of totalSubjects */
  namedSubjects: number;
  totalSubjects: number;
  /** group keys clicked open (once per click) */
  expanded: string[];
  focus?: NodeId;
  /** subjects with a high or critical finding (graph badges) */
  risk?: Record<NodeId, RiskLevel>;
}

/** A service account of the effective view: allowed itself or through its (implicit) groups. */
export interface EffectiveAccountItem {
  id: NodeId;
  namespace: string;
  name: string;
  /** the subjects it is allowed through: "itself" or group names */
  via: string[];
  scopes: string[];
  pods: number;
  inSnapshot: boolean;
}

/** A pod running as an allowed service account. */
export interface EffectivePodItem {
  id: NodeId;
  namespace: string;
  name: string;
  serviceAccount: string;
  node?: string;
  /** "ReplicaSet/web-5d8f" */
  owner?: string;
  tokenMounted: boolean;
  /** its service account is allowed cluster-wide */
  clusterWide: boolean;
}

export interface EffectiveView {
  serviceAccounts: EffectiveAccountItem[];
  pods: EffectivePodItem[];
  /** counts before the lists were cut at EFFECTIVE_LISTED */
  totalServiceAccounts: number;
  totalPods: number;
  podsWithToken: number;
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
  /** riskiest first: high/critical findings, cluster-wide, most namespaces */
  subjects: SubjectItem[];
  effective?: EffectiveView;
  graph: GraphView;
  /** set when the view draws one finding's grant paths (?finding=ID) instead of a question's answer */
  finding?: FindingSummary;
  /** "try a change": who gained and lost this answer with the change (lib/service/change-view.ts) */
  change?: AnswerChange;
}

/** The expand parameter: group keys, URI-encoded, comma-separated, once per click. */
export function parseExpanded(expand: string | undefined): string[] {
  if (!expand) return [];
  const keys: string[] = [];
  for (const part of expand.split(',')) {
    let key: string;
    try {
      key = decodeURIComponent(part.trim());
    } catch {
      continue;
    }
    if (/^(roles|(ns|kind|subjects|effective|pods):.+)$/.test(key)) keys.push(key);
  }
  return keys.slice(-MAX_EXPANDED);
}

/** The expand parameter for these keys (the inverse of parseExpanded). */
export function formatExpanded(keys: readonly string[]): string {
  return keys.map((k) => encodeURIComponent(k)).join(',');
}

export interface ViewOptions {
  /** subjects with a high or critical finding: listed and drawn first */
  risk?: ReadonlyMap<NodeId, RiskLevel>;
  /** subjects listed and drawn by name first, whatever their risk (e.g. those a tried change gains) */
  pinned?: ReadonlySet<NodeId>;
  /** path findings by subject (lib/service/findings.ts escalationBySubject): a badge on each row */
  escalation?: ReadonlyMap<NodeId, { to: 'cluster-admin' | 'node'; steps: number }>;
}

export function buildQueryView(index: AtlasIndex, params: QueryParams, options: ViewOptions = {}): QueryView {
  return queryViewOf(questionDocument(index, resolveQuery(params), { effective: params.effective === true }), params, options);
}

const RISK_RANK: Record<RiskLevel, number> = { critical: 0, high: 1 };
const KIND_RANK: Record<SubjectKind, number> = { Group: 0, ServiceAccount: 1, User: 2 };

/** Groups every request (or every service account) of the cluster is in: whatever they hold, nearly everyone holds. */
function isBroadGroup(s: SubjectRef): boolean {
  return s.kind === 'Group' && (s.name === AUTHENTICATED || s.name === UNAUTHENTICATED || s.name === 'system:serviceaccounts' || s.name.startsWith('system:serviceaccounts:'));
}

/**
 * Subjects riskiest first: finding severity, then cluster-wide grants, then groups everyone is in,
 * then how many namespaces (namespaced grants only), then kind (groups, service accounts, users) and name.
 */
export function rankSubjects(subjects: readonly AnswerSubject[], risk: ReadonlyMap<NodeId, RiskLevel> = new Map(), pinned: ReadonlySet<NodeId> = new Set()): AnswerSubject[] {
  const keyed = subjects.map((s) => {
    const scopes = new Set(s.grants.map((g) => g.scope));
    const id = nodeId(s);
    const level = risk.get(id);
    const cluster = scopes.has(CLUSTER_SCOPE);
    return { s, pinned: pinned.has(id) ? 0 : 1, risk: level ? RISK_RANK[level] : 2, cluster: cluster ? 0 : 1, broad: isBroadGroup(s) ? 0 : 1, namespaces: cluster ? 0 : scopes.size };
  });
  keyed.sort((a, b) => a.pinned - b.pinned || a.risk - b.risk || a.cluster - b.cluster || a.broad - b.broad || b.namespaces - a.namespaces || KIND_RANK[a.s.kind] - KIND_RANK[b.s.kind] || compareSubjects(a.s, b.s));
  return keyed.map((k) => k.s);
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

/**
 * The answer as drawn: only the paths through `focus` when set; the whole graph when it fits, else a
 * summary (lib/engine/graph-summary.ts). `merged.subjects` must be ranked riskiest first.
 */
export function answerGraph(merged: MergedAnswer, params: Pick<QueryParams, 'focus' | 'expand'>): GraphView {
  const input: AnswerGraphInput = { permissions: merged.permissions, subjects: merged.subjects, ...(merged.effective ? { effective: merged.effective } : {}) };
  const focused = params.focus ? focusAnswer(input, params.focus) : undefined;
  const expanded = parseExpanded(params.expand);
  const drawing = drawAnswer(focused ?? input, { expanded });
  return {
    graph: drawing.graph,
    summarized: drawing.summarized,
    groups: drawing.groups,
    namedSubjects: drawing.namedSubjects,
    totalSubjects: drawing.totalSubjects,
    expanded,
    ...(focused ? { focus: params.focus! } : {}),
  };
}

/** Any other graph (a finding's paths) as drawn: only the paths through `focus` when set, large ones collapsed into groups. */
export function graphView(full: Graph, params: Pick<QueryParams, 'focus' | 'expand'>): GraphView {
  let graph = full;
  const focus = params.focus && graph.nodes.some((n) => n.id === params.focus) ? params.focus : undefined;
  if (focus) graph = subgraphThrough(graph, focus);
  const expanded = parseExpanded(params.expand);
  const collapsed = collapseGraph(graph, { expanded: [...new Set(expanded)] });
  const subjects = graph.nodes.filter((n) => n.kind === 'User' || n.kind === 'Group' || n.kind === 'ServiceAccount').length;
  return {
    graph: collapsed.graph,
    summarized: collapsed.collapsed,
    groups: collapsed.groups.map((g) => ({ key: g.key, id: g.id, label: g.label, members: g.members, next: g.namespaces ? 0 : g.members, ...(g.namespaces ? { namespaces: g.namespaces } : {}) })),
    namedSubjects: collapsed.graph.nodes.filter((n) => n.kind === 'User' || n.kind === 'Group' || n.kind === 'ServiceAccount').length,
    totalSubjects: subjects,
    expanded,
    ...(focus ? { focus } : {}),
  };
}

/** The title and scope words of a question's document. */
export function documentTitle(doc: QuestionDocument): { title: string; scopeText: string } {
  const scopes = [...new Set(documentAnswers(doc).map((a) => scopeText(requestFromJson(a.request))))];
  return { title: isPresetDocument(doc) ? doc.title : questionTitle(requestFromJson(doc.request)), scopeText: scopes.join(' / ') };
}

export function queryViewOf(doc: QuestionDocument, params: Pick<QueryParams, 'focus' | 'expand'>, options: ViewOptions = {}): QueryView {
  const merged = mergeDocument(doc);
  merged.subjects = rankSubjects(merged.subjects, options.risk, options.pinned);
  const subjects = merged.subjects.map((s): SubjectItem => {
    const item: SubjectItem = {
      id: nodeId(s),
      kind: s.kind,
      name: s.name,
      scopes: [...new Set(s.grants.map((g) => g.scope))],
      grantCount: s.grants.length,
      grants: s.grants.slice(0, GRANTS_PER_SUBJECT).map((g) => ({ binding: nodeId(g.binding), role: nodeId(g.role) })),
    };
    if (s.namespace !== undefined) item.namespace = s.namespace;
    const risk = options.risk?.get(item.id);
    if (risk) item.risk = risk;
    const escalation = options.escalation?.get(item.id);
    if (escalation) item.escalation = { to: escalation.to, steps: escalation.steps };
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
    ...(merged.effective ? { effective: effectiveView(merged.effective) } : {}),
    graph: answerGraph(merged, params),
  };
}

const viaText = (sa: EffectiveServiceAccount, v: SubjectRef) => (v.kind === 'ServiceAccount' && v.namespace === sa.namespace && v.name === sa.name ? 'itself' : v.name);

/**
 * The effective view's lists, riskiest first: accounts allowed cluster-wide, then those with the most
 * pods; pods whose token is mounted, then those of accounts allowed cluster-wide.
 */
export function effectiveView(effective: EffectiveAnswer): EffectiveView {
  const podCount = new Map<string, number>();
  for (const p of effective.pods) podCount.set(`${p.namespace}/${p.serviceAccount}`, (podCount.get(`${p.namespace}/${p.serviceAccount}`) ?? 0) + 1);
  const clusterWide = new Set(effective.serviceAccounts.filter((sa) => sa.scopes.includes(CLUSTER_SCOPE)).map((sa) => `${sa.namespace}/${sa.name}`));
  const accounts = effective.serviceAccounts.map((sa): EffectiveAccountItem => ({
    id: nodeId({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name }),
    namespace: sa.namespace,
    name: sa.name,
    via: sa.via.map((v) => viaText(sa, v)),
    scopes: sa.scopes,
    pods: podCount.get(`${sa.namespace}/${sa.name}`) ?? 0,
    inSnapshot: sa.inSnapshot,
  }));
  const wide = (a: { namespace: string; name: string }) => (clusterWide.has(`${a.namespace}/${a.name}`) ? 0 : 1);
  accounts.sort((a, b) => wide(a) - wide(b) || b.pods - a.pods || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  const pods = effective.pods.map((p): EffectivePodItem => podItem(p, clusterWide.has(`${p.namespace}/${p.serviceAccount}`)));
  pods.sort((a, b) => Number(b.tokenMounted) - Number(a.tokenMounted) || Number(b.clusterWide) - Number(a.clusterWide) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  return {
    serviceAccounts: accounts.slice(0, EFFECTIVE_LISTED),
    pods: pods.slice(0, EFFECTIVE_LISTED),
    totalServiceAccounts: accounts.length,
    totalPods: pods.length,
    podsWithToken: pods.filter((p) => p.tokenMounted).length,
  };
}

function podItem(p: EffectivePod, clusterWide: boolean): EffectivePodItem {
  return {
    id: nodeId({ kind: 'Pod', namespace: p.namespace, name: p.name }),
    namespace: p.namespace,
    name: p.name,
    serviceAccount: p.serviceAccount,
    ...(p.nodeName ? { node: p.nodeName } : {}),
    ...(p.owner ? { owner: `${p.owner.kind}/${p.owner.name}` } : {}),
    tokenMounted: p.automountServiceAccountToken,
    clusterWide,
  };
}
