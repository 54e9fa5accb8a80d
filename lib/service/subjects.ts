// Subject view: every subject the data source knows (named by a binding, or a ServiceAccount
// object), search over them, and one subject's permissions per scope with the pods running as it:
// the `what-can --subject -o json` document (what /api/subject returns, with the pods and which rule
// of a role matched under "view"), and the page's view model derived from it.
import { buildSubjectGraph, nodeId, type Graph, type NodeId } from '../engine/graph';
import { CLUSTER_SCOPE, isClusterGrant, type AtlasIndex } from '../engine/query-index';
import { parseSubjectSpec, reportedSubject, serviceAccountUser, subjectRefKey, withImplicitGroups } from '../engine/subjects';
import type { Grant, SubjectKind, SubjectRef } from '../engine/types';
import type { WhatCanAnswer } from '../engine/what-can';
import { compareSubjects } from '../engine/who-can';
import { AtlasError } from '../errors';
import { ruleFromJson, type WhatCanJson } from '../format/json';
import { ruleResources } from '../format/text';
import { whatCanWithJson } from './answers';
import type { RiskLevel } from './findings';
import { effectiveGraph, riskGlance, sameSubject, viaOf, type GlanceItem } from './subject-effective';

export interface SubjectEntry {
  id: NodeId;
  kind: SubjectKind;
  name: string;
  namespace?: string;
  /** bindings naming it directly */
  bindings: number;
  /** named by a ClusterRoleBinding whose role exists (its grants hold in every namespace) */
  clusterWide: boolean;
  /** its most severe high or critical finding (searchSubjects sets it when given the findings' risk marks) */
  risk?: RiskLevel;
}

const cache = new WeakMap<AtlasIndex, SubjectEntry[]>();

export function allSubjects(index: AtlasIndex): SubjectEntry[] {
  const cached = cache.get(index);
  if (cached) return cached;
  const byKey = new Map<string, SubjectEntry & { ref: SubjectRef }>();
  const add = (ref: SubjectRef, bindings: number, clusterWide = false) => {
    const key = subjectRefKey(ref);
    const found = byKey.get(key);
    if (found) {
      found.bindings += bindings;
      found.clusterWide ||= clusterWide;
    } else byKey.set(key, { id: nodeId(ref), kind: ref.kind, name: ref.name, ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}), bindings, clusterWide, ref });
  };
  for (const entry of index.bindings) {
    const seen = new Set<string>();
    for (const s of entry.binding.subjects) {
      const ref = reportedSubject(s, entry.namespace);
      if (!ref || seen.has(subjectRefKey(ref))) continue;
      seen.add(subjectRefKey(ref));
      add(ref, 1, entry.scope === CLUSTER_SCOPE && entry.role !== undefined);
    }
  }
  for (const sa of index.serviceAccounts.values()) add({ kind: 'ServiceAccount', namespace: sa.metadata.namespace, name: sa.metadata.name }, 0);
  const list = [...byKey.values()].sort((a, b) => compareSubjects(a.ref, b.ref)).map(({ ref: _ref, ...rest }) => rest);
  cache.set(index, list);
  return list;
}

const lowerCache = new WeakMap<AtlasIndex, { name: string; hay: string }[]>();

/** allSubjects' names in lower case, and "namespace/name" for service accounts, computed once per snapshot. */
function lowerNames(index: AtlasIndex): { name: string; hay: string }[] {
  let found = lowerCache.get(index);
  if (!found) {
    found = allSubjects(index).map((s) => {
      const name = s.name.toLowerCase();
      return { name, hay: s.namespace ? `${s.namespace.toLowerCase()}/${name}` : name };
    });
    lowerCache.set(index, found);
  }
  return found;
}

const idCache = new WeakMap<AtlasIndex, Set<string>>();

function subjectIds(index: AtlasIndex): Set<string> {
  let ids = idCache.get(index);
  if (!ids) idCache.set(index, (ids = new Set(allSubjects(index).map((s) => s.id))));
  return ids;
}

/** Where a subject ranks by risk: a critical finding, a high one, a cluster-wide binding, the rest. */
function riskRank(s: SubjectEntry, risk: ReadonlyMap<NodeId, RiskLevel> | undefined): number {
  const r = risk?.get(s.id);
  return r === 'critical' ? 0 : r === 'high' ? 1 : s.clusterWide ? 2 : 3;
}

