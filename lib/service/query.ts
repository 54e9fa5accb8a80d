// The web app's question: URL parameters -> requests -> one merged who-can answer. Pure (no I/O), so
// the page, the route handlers and the unit tests share it.
//   ?preset=read-secrets&ns=prod
//   ?verb=get&resource=secrets&ns=prod          (ns absent: all namespaces; ns=_cluster: cluster-scoped)
//   ?verb=get&url=/healthz                       (non-resource URL)
import { z } from 'zod';
import { effectiveAccess, type EffectiveAnswer, type EffectiveServiceAccount } from '../engine/effective';
import { permissionId, type AnswerGrant, type AnswerPermission, type AnswerSubject } from '../engine/graph';
import type { AtlasIndex } from '../engine/query-index';
import { formatResource, nonResourceRequest, parseResourceSpec, requestHints, resourceRequest } from '../engine/request';
import { subjectRefKey } from '../engine/subjects';
import type { Request, SubjectRef } from '../engine/types';
import { compareGrants, compareSubjects, whoCan } from '../engine/who-can';
import { AtlasError } from '../errors';
import { PRESET_IDS, findPreset } from './presets';

/** ns value for a cluster-scoped request (namespace names cannot contain "_"). */
export const CLUSTER_NS = '_cluster';

const text = (max: number) => z.string().trim().max(max);
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** The query part of the URL, as the page, /api/who-can, /api/graph and /api/export read it. */
export const queryParamsSchema = z.object({
  preset: z.enum(PRESET_IDS).optional(),
  verb: text(64).regex(/^[a-z*]*$/i, 'a verb is letters only (get, list, create, ...)').optional(),
  resource: text(256).optional(),
  group: text(253).optional(),
  url: text(1024).optional(),
  name: text(253).optional(),
  ns: text(253).regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?|_cluster)?$/, 'not a namespace name').optional(),
  effective: flag.optional(),
  focus: text(600).optional(),
  expand: text(4000).optional(),
});

export type QueryParams = z.infer<typeof queryParamsSchema>;

/** URLSearchParams / Next searchParams -> plain object with the first value of each key. */
export function firstValues(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) if (!(k in out)) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(params)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first;
  }
  return out;
}

/** Drops empty strings, so that "?verb=&resource=" reads as absent. */
export function parseQueryParams(params: Record<string, string>): QueryParams {
  const present = Object.fromEntries(Object.entries(params).filter(([, v]) => v.trim() !== ''));
  return queryParamsSchema.parse(present);
}

export interface ResolvedRequest {
  permission: AnswerPermission;
  request: Request;
  /** -A: allowed in at least one namespace or cluster-wide */
  allNamespaces: boolean;
}

export interface ResolvedQuery {
  /** "preset" or "free" */
  kind: 'preset' | 'free';
  presetId?: string;
  title: string;
  /** namespace choice: undefined = all namespaces, "" = cluster-scoped, else a namespace */
  namespace?: string;
  requests: ResolvedRequest[];
  hints: string[];
}

/** The default question when the URL asks none. */
export const DEFAULT_PRESET = 'read-secrets';

export function resolveQuery(params: QueryParams): ResolvedQuery {
  const namespace = params.ns === undefined ? undefined : params.ns === CLUSTER_NS ? '' : params.ns;
  const hasFree = params.verb !== undefined || params.resource !== undefined || params.url !== undefined;
  if (params.preset !== undefined || !hasFree) {
    const preset = findPreset(params.preset ?? DEFAULT_PRESET)!;
    const requests = preset.requests.map((r) => resolveOne(r.verb, r.resource, undefined, '', r.clusterScoped ? '' : namespace));
    return {
      kind: 'preset',
      presetId: preset.id,
      title: preset.title,
      ...(namespace !== undefined ? { namespace } : {}),
      requests: requests.map((r) => r.resolved),
      hints: [],
    };
  }
  if (!params.verb) throw usage('give a verb (get, list, create, ...)');
  if (params.url !== undefined) {
    if (params.resource !== undefined) throw usage('give either a resource or a non-resource URL, not both');
    if (!params.url.startsWith('/')) throw usage(`a non-resource URL starts with "/", got "${params.url}"`);
    const label = `${params.verb} ${params.url}`;
    return {
      kind: 'free',
      title: `Who can ${label}?`,
      requests: [{ permission: { id: permissionId(label), label }, request: nonResourceRequest(params.verb, params.url), allNamespaces: false }],
      hints: namespace ? ['non-resource URLs have no namespace: only ClusterRoleBindings grant them'] : [],
    };
  }
  if (!params.resource) throw usage('give a resource (e.g. secrets, pods/exec, deployments.apps) or a non-resource URL');
  const one = resolveOne(params.verb, params.resource, params.group, params.name ?? '', namespace);
  const where = namespace === undefined ? ' in any namespace' : namespace === '' ? ' (cluster-scoped)' : ` in ${namespace}`;
  return {
    kind: 'free',
    title: `Who can ${one.resolved.permission.label}${where}?`,
    ...(namespace !== undefined ? { namespace } : {}),
    requests: [one.resolved],
    hints: one.hints,
  };
}

function resolveOne(verb: string, resource: string, group: string | undefined, name: string, namespace: string | undefined) {
  const spec = parseResourceSpec(resource, group);
  if (!spec.ok) throw usage(spec.error);
  const request = resourceRequest(verb, spec.value, namespace ?? '', name);
  const label = `${verb} ${formatResource(spec.value)}${name ? ` ${name}` : ''}`;
  const resolved: ResolvedRequest = { permission: { id: permissionId(label), label }, request, allNamespaces: namespace === undefined };
  return { resolved, hints: [...spec.hints, ...requestHints(request)] };
}

function usage(message: string): AtlasError {
  return new AtlasError('usage', message);
}

export interface QueryAnswer {
  subjects: AnswerSubject[];
  warnings: string[];
  effective?: EffectiveAnswer;
}

/** Runs every request of the query and merges the answers by subject. */
export function runQuery(index: AtlasIndex, query: ResolvedQuery, options: { effective?: boolean } = {}): QueryAnswer {
  const bySubject = new Map<string, AnswerSubject>();
  const warnings = new Set<string>();
  const effective: EffectiveAnswer[] = [];
  for (const r of query.requests) {
    const answer = whoCan(index, r.request, { allNamespaces: r.allNamespaces });
    for (const w of answer.warnings) warnings.add(w);
    for (const s of answer.subjects) {
      const key = subjectRefKey(s);
      let found = bySubject.get(key);
      if (!found) bySubject.set(key, (found = { ...subjectOnly(s), grants: [] }));
      for (const g of s.grants) found.grants.push({ ...g, permission: r.permission.id } satisfies AnswerGrant);
    }
    if (options.effective) effective.push(effectiveAccess(index, answer));
  }
  const subjects = [...bySubject.values()].sort(compareSubjects);
  for (const s of subjects) s.grants.sort(compareGrants);
  return {
    subjects,
    warnings: [...warnings],
    ...(options.effective ? { effective: mergeEffective(effective) } : {}),
  };
}

function subjectOnly(s: SubjectRef): SubjectRef {
  return s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace ?? '' } : { kind: s.kind, name: s.name };
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

export function countByKind(subjects: readonly SubjectRef[]): Record<'User' | 'Group' | 'ServiceAccount', number> {
  const out = { User: 0, Group: 0, ServiceAccount: 0 };
  for (const s of subjects) out[s.kind]++;
  return out;
}
