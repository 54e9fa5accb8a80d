// The web app's question: URL parameters -> the one request parser (lib/engine/request.ts) ->
// requests with explicit scopes. Pure (no I/O), so the page, the route handlers and the tests share it.
//   ?preset=read-secrets&ns=prod
//   ?verb=get&resource=secrets&ns=prod     ns=NAMESPACE | ns=_cluster (cluster-scoped) | ns=_all (every
//                                          namespace and cluster-wide; what a URL without ns means)
//   ?verb=get&url=/healthz                 (a non-resource URL: no ns, or ns=_all/_cluster)
// The rules (what is refused, what gets a hint) are the parser's, the same as the CLI's and the query
// lines'; only the names differ (url for --non-resource-url, group for --api-group, ns for -n/-A).
import { z } from 'zod';
import { parseRequest, questionTitle, type RequestFrontEnd, type RequestInput, type ScopedRequest } from '../engine/request';
import { AtlasError } from '../errors';
import { ALL_NS, CLUSTER_NS } from '../url-params';
import { PRESET_IDS, findPreset } from './presets';

export { ALL_NS, CLUSTER_NS };

const text = (max: number) => z.string().trim().max(max);
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** The query part of the URL, as the page, /api/who-can, /api/graph and /api/export read it. Lengths only: the rules are parseRequest's. */
export const queryParamsSchema = z.object({
  preset: z.enum(PRESET_IDS).optional(),
  verb: text(64).optional(),
  resource: text(256).optional(),
  group: text(253).optional(),
  url: text(1024).optional(),
  name: text(253).optional(),
  ns: text(253).optional(),
  effective: flag.optional(),
  focus: text(600).optional(),
  expand: text(4000).optional(),
});

export type QueryParams = z.infer<typeof queryParamsSchema>;

/** How the web query names the inputs of a request (URL parameters), in the parser's messages. */
export const WEB_REQUEST: RequestFrontEnd = {
  syntax: 'kubectl',
  names: { verb: 'verb', resource: 'resource', apiGroup: 'group', subresource: 'resource', path: 'url', name: 'name', namespace: 'ns', allNamespaces: `ns=${ALL_NS}` },
  set: (field, value) => `${WEB_REQUEST.names[field]}=${value}`,
};

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

/** ns -> the parser's scope input: absent or _all = every namespace, _cluster = cluster-scoped, else one namespace. */
export function scopeOfNs(ns: string | undefined): Pick<RequestInput, 'namespace' | 'allNamespaces'> {
  if (ns === undefined || ns === ALL_NS) return { allNamespaces: true };
  if (ns === CLUSTER_NS) return {};
  return { namespace: ns };
}

/** Questions over every namespace (the expensive ones, whose answers are cached). */
export function asksAllNamespaces(params: Pick<QueryParams, 'ns'>): boolean {
  return scopeOfNs(params.ns).allNamespaces === true;
}

/** The web input of a request, for the parser. */
export function webRequestInput(p: Pick<QueryParams, 'verb' | 'resource' | 'group' | 'url' | 'name' | 'ns'>): RequestInput {
  return { verb: p.verb, resource: p.resource, apiGroup: p.group, path: p.url, name: p.name, ...scopeOfNs(p.ns) };
}

export interface QuestionRequest {
  scoped: ScopedRequest;
  hints: string[];
}

export interface WebQuestion {
  kind: 'preset' | 'free';
  presetId?: string;
  title: string;
  requests: QuestionRequest[];
}

/** The default question when the URL asks none. */
export const DEFAULT_PRESET = 'read-secrets';

/** One request through the parser; a refused one is a usage error (400). */
export function webRequest(input: RequestInput): QuestionRequest {
  const r = parseRequest(input, WEB_REQUEST);
  if (!r.ok) throw new AtlasError('usage', r.error.message);
  return { scoped: r.value, hints: r.hints.map((h) => h.message) };
}

export function resolveQuery(params: QueryParams): WebQuestion {
  const hasFree = params.verb !== undefined || params.resource !== undefined || params.url !== undefined;
  if (params.preset !== undefined || !hasFree) {
    const preset = findPreset(params.preset ?? DEFAULT_PRESET)!;
    // cluster-scoped resources are asked without a namespace, whatever namespace was picked
    const requests = preset.requests.map((r) => webRequest({ verb: r.verb, resource: r.resource, ...(r.clusterScoped ? {} : scopeOfNs(params.ns)) }));
    return { kind: 'preset', presetId: preset.id, title: preset.title, requests };
  }
  const one = webRequest(webRequestInput(params));
  return { kind: 'free', title: questionTitle(one.scoped), requests: [one] };
}
