// The Findings view: a scan report (lib/service/scan.ts: the pipeline of `rbac-atlas scan`, with the
// built-in switch and the config's suppressions applied) + URL parameters -> the findings shown
// (filters, sort), their counts, the chart by namespace, what was left out, and the risk marks used
// by the namespace list and graph nodes. Pure (no I/O): the page, the route handlers and the unit
// tests share it.
import { z } from 'zod';
import { FINDING_CATALOG, FINDING_IDS, FINDING_KINDS, findingKindOf } from '../engine/findings/catalog';
import { compareSeverityDesc, countBySeverity } from '../engine/findings/severity';
import type { ScanReport } from '../engine/findings/report';
import { SEVERITIES, type Finding, type Severity } from '../engine/findings/types';
import { isServiceAccountGroup, tokenGroups } from '../engine/findings/groups';
import { nodeId, parseNodeId, type NodeId } from '../engine/graph';
import { findingTarget, podsText, scopeLabel, throughText } from '../format/findings-common';
import { leftOutLines } from '../format/findings-common';
import { CLUSTER_NS } from './query';

export const CLUSTER_SCOPE = 'cluster';
export const FINDINGS_FIRST_PAGE = 200;
export const SORT_KEYS = ['severity', 'kind', 'target', 'scope'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const severityList = z
  .string()
  .trim()
  .max(100)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(SEVERITIES)).max(SEVERITIES.length));
const kindId = z
  .string()
  .trim()
  .max(100)
  .refine((k) => findingKindOf(k) !== undefined, { message: `unknown finding kind (known: ${Object.values(FINDING_IDS).join(', ')})` });

/** The findings view's part of the URL: ?builtin=1&sev=critical,high&kind=read-secrets&ns=team-a&q=jane&sort=scope&dir=asc */
export const findingsParamsSchema = z.object({
  builtin: flag.optional(),
  sev: severityList.optional(),
  kind: kindId.optional(),
  /** a namespace, or _cluster for cluster-wide findings */
  ns: z.string().trim().max(253).regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?|_cluster)$/, 'not a namespace name').optional(),
  q: z.string().trim().max(300).optional(),
  sort: z.enum(SORT_KEYS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  all: flag.optional(),
});

export type FindingsParams = z.infer<typeof findingsParamsSchema>;

/** Drops empty values, so that "?sev=&kind=" reads as absent. */
export function parseFindingsParams(raw: Record<string, string>): FindingsParams {
  return findingsParamsSchema.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v.trim() !== '')));
}

function scopeOfParam(ns: string): string {
  return ns === CLUSTER_NS ? CLUSTER_SCOPE : ns;
}

function matchesText(f: Finding, q: string): boolean {
  const hay = [f.id, f.ruleId, f.title, f.message, findingTarget(f), f.scope].join('\n').toLowerCase();
  return q.split(/\s+/).every((word) => hay.includes(word));
}

/**
 * Does a finding apply in a scope: its own scope, and for a namespace also the cluster-wide findings
 * about a subject (a ClusterRoleBinding's grants hold in every namespace). Cluster-wide findings about
 * an object (an unused ClusterRole, a dangling ClusterRoleBinding) are about no namespace.
 */
export function appliesIn(f: Finding, scope: string): boolean {
  return f.scope === scope || (scope !== CLUSTER_SCOPE && f.scope === CLUSTER_SCOPE && f.subject !== undefined);
}

/** The severity, kind, namespace and text filters (the built-in switch is applied before). */
export function filterFindings(findings: readonly Finding[], p: FindingsParams): Finding[] {
  const sev = p.sev && p.sev.length > 0 ? new Set<Severity>(p.sev) : undefined;
  const kind = p.kind ? findingKindOf(p.kind) : undefined;
  const scope = p.ns ? scopeOfParam(p.ns) : undefined;
  const q = p.q?.toLowerCase();
  return findings.filter((f) => (!sev || sev.has(f.severity)) && (!kind || f.kind === kind) && (scope === undefined || appliesIn(f, scope)) && (!q || matchesText(f, q)));
}

const KIND_ORDER = new Map(FINDING_KINDS.map((k, i) => [k, i]));
const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Cluster-wide first, then namespaces by name. */
function compareScopes(a: string, b: string): number {
  return (a === CLUSTER_SCOPE ? 0 : 1) - (b === CLUSTER_SCOPE ? 0 : 1) || text(a, b);
}

