// Subject view: every subject the data source knows (named by a binding, or a ServiceAccount
// object), search over them, and one subject's permissions per scope with the pods running as it:
// the `what-can --subject -o json` document (what /api/subject returns, with the pods and which rule
// of a role matched under "view"), and the page's view model derived from it.
import { buildSubjectGraph, nodeId, type Graph, type NodeId } from '../engine/graph';
import type { AtlasIndex } from '../engine/query-index';
import { parseSubjectSpec, reportedSubject, subjectRefKey } from '../engine/subjects';
import type { SubjectKind, SubjectRef } from '../engine/types';
import type { WhatCanAnswer } from '../engine/what-can';
import { compareSubjects } from '../engine/who-can';
import { AtlasError } from '../errors';
import { ruleFromJson, type WhatCanJson } from '../format/json';
import { ruleResources } from '../format/text';
import { whatCanWithJson } from './answers';

export interface SubjectEntry {
  id: NodeId;
  kind: SubjectKind;
  name: string;
  namespace?: string;
  /** bindings naming it directly */
  bindings: number;
}

const cache = new WeakMap<AtlasIndex, SubjectEntry[]>();

export function allSubjects(index: AtlasIndex): SubjectEntry[] {
  const cached = cache.get(index);
  if (cached) return cached;
  const byKey = new Map<string, SubjectEntry & { ref: SubjectRef }>();
  const add = (ref: SubjectRef, bindings: number) => {
    const key = subjectRefKey(ref);
    const found = byKey.get(key);
    if (found) found.bindings += bindings;
    else byKey.set(key, { id: nodeId(ref), kind: ref.kind, name: ref.name, ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}), bindings, ref });
  };
  for (const entry of index.bindings) {
    const seen = new Set<string>();
    for (const s of entry.binding.subjects) {
      const ref = reportedSubject(s, entry.namespace);
      if (!ref || seen.has(subjectRefKey(ref))) continue;
      seen.add(subjectRefKey(ref));
      add(ref, 1);
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

/** Case-insensitive substring search; exact and prefix matches first. */
export function searchSubjects(index: AtlasIndex, q: string, kind?: SubjectKind, limit = 50): { total: number; items: SubjectEntry[] } {
  const needle = q.trim().toLowerCase();
  // exact, then prefix, then other matches, each in the list's order (what a stable sort by score gives)
  const byScore: SubjectEntry[][] = [[], [], []];
  const lower = lowerNames(index);
  const subjects = allSubjects(index);
  for (let i = 0; i < subjects.length; i++) {
    const s = subjects[i]!;
    if (kind && s.kind !== kind) continue;
    const { name, hay } = lower[i]!;
    if (needle && !hay.includes(needle)) continue;
    byScore[name === needle ? 0 : name.startsWith(needle) ? 1 : 2]!.push(s);
  }
  const all = byScore.flat();
  return { total: all.length, items: all.slice(0, limit) };
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
}

export interface SubjectPod {
  id: NodeId;
  name: string;
  namespace: string;
  node?: string;
}

/** `what-can --subject KIND:[NS/]NAME -o json`, and what only the subject view needs. */
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

export function subjectDocument(index: AtlasIndex, subject: SubjectRef): SubjectDocument {
  const { answer, json } = whatCanWithJson(index, { subject });
  const podObjects = subject.kind === 'ServiceAccount' ? (index.podsByServiceAccount.get(`${subject.namespace}/${subject.name}`) ?? []) : [];
  return {
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
}

export interface SubjectView {
  subject: SubjectRef & { id: NodeId };
  known: boolean;
  scopes: { scope: string; rows: SubjectGrantRow[] }[];
  dangling: { binding: NodeId; roleRef: string }[];
  pods: SubjectPod[];
  /** ServiceAccounts only: the account as the API server sees it, with its implicit groups */
  implicitGroups: string[];
  graph: Graph;
}

export function subjectView(index: AtlasIndex, subject: SubjectRef): SubjectView {
  return subjectViewOf(subjectDocument(index, subject));
}

/** The subject page's view model, derived from the subject's document. */
export function subjectViewOf(doc: SubjectDocument): SubjectView {
  const subject = doc.subject;
  const answer: WhatCanAnswer = {
    scopes: doc.scopes.map((s, i) => ({
      scope: s.scope,
      grants: s.grants.map((g, j) => ({ binding: g.binding, role: g.role, rule: ruleFromJson(g.rule), ruleIndex: doc.view.ruleIndex[i]![j]!, scope: g.scope })),
    })),
    danglingBindings: doc.danglingBindings,
  };
  return {
    subject: { ...subject, id: nodeId(subject) },
    known: doc.view.known,
    scopes: answer.scopes.map((s) => ({
      scope: s.scope,
      rows: s.grants.map((g) => ({
        scope: s.scope,
        resources: ruleResources(g.rule),
        resourceNames: g.rule.resourceNames.join(', '),
        verbs: g.rule.verbs.join(', '),
        binding: nodeId(g.binding),
        role: nodeId(g.role),
        ruleIndex: g.ruleIndex,
      })),
    })),
    dangling: answer.danglingBindings.map((d) => ({ binding: nodeId(d.binding), roleRef: d.roleRef })),
    pods: doc.view.pods,
    implicitGroups: subject.kind === 'ServiceAccount' ? ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace}`, 'system:authenticated'] : [],
    graph: buildSubjectGraph(subject, answer, doc.view.pods.map((p) => ({ metadata: { namespace: p.namespace, name: p.name } }))),
  };
}
