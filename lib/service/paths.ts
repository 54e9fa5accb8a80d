// The Paths view and /api/paths: the document of `rbac-atlas paths -o json` (lib/format/paths.ts)
// for a start picked in the browser (a subject, a pod, a namespace's ServiceAccounts, or every
// subject), with what only the view needs under "view": each step in words, the grant behind it as
// links, and for the list of every subject a count per sink. The paths engine's prepared graph is
// kept per loaded snapshot (preparedPathsOf), shared with the findings (store.ts).
import { z } from 'zod';
import { nodeId, type NodeId } from '../engine/graph';
import { defaultStarts, findPaths, isSink, preparePaths, resolvePodStart, SINKS, type Path, type PathsOptions, type PathStep, type PreparedPaths, type Sink } from '../engine/paths';
import { SINK_TEXT, TECHNIQUE_TEXT, requestText, subjectText, targetText } from '../engine/paths/describe';
import type { AtlasIndex } from '../engine/query-index';
import { subjectRefKey } from '../engine/subjects';
import type { Grant, SubjectRef } from '../engine/types';
import { AtlasError } from '../errors';
import { pathsJson } from '../format/paths';
import { ruleText } from '../format/text';
import { parseSubjectParam, subjectParam } from './subjects';

const PREPARED = Symbol.for('rbac-atlas.paths-prepared');
const globals = globalThis as typeof globalThis & { [PREPARED]?: WeakMap<AtlasIndex, PreparedPaths> };

/** The paths engine's prepared graph of a loaded snapshot, built on first use and kept with it. */
export function preparedPathsOf(index: AtlasIndex): PreparedPaths {
  const cache = (globals[PREPARED] ??= new WeakMap());
  let prepared = cache.get(index);
  if (!prepared) cache.set(index, (prepared = preparePaths(index)));
  return prepared;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const podSpec = z
  .string()
  .trim()
  .max(507)
  .refine((s) => /^[^/]+\/[^/]+$/.test(s), 'expected NAMESPACE/NAME');
const sinkList = z
  .string()
  .trim()
  .max(100)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .refine((list) => list.every(isSink), `unknown sink (known: ${SINKS.join(', ')})`)
  .transform((list) => [...new Set(list)] as Sink[]);

/** ?from=ServiceAccount:ns/name | ?pod=ns/name | ?ns=namespace (its ServiceAccounts) | none (every subject); &to=cluster-admin,node&hops=2 */
export const pathsParams = z
  .object({
    from: z.string().trim().max(600).optional(),
    pod: podSpec.optional(),
    ns: z.string().trim().max(253).regex(NAME, 'not a namespace name').optional(),
    to: sinkList.optional(),
    hops: z.string().trim().regex(/^\d{1,4}$/, 'expected a whole number of steps').transform(Number).optional(),
  })
  .refine((p) => [p.from, p.pod, p.ns].filter((x) => x !== undefined && x !== '').length <= 1, { message: 'give one of from, pod or ns', path: ['from'] });

export type PathsParams = z.infer<typeof pathsParams>;

const FORM_KEYS = { subject: 'from', pod: 'pod', ns: 'ns' } as const;

/** The Paths form's start (?start=subject|pod|ns|all&value=...) from the URL, either form. */
export function formStart(raw: Record<string, string>): { start: 'all' | keyof typeof FORM_KEYS; value: string } {
  if (raw.from) return { start: 'subject', value: raw.from };
  if (raw.pod) return { start: 'pod', value: raw.pod };
  if (raw.ns) return { start: 'ns', value: raw.ns };
  const start = raw.start && raw.start in FORM_KEYS ? (raw.start as keyof typeof FORM_KEYS) : 'all';
  return { start, value: start === 'all' ? '' : (raw.value ?? '') };
}

/** The page's URL parameters: the API's, or the form's start + value; empty values are absent. */
export function parsePathsParams(raw: Record<string, string>): PathsParams {
  const { start: _start, value: _value, ...rest } = raw;
  const { start, value } = formStart(raw);
  const params: Record<string, string> = { ...rest };
  if (start !== 'all' && value.trim() !== '') params[FORM_KEYS[start]] = value;
  return pathsParams.parse(Object.fromEntries(Object.entries(params).filter(([, v]) => v.trim() !== '')));
}

export type PathsStart =
  | { kind: 'all' }
  | { kind: 'subject'; subject: SubjectRef; param: string; label: string }
  | { kind: 'pod'; namespace: string; name: string; subject: SubjectRef; param: string; label: string }
  | { kind: 'namespace'; namespace: string };

export interface GrantView {
  binding: NodeId;
  role: NodeId;
  /** the rule, kubectl-like */
  rule: string;
  /** "cluster" or the namespace the binding grants in */
  scope: string;
}

export interface RequestView {
  /** kubectl-like: "create pods -n team-a" */
  text: string;
  grant?: GrantView;
}

export interface StepView {
  technique: string;
  /** the technique in words */
  does: string;
  /** where the step leads, in words */
  reaches: string;
  /** the identity reached, as a subject parameter (a link to its paths and its subject page) */
  reachesParam?: string;
  /** the node reached (root on it); "*" for any node */
  node?: string;
  requests: RequestView[];
  /** a step that needs no RBAC grant: why */
  reason?: string;
  pod?: NodeId;
  secret?: string;
}

export interface PathView {
  from: string;
  fromLabel: string;
  to: Sink;
  toLabel: string;
  steps: StepView[];
}

export interface SubjectPathsRow {
  param: string;
  kind: SubjectRef['kind'];
  label: string;
  /** steps to each sink it reaches (0: holds it) */
  steps: Partial<Record<Sink, number>>;
}

export interface PathsView {
  start: PathsStart;
  sinks: Sink[];
  maxHops?: number;
  /** one per path of "paths", in the same order */
  paths: PathView[];
  /** every start with a path, one row each (start "all" and "namespace") */
  subjects: SubjectPathsRow[];
}

export type PathsDocument = ReturnType<typeof pathsJson> & { view: PathsView };

const REASON_TEXT: Record<string, string> = {
  'root-on-node': "needs no grant: root on the node reads the pods' tokens (or asks for them with the kubelet's credentials)",
  'system:masters': 'needs no grant: the identity is in system:masters, allowed everything before RBAC',
};

function grantView(g: Grant | undefined): GrantView | undefined {
  return g ? { binding: nodeId(g.binding), role: nodeId(g.role), rule: ruleText(g.rule), scope: g.scope } : undefined;
}

export function stepView(s: PathStep): StepView {
  const requests: RequestView[] = [];
  if (s.request) requests.push({ text: requestText(s.request), ...(s.grant ? { grant: grantView(s.grant)! } : {}) });
  for (const a of s.also ?? []) requests.push({ text: requestText(a.request), ...(a.grant ? { grant: grantView(a.grant)! } : {}) });
  return {
    technique: s.technique,
    does: TECHNIQUE_TEXT[s.technique],
    reaches: targetText(s),
    ...(s.as && !s.role ? { reachesParam: subjectParam(s.as) } : {}),
    ...(s.node !== undefined ? { node: s.node } : {}),
    requests,
    ...(s.reason ? { reason: REASON_TEXT[s.reason] ?? s.reason } : {}),
    ...(s.pod ? { pod: nodeId({ kind: 'Pod', namespace: s.pod.namespace, name: s.pod.name }) } : {}),
    ...(s.secret ? { secret: `${s.secret.namespace}/${s.secret.name}` } : {}),
  };
}

function pathView(p: Path): PathView {
  return { from: subjectParam(p.from), fromLabel: subjectText(p.from), to: p.to, toLabel: SINK_TEXT[p.to], steps: p.steps.map(stepView) };
}

function subjectRows(paths: readonly Path[]): SubjectPathsRow[] {
  const rows = new Map<string, SubjectPathsRow>();
  for (const p of paths) {
    const key = subjectRefKey(p.from);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { param: subjectParam(p.from), kind: p.from.kind, label: subjectText(p.from), steps: {} }));
    row.steps[p.to] = p.steps.length;
  }
  return [...rows.values()];
}