/**
 * Case-insensitive substring search, riskiest first: an exact name match, then subjects with a
 * critical finding, a high one, a cluster-wide binding, the rest; prefix matches before other
 * matches within each, then the list's order (kind, namespace, name).
 */
export function searchSubjects(index: AtlasIndex, q: string, kind?: SubjectKind, limit = 50, risk?: ReadonlyMap<NodeId, RiskLevel>): { total: number; items: SubjectEntry[] } {
  const needle = q.trim().toLowerCase();
  // buckets in the order above, each in the list's order (what a stable sort by score gives)
  const buckets: SubjectEntry[][] = Array.from({ length: 9 }, () => []);
  const lower = lowerNames(index);
  const subjects = allSubjects(index);
  for (let i = 0; i < subjects.length; i++) {
    const s = subjects[i]!;
    if (kind && s.kind !== kind) continue;
    const { name, hay } = lower[i]!;
    if (needle && !hay.includes(needle)) continue;
    const bucket = needle && name === needle ? 0 : 1 + riskRank(s, risk) * 2 + (needle && name.startsWith(needle) ? 0 : 1);
    buckets[bucket]!.push(s);
  }
  const all = buckets.flat();
  const items = all.slice(0, limit).map((s) => {
    const r = risk?.get(s.id);
    return r ? { ...s, risk: r } : s;
  });
  return { total: all.length, items };
}

export function parseSubjectParam(spec: string): SubjectRef {
  const parsed = parseSubjectSpec(spec);
  if ('error' in parsed) throw new AtlasError('usage', parsed.error);
  return parsed;
}

/** "User:alice", "ServiceAccount:ns/name": the URL form of a subject. */
export function subjectParam(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`;
}

export interface SubjectGrantRow {
  scope: string;
  resources: string;
  resourceNames: string;
  verbs: string;
  binding: NodeId;
  role: NodeId;
  ruleIndex: number;
  /** effective view: the group whose binding gave it (absent: a binding that names the subject itself) */
  via?: NodeId;
}

export interface SubjectPod {
  id: NodeId;
  name: string;
  namespace: string;
  node?: string;
}

/**
 * `what-can --subject KIND:[NS/]NAME -o json` (direct: the bindings that name it), or with `effective`
 * the same document with its groups' bindings counted (each grant `via` whom, its `groups`), and what
 * only the subject view needs. The page, its exports and /api/subject all read this one document.
 */
export type SubjectDocument = WhatCanJson & {
  subject: SubjectRef;
  view: {
    /** named by some binding, or a ServiceAccount in the data source */
    known: boolean;
    /** ServiceAccounts: the pods running as it */
    pods: SubjectPod[];
    /** ruleIndex[i][j]: the index, in its role, of the rule of scopes[i].grants[j] */
    ruleIndex: number[][];
  };
};

export function subjectDocument(index: AtlasIndex, subject: SubjectRef, options: { effective?: boolean } = {}): SubjectDocument {
  return subjectAnswer(index, subject, options).doc;
}

function subjectAnswer(index: AtlasIndex, subject: SubjectRef, options: { effective?: boolean }): { answer: WhatCanAnswer; doc: SubjectDocument } {
  const { answer, json } = whatCanWithJson(index, { subject }, undefined, options);
  const podObjects = subject.kind === 'ServiceAccount' ? (index.podsByServiceAccount.get(`${subject.namespace}/${subject.name}`) ?? []) : [];
  const doc: SubjectDocument = {
    ...json,
    subject: json.subject ?? subject,
    view: {
      known: subjectIds(index).has(nodeId(subject)),
      pods: podObjects.map((p) => ({
        id: nodeId({ kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name }),
        name: p.metadata.name,
        namespace: p.metadata.namespace,
        ...(p.nodeName ? { node: p.nodeName } : {}),
      })),
      ruleIndex: answer.scopes.map((s) => s.grants.map((g) => g.ruleIndex)),
    },
  };
  return { answer, doc };
}

export interface SubjectView {
  subject: SubjectRef & { id: NodeId };
  /** effective: its groups' bindings count too (the default); direct: only the bindings that name it */
  mode: 'effective' | 'direct';
  known: boolean;
  /** clusterWide: the grants of ClusterRoleBindings (a namespace may itself be named "cluster") */
  scopes: { scope: string; clusterWide: boolean; rows: SubjectGrantRow[] }[];
  dangling: { binding: NodeId; roleRef: string }[];
  pods: SubjectPod[];
  /** the groups the API server adds to its requests (ServiceAccounts and Users: system:authenticated, ...) */
  implicitGroups: string[];
  /** effective: its risky powers, where, and through whom */
  glance: GlanceItem[];
  /** rules held through its own bindings and through its groups' */
  counts: { direct: number; groups: number };
  /** effective: one of its groups is allowed everything before RBAC runs (system:masters) */
  reason?: string;
  graph: Graph;
}

/** The subject page's view: effective (its groups counted, each rule saying through whom) unless `direct`. */
export function subjectView(index: AtlasIndex, subject: SubjectRef, options: { direct?: boolean } = {}): SubjectView {
  if (options.direct) return subjectViewOf(subjectDocument(index, subject));
  const { answer, doc } = subjectAnswer(index, subject, { effective: true });
  const rows = answer.scopes.map((s) => ({ scope: s.scope, clusterWide: s.grants.some(isClusterGrant), rows: s.grants.map((g) => grantRow(s.scope, g, viaOf(g, subject), subject)) }));
  const all = rows.flatMap((s) => s.rows);
  return {
    subject: { ...doc.subject, id: nodeId(doc.subject) },
    mode: 'effective',
    known: doc.view.known,
    scopes: rows,
    dangling: answer.danglingBindings.map((d) => ({ binding: nodeId(d.binding), roleRef: d.roleRef })),
    pods: doc.view.pods,
    implicitGroups: (answer.identities ?? []).slice(1).map((g) => g.name),
    glance: riskGlance(subject, answer),
    counts: { direct: all.filter((r) => !r.via).length, groups: all.filter((r) => r.via).length },
    ...(answer.reason ? { reason: `${answer.reason}: the API server allows every request of this group's members before RBAC is consulted` } : {}),
    graph: effectiveGraph(doc.subject, answer, doc.view.pods),
  };
}