const COMPARE: Record<SortKey, (a: Finding, b: Finding) => number> = {
  severity: (a, b) => compareSeverityDesc(a.severity, b.severity),
  kind: (a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!,
  target: (a, b) => text(findingTarget(a).toLowerCase(), findingTarget(b).toLowerCase()),
  scope: (a, b) => compareScopes(a.scope, b.scope),
};

/** The direction a column sorts in first: severity critical first, the others A to Z. */
export function defaultDir(sort: SortKey): 'asc' | 'desc' {
  return sort === 'severity' ? 'desc' : 'asc';
}

/** Default: the engine's order (severity, kind, scope). Ties keep that order, whatever the key. */
export function sortFindings(findings: readonly Finding[], sort: SortKey = 'severity', dir: 'asc' | 'desc' = defaultDir(sort)): Finding[] {
  const order = new Map(findings.map((f, i) => [f, i]));
  const sign = dir === defaultDir(sort) ? 1 : -1;
  return [...findings].sort((a, b) => sign * COMPARE[sort](a, b) || order.get(a)! - order.get(b)!);
}

/** The graph node a finding is about: its subject, else its object. */
export function findingNodeId(f: Finding): NodeId | undefined {
  if (f.subject) return nodeId(f.subject);
  return f.object ? nodeId(f.object) : undefined;
}

/** The explorer drawing this finding's grant paths, with its subject (or object) selected. */
export function findingHref(f: Finding): string {
  // a path finding: its steps in the Paths view
  if (f.escalation && f.subject) return `/paths?${new URLSearchParams({ from: f.subject.kind === 'ServiceAccount' ? `ServiceAccount:${f.subject.namespace}/${f.subject.name}` : `${f.subject.kind}:${f.subject.name}` }).toString()}`;
  const q = new URLSearchParams({ finding: f.id });
  const sel = findingNodeId(f);
  if (sel) q.set('sel', sel);
  return `/?${q.toString()}`;
}

export interface FindingRow {
  id: string;
  severity: Severity;
  kindId: string;
  title: string;
  target: string;
  targetKind: string;
  scope: string;
  via: string;
  pods: string;
  message: string;
  builtin: boolean;
  href: string;
  /** a finding of a group the subject is in (as the API server adds it), e.g. "Group system:authenticated" */
  through?: string;
}

export interface ScopeBar {
  /** "cluster" or a namespace */
  scope: string;
  label: string;
  total: number;
  bySeverity: Record<Severity, number>;
}

export interface SuppressedRow {
  id: string;
  reason: string;
  expires?: string;
  /** "suppression #2 (line 7)" */
  suppression: string;
  href: string;
}

export interface FindingsView {
  /** counts of the reported findings (built-in switch and suppressions applied, other filters not) */
  counts: Record<Severity, number> & { total: number };
  hiddenBuiltin: number;
  /** what the report leaves out, as `rbac-atlas scan` prints it: suppressed findings, expired suppressions */
  leftOut: string[];
  /** the findings suppressed by the config file, with the reason */
  suppressed: SuppressedRow[];
  byScope: ScopeBar[];
  /** scopes left out of the chart */
  moreScopes: number;
  kinds: { id: string; title: string; count: number }[];
  scopes: string[];
  /** findings after the filters */
  matched: number;
  rows: FindingRow[];
  notes: string[];
}

export const CHART_SCOPES = 12;

export function findingRow(f: Finding): FindingRow {
  return {
    id: f.id,
    severity: f.severity,
    kindId: f.ruleId,
    title: f.title,
    target: findingTarget(f).replace(/^(User|Group|ServiceAccount) /, ''),
    targetKind: f.subject?.kind ?? f.object?.kind ?? '',
    scope: f.scope,
    via: throughText(f),
    pods: podsText(f),
    message: f.message,
    builtin: f.builtin,
    href: findingHref(f),
  };
}

/** The view of a report (`report` from scanSource with the built-in switch of `p`). */
export function findingsView(report: ScanReport, p: FindingsParams): FindingsView {
  const findings = report.findings;
  const scopes = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = scopes.get(f.scope);
    if (list) list.push(f);
    else scopes.set(f.scope, [f]);
  }
  const bars = [...scopes.entries()]
    .map(([scope, list]): ScopeBar => ({ scope, label: scopeLabel(scope), total: list.length, bySeverity: countBySeverity(list) }))
    .sort((a, b) => b.total - a.total || text(a.scope, b.scope));
  const kinds = FINDING_KINDS.map((k) => ({ id: FINDING_CATALOG[k].id, title: FINDING_CATALOG[k].title, count: findings.filter((f) => f.kind === k).length })).filter((k) => k.count > 0);
  const matched = sortFindings(filterFindings(findings, p), p.sort, p.dir);
  const shown = p.all ? matched : matched.slice(0, FINDINGS_FIRST_PAGE);
  return {
    counts: { ...countBySeverity(findings), total: findings.length },
    hiddenBuiltin: report.hiddenBuiltin,
    // the built-in count has its own place beside the switch
    leftOut: leftOutLines({ ...report, hiddenBuiltin: 0 }),
    suppressed: report.suppressed.map((s) => ({
      id: s.id,
      reason: s.reason,
      ...(s.expires ? { expires: s.expires } : {}),
      suppression: `suppression #${s.suppression}`,
      href: `/?${new URLSearchParams({ finding: s.id }).toString()}`,
    })),
    byScope: bars.slice(0, CHART_SCOPES),
    moreScopes: Math.max(0, bars.length - CHART_SCOPES),
    kinds,
    scopes: [...scopes.keys()].sort(compareScopes),
    matched: matched.length,
    rows: shown.map(findingRow),
    notes: report.notes,
  };
}