function resolveStart(prepared: PreparedPaths, params: PathsParams): { start: PathsStart; options: PathsOptions; warnings: string[] } {
  if (params.from) {
    const subject = parseSubjectParam(params.from);
    return { start: { kind: 'subject', subject, param: subjectParam(subject), label: subjectText(subject) }, options: { from: subject }, warnings: [] };
  }
  if (params.pod) {
    const [namespace, name] = params.pod.split('/') as [string, string];
    const found = resolvePodStart(prepared, namespace, name);
    if (!found) throw new AtlasError('usage', `no pod "${namespace}/${name}" in the data source`, { httpStatus: 404 });
    const subject = found.subject;
    return { start: { kind: 'pod', namespace, name, subject, param: subjectParam(subject), label: subjectText(subject) }, options: { from: subject }, warnings: found.warnings };
  }
  if (params.ns) {
    const starts = defaultStarts(prepared.world).filter((s) => s.kind === 'ServiceAccount' && s.namespace === params.ns);
    if (starts.length === 0 && !prepared.world.index.snapshot.namespaces.some((n) => n.metadata.name === params.ns)) {
      throw new AtlasError('usage', `no namespace "${params.ns}" in the data source`, { httpStatus: 404 });
    }
    return { start: { kind: 'namespace', namespace: params.ns }, options: { starts }, warnings: [] };
  }
  return { start: { kind: 'all' }, options: {}, warnings: [] };
}

/** Paths of a start: `rbac-atlas paths [--from|--from-pod] [--to] [--max-hops] -o json`, plus "view". */
export function pathsDocument(index: AtlasIndex, params: PathsParams): PathsDocument {
  const prepared = preparedPathsOf(index);
  const { start, options, warnings } = resolveStart(prepared, params);
  if (params.to?.length) options.sinks = params.to;
  if (params.hops !== undefined) options.maxHops = params.hops;
  const answer = findPaths(prepared, options);
  answer.warnings.unshift(...warnings);
  const single = start.kind === 'subject' || start.kind === 'pod';
  return {
    ...pathsJson(answer),
    view: {
      start,
      sinks: options.sinks ? [...options.sinks] : ['cluster-admin', 'node'],
      ...(options.maxHops !== undefined ? { maxHops: options.maxHops } : {}),
      // every subject's steps would be a large page: the list links to each subject's own view
      paths: single ? answer.paths.map(pathView) : [],
      subjects: single ? [] : subjectRows(answer.paths),
    },
  };
}

/** The document without "view": what `rbac-atlas paths -o json` prints. */
export function withoutView({ view: _view, ...json }: PathsDocument): ReturnType<typeof pathsJson> {
  return json;
}

/** A subject's badge: the fewest steps to cluster-admin (and to a node), when it has a path (0: holds it). */
export function pathBadge(index: AtlasIndex, subject: SubjectRef): Partial<Record<Sink, number>> {
  const answer = findPaths(preparedPathsOf(index), { from: subject });
  const out: Partial<Record<Sink, number>> = {};
  for (const p of answer.paths) out[p.to] = p.steps.length;
  return out;
}