function grantRow(scope: string, g: Grant, via: SubjectRef | undefined, subject: SubjectRef): SubjectGrantRow {
  const row: SubjectGrantRow = {
    scope,
    resources: ruleResources(g.rule),
    resourceNames: g.rule.resourceNames.join(', '),
    verbs: g.rule.verbs.join(', '),
    binding: nodeId(g.binding),
    role: nodeId(g.role),
    ruleIndex: g.ruleIndex,
  };
  if (via && !sameSubject(via, subject)) row.via = nodeId(via);
  return row;
}

/** The subject page's direct view (only the bindings that name it), derived from the subject's document. */
export function subjectViewOf(doc: SubjectDocument): SubjectView {
  const subject = doc.subject;
  const answer: WhatCanAnswer = {
    scopes: doc.scopes.map((s, i) => ({
      scope: s.scope,
      grants: s.grants.map((g, j) => ({ binding: g.binding, role: g.role, rule: ruleFromJson(g.rule), ruleIndex: doc.view.ruleIndex[i]![j]!, scope: g.scope })),
    })),
    danglingBindings: doc.danglingBindings,
  };
  const scopes = answer.scopes.map((s) => ({ scope: s.scope, clusterWide: s.grants.some(isClusterGrant), rows: s.grants.map((g) => grantRow(s.scope, g, undefined, subject)) }));
  return {
    subject: { ...subject, id: nodeId(subject) },
    mode: 'direct',
    known: doc.view.known,
    scopes,
    dangling: answer.danglingBindings.map((d) => ({ binding: nodeId(d.binding), roleRef: d.roleRef })),
    pods: doc.view.pods,
    implicitGroups: subject.kind === 'Group' ? [] : withImplicitGroups(subject.kind === 'ServiceAccount' ? serviceAccountUser(subject.namespace ?? '', subject.name) : subject.name, []).groups,
    glance: [],
    counts: { direct: scopes.reduce((n, s) => n + s.rows.length, 0), groups: 0 },
    graph: buildSubjectGraph(subject, answer, doc.view.pods.map((p) => ({ metadata: { namespace: p.namespace, name: p.name } }))),
  };
}