/**
 * The reported (not built-in) findings about one subject, most severe first; for a ServiceAccount,
 * also those of the groups the API server adds to its token (system:serviceaccounts:<ns>,
 * system:serviceaccounts, system:authenticated), marked with the group they come through.
 */
export function subjectFindings(findings: readonly Finding[], subjectId: NodeId): FindingRow[] {
  const parsed = parseNodeId(subjectId);
  const groups = parsed?.kind === 'ServiceAccount' && parsed.namespace ? new Set(tokenGroups(parsed.namespace)) : undefined;
  const rows: FindingRow[] = [];
  for (const f of findings) {
    if (f.builtin || !f.subject) continue;
    if (nodeId(f.subject) === subjectId) rows.push(findingRow(f));
    else if (f.subject.kind === 'Group' && groups?.has(f.subject.name)) rows.push({ ...findingRow(f), through: `Group ${f.subject.name}` });
  }
  return rows;
}

export type RiskLevel = 'critical' | 'high';

function isRisk(s: Severity): s is RiskLevel {
  return s === 'critical' || s === 'high';
}

/** riskBySubject per findings list (the reported findings are kept per analysis: scan.ts). Read only. */
const riskKept = new WeakMap<readonly Finding[], Map<NodeId, RiskLevel>>();

/**
 * Subjects with a high or critical finding (not built-in), by NodeId: the graph's risk marks. A grant
 * to a group only ServiceAccount tokens carry (system:serviceaccounts[:ns]) marks the ServiceAccounts
 * it reaches too; system:authenticated marks only itself (it would mark every ServiceAccount).
 */
export function riskBySubject(findings: readonly Finding[]): Map<NodeId, RiskLevel> {
  const kept = riskKept.get(findings);
  if (kept) return kept;
  const out = new Map<NodeId, RiskLevel>();
  riskKept.set(findings, out);
  const mark = (id: NodeId, level: RiskLevel) => {
    if (out.get(id) !== 'critical') out.set(id, level);
  };
  for (const f of findings) {
    if (f.builtin || !f.subject) continue;
    const level = f.severity;
    if (!isRisk(level)) continue;
    mark(nodeId(f.subject), level);
    if (f.members && isServiceAccountGroup(f.subject.name)) {
      for (const sa of f.members.serviceAccounts) mark(nodeId({ kind: 'ServiceAccount', ...sa }), level);
    }
  }
  return out;
}

/** How close a subject is to cluster-admin or a node, from the path findings: the fewest steps. */
export interface EscalationMark {
  to: 'cluster-admin' | 'node';
  steps: number;
}

/**
 * The path findings by subject (and, for a group the API server fills, by its ServiceAccounts):
 * "reaches cluster-admin in 2 steps" on answers. Cluster-admin before node; fewer steps first.
 */
export function escalationBySubject(findings: readonly Finding[]): Map<NodeId, EscalationMark> {
  const out = new Map<NodeId, EscalationMark>();
  const better = (a: EscalationMark, b: EscalationMark) => (a.to !== b.to ? a.to === 'cluster-admin' : a.steps < b.steps);
  const mark = (id: NodeId, m: EscalationMark) => {
    const had = out.get(id);
    if (!had || better(m, had)) out.set(id, m);
  };
  for (const f of findings) {
    if (f.builtin || !f.subject || !f.escalation) continue;
    const to = f.escalation.to;
    if (to !== 'cluster-admin' && to !== 'node') continue;
    const m: EscalationMark = { to, steps: f.escalation.steps.length };
    mark(nodeId(f.subject), m);
    if (f.members && isServiceAccountGroup(f.subject.name)) {
      for (const sa of f.members.serviceAccounts) mark(nodeId({ kind: 'ServiceAccount', ...sa }), m);
    }
  }
  return out;
}

/** The risk marks of the nodes of one graph. */
export function riskOfNodes(nodes: readonly { id: NodeId }[], risk: ReadonlyMap<NodeId, RiskLevel>): Record<NodeId, RiskLevel> {
  const out: Record<NodeId, RiskLevel> = {};
  for (const n of nodes) {
    const r = risk.get(n.id);
    if (r) out[n.id] = r;
  }
  return out;
}

/** High and critical findings (not built-in) whose scope is a namespace, per namespace. */
export function riskByNamespace(findings: readonly Finding[]): Record<string, Record<RiskLevel, number>> {
  const out: Record<string, Record<RiskLevel, number>> = {};
  for (const f of findings) {
    if (f.builtin || f.scope === CLUSTER_SCOPE || !isRisk(f.severity)) continue;
    const counts = (out[f.scope] ??= { critical: 0, high: 0 });
    counts[f.severity]++;
  }
  return out;
}
