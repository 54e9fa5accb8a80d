// The one request model. Every front end (CLI flags, the web query, `rbac-atlas query` lines) turns
// its input into a RequestInput and calls parseRequest, which returns the authorizer's request with an
// explicit scope, or one error; hints say when a valid request is probably not the one meant. The
// rules are the API server's, the same in every front end:
// - a resource request is made in one namespace, or cluster-scoped (namespace ""); "all namespaces"
//   (-A) asks in which namespaces, if any, or cluster-wide it is allowed;
// - a non-resource request (a path) has no namespace: a namespace with it is refused; "all
//   namespaces" with it asks the same question as without, and reads as cluster-scoped;
// - a path is any string the authorizer compares: none is refused, one that does not start with "/"
//   gets a hint; so does a verb with capitals or white space, a namespace no object can live in;
// - an empty value is no value (only an empty API group next to a kubectl resource names the core
//   group, as --api-group "" does).
// Pure: no I/O. Front ends name their own inputs (RequestFrontEnd); the messages are these.
import { BUILTIN_RESOURCES, builtinResource, suggestResource } from './resources';
import type { NonResourceRequest, Request, ResourceRequest } from './types';

export type RequestField = 'verb' | 'resource' | 'apiGroup' | 'subresource' | 'path' | 'name' | 'namespace' | 'allNamespaces';

/** What a front end read, before any rule is applied. */
export interface RequestInput {
  verb?: string;
  /** kubectl syntax RESOURCE[.GROUP][/SUBRESOURCE], or the authorizer's resource field (see RequestFrontEnd.syntax) */
  resource?: string;
  apiGroup?: string;
  /** 'fields' syntax only */
  subresource?: string;
  /** a non-resource request's path (URL) */
  path?: string;
  /** the object's name (resourceName) */
  name?: string;
  namespace?: string;
  allNamespaces?: boolean;
}

export interface RequestFrontEnd {
  /**
   * 'kubectl': `resource` is RESOURCE[.GROUP][/SUBRESOURCE] and `apiGroup` overrides the .GROUP suffix
   * (CLI, web); 'fields': resource, apiGroup and subresource are the authorizer's fields as given
   * (query lines).
   */
  syntax: 'kubectl' | 'fields';
  /** how the front end names each input in messages: "-n", "ns", "\"namespace\"" */
  names: Readonly<Record<RequestField, string>>;
  /** how a user gives an input a value, in messages: "--api-group apps", "group=apps" */
  set(field: RequestField, value: string): string;
}

/** cluster: namespace "" (only ClusterRoleBindings apply); namespace: one namespace; all-namespaces: -A */
export type RequestScope = { kind: 'cluster' } | { kind: 'namespace'; namespace: string } | { kind: 'all-namespaces' };

/** The request value every front end produces: the authorizer's request and its scope, kept consistent. */
export interface ScopedRequest {
  request: Request;
  scope: RequestScope;
}

export type RequestErrorCode =
  | 'verb-missing'
  | 'resource-missing'
  | 'resource-syntax'
  | 'group-conflict'
  | 'path-with-resource'
  | 'path-with-api-group'
  | 'path-with-subresource'
  | 'path-with-name'
  | 'path-with-namespace'
  | 'namespace-with-all-namespaces';

export type RequestHintCode =
  | 'verb-case'
  | 'verb-space'
  | 'resource-literal'
  | 'core-group'
  | 'cluster-scoped-in-namespace'
  | 'path-not-absolute'
  | 'namespace-not-dns-label';

export interface RequestError {
  code: RequestErrorCode;
  field: RequestField;
  message: string;
}

export interface RequestHint {
  code: RequestHintCode;
  message: string;
}

export type RequestResult = { ok: true; value: ScopedRequest; hints: RequestHint[] } | { ok: false; error: RequestError };

/** A value quoted for a message: JSON string syntax (control characters escaped), long ones cut. */
export function quote(value: string, max = 80): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

const given = (v: string | undefined): v is string => v !== undefined && v !== '';

export function parseRequest(input: RequestInput, fe: RequestFrontEnd): RequestResult {
  const n = fe.names;
  const fail = (code: RequestErrorCode, field: RequestField, message: string): RequestResult => ({ ok: false, error: { code, field, message } });
  if (!given(input.verb)) return fail('verb-missing', 'verb', `missing ${n.verb} (get, list, create, ...)`);
  const verb = input.verb;
  const namespace = given(input.namespace) ? input.namespace : undefined;
  if (namespace !== undefined && input.allNamespaces) {
    return fail('namespace-with-all-namespaces', 'namespace', `${n.namespace} and ${n.allNamespaces} cannot be combined`);
  }
  const hints: RequestHint[] = verbHints(verb);

  if (given(input.path)) {
    const clash = (field: RequestField, code: RequestErrorCode, why = '') =>
      fail(code, 'path', `${n.path} (a non-resource request) cannot be combined with ${n[field]}${why}`);
    if (given(input.resource)) return clash('resource', 'path-with-resource');
    if (given(input.apiGroup)) return clash('apiGroup', 'path-with-api-group');
    if (given(input.subresource)) return clash('subresource', 'path-with-subresource');
    if (given(input.name)) return clash('name', 'path-with-name');
    if (namespace !== undefined) return clash('namespace', 'path-with-namespace', ': a non-resource request has no namespace');
    if (!input.path.startsWith('/')) {
      hints.push({ code: 'path-not-absolute', message: `request paths start with "/": ${quote(input.path)} is compared as written, so only rules that list it (or "*", or a prefix of it ending in "*") match` });
    }
    return { ok: true, value: { request: nonResourceRequest(verb, input.path), scope: { kind: 'cluster' } }, hints };
  }

  if (!given(input.resource)) {
    const examples = fe.syntax === 'kubectl' ? 'secrets, pods/exec, deployments.apps' : '"secrets"';
    return fail('resource-missing', 'resource', `missing ${n.resource} (e.g. ${examples}) or ${fe.set('path', 'PATH')}`);
  }
  let spec: ResourceSpec;
  if (fe.syntax === 'kubectl') {
    const parsed = parseSpec(input.resource, input.apiGroup, fe);
    if (!parsed.ok) return fail(parsed.code, 'resource', parsed.error);
    spec = parsed.value;
    hints.push(...parsed.hints);
  } else {
    spec = { apiGroup: input.apiGroup ?? '', resource: input.resource, subresource: input.subresource ?? '' };
    hints.push(...resourceHints(spec, fe, false));
  }
  const scope: RequestScope = input.allNamespaces ? { kind: 'all-namespaces' } : namespace !== undefined ? { kind: 'namespace', namespace } : { kind: 'cluster' };
  const request = resourceRequest(verb, spec, scope.kind === 'namespace' ? scope.namespace : '', input.name ?? '');
  for (const message of requestHints(request)) hints.push({ code: 'cluster-scoped-in-namespace', message });
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    hints.push({ code: 'namespace-not-dns-label', message: `${quote(namespace)} is not a valid namespace name: no RoleBinding can exist there, so only ClusterRoleBindings can allow the request` });
  }
  return { ok: true, value: { request, scope }, hints };
}

function verbHints(verb: string): RequestHint[] {
  const hints: RequestHint[] = [];
  if (/\s/.test(verb)) {
    hints.push({ code: 'verb-space', message: `verbs are compared as written: ${quote(verb)} contains white space, so only rules that list it (or "*") match; ask one verb at a time` });
  } else if (verb !== verb.toLowerCase()) {
    hints.push({ code: 'verb-case', message: `verbs are case-sensitive: ${quote(verb)} is not ${quote(verb.toLowerCase())}` });
  }
  return hints;
}

/** A Kubernetes namespace name: an RFC 1123 label. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

export interface ResourceSpec {
  apiGroup: string;
  resource: string;
  subresource: string;
}

export type Parsed<T> = { ok: true; value: T; hints: string[] } | { ok: false; error: string };

type SpecResult = { ok: true; value: ResourceSpec; hints: RequestHint[] } | { ok: false; code: 'resource-syntax' | 'group-conflict'; error: string };

/** Front-end-neutral names, for callers of parseResourceSpec outside a front end. */
const NEUTRAL: RequestFrontEnd = {
  syntax: 'kubectl',
  names: { verb: 'the verb', resource: 'the resource', apiGroup: 'the API group', subresource: 'the subresource', path: 'the path', name: 'the resource name', namespace: 'the namespace', allNamespaces: 'all namespaces' },
  set: (field, value) => `${NEUTRAL.names[field]} ${value}`,
};

/** RESOURCE[.GROUP][/SUBRESOURCE]; apiGroup (from --api-group) overrides the .GROUP suffix. */
export function parseResourceSpec(spec: string, apiGroup?: string): Parsed<ResourceSpec> {
  const r = parseSpec(spec, apiGroup, NEUTRAL);
  return r.ok ? { ok: true, value: r.value, hints: r.hints.map((h) => h.message) } : { ok: false, error: r.error };
}

function parseSpec(spec: string, apiGroup: string | undefined, fe: RequestFrontEnd): SpecResult {
  const bad = (error: string): SpecResult => ({ ok: false, code: 'resource-syntax', error });
  if (spec.length === 0) return bad('the resource is empty');
  if (/\s/.test(spec)) return bad(`resource ${quote(spec)} contains white space`);
  const slash = spec.indexOf('/');
  const main = slash < 0 ? spec : spec.slice(0, slash);
  const subresource = slash < 0 ? '' : spec.slice(slash + 1);
  if (main.length === 0) return bad(`resource ${quote(spec)} has no resource before "/"`);
  if (slash >= 0 && (subresource.length === 0 || subresource.includes('/'))) {
    return bad(`resource ${quote(spec)}: expected RESOURCE[.GROUP]/SUBRESOURCE (a name goes in ${fe.names.name})`);
  }
  const dot = main === '*' ? -1 : main.indexOf('.');
  const resource = dot < 0 ? main : main.slice(0, dot);
  let group = dot < 0 ? '' : main.slice(dot + 1);
  if (resource.length === 0) return bad(`resource ${quote(spec)} has no resource before "."`);
  if (apiGroup !== undefined) {
    if (dot >= 0 && group !== apiGroup) {
      return { ok: false, code: 'group-conflict', error: `resource ${quote(spec)} names group ${quote(group)} but ${fe.names.apiGroup} is ${quote(apiGroup)}` };
    }
    group = apiGroup;
  }
  const value = { apiGroup: group, resource, subresource };
  return { ok: true, value, hints: resourceHints(value, fe, dot < 0 && apiGroup === undefined) };
}

/** A resource name that is not a built-in one but looks like it; a built-in one asked in the core group. */
function resourceHints(spec: ResourceSpec, fe: RequestFrontEnd, groupImplicit: boolean): RequestHint[] {
  const { resource, apiGroup } = spec;
  const builtin = builtinResource(resource);
  if (!builtin) {
    const suggestion = suggestResource(resource);
    if (!suggestion) return [];
    const g = BUILTIN_RESOURCES[suggestion]!.group;
    return [{ code: 'resource-literal', message: `RBAC compares resource names literally: ${quote(resource)} is not "${suggestion}${g ? `.${g}` : ''}"` }];
  }
  const core = fe.syntax === 'kubectl' ? groupImplicit : apiGroup === '';
  if (builtin.group === apiGroup || !core || builtin.group === '') return [];
  const write = fe.syntax === 'kubectl' ? `write ${resource}.${builtin.group} or ${fe.set('apiGroup', builtin.group)}` : fe.set('apiGroup', builtin.group);
  return [{ code: 'core-group', message: `${quote(resource)} is in API group ${quote(builtin.group)}; the request uses the core group "" (${write})` }];
}

export function resourceRequest(verb: string, spec: ResourceSpec, namespace: string, name: string): ResourceRequest {
  return { type: 'resource', verb, apiGroup: spec.apiGroup, resource: spec.resource, subresource: spec.subresource, namespace, name };
}

export function nonResourceRequest(verb: string, path: string): NonResourceRequest {
  return { type: 'nonResource', verb, path };
}

/** Hints about a request that is valid but probably not what the user meant. */
export function requestHints(req: ResourceRequest): string[] {
  const builtin = builtinResource(req.resource);
  if (builtin && !builtin.namespaced && req.namespace !== '' && builtin.group === req.apiGroup && !req.subresource) {
    return [`${req.resource} is cluster-scoped: the API server never checks it in a namespace, so RoleBindings granting it have no effect`];
  }
  return [];
}

/** The scoped request of an authorizer request and an "all namespaces" flag (a non-resource request is always cluster-scoped). */
export function scopedRequest(request: Request, allNamespaces = false): ScopedRequest {
  if (request.type === 'nonResource') return { request, scope: { kind: 'cluster' } };
  if (allNamespaces) return { request: { ...request, namespace: '' }, scope: { kind: 'all-namespaces' } };
  return { request, scope: request.namespace === '' ? { kind: 'cluster' } : { kind: 'namespace', namespace: request.namespace } };
}

/** who-can's -A: allowed in at least one namespace or cluster-wide. */
export function isAllNamespaces(s: ScopedRequest): boolean {
  return s.scope.kind === 'all-namespaces';
}

/** kubectl-style display: secrets, pods/exec, deployments.apps/scale */
export function formatResource(r: { apiGroup: string; resource: string; subresource: string }): string {
  return `${r.resource}${r.apiGroup ? `.${r.apiGroup}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
}

/** "get secrets", "patch deployments.apps web", "get /metrics": a request without its scope. */
export function requestLabel(request: Request): string {
  if (request.type === 'nonResource') return `${request.verb} ${request.path}`;
  return `${request.verb} ${formatResource(request)}${request.name ? ` ${request.name}` : ''}`;
}

/** How a request's scope reads, in every front end. */
export function scopeText(s: ScopedRequest): string {
  if (s.request.type === 'nonResource') return 'non-resource URL (no namespace)';
  switch (s.scope.kind) {
    case 'cluster':
      return 'cluster-scoped';
    case 'namespace':
      return `in namespace ${s.scope.namespace}`;
    case 'all-namespaces':
      return 'in any namespace or cluster-wide';
  }
}

/** "Who can get secrets in team-a?", "... in any namespace?", "... (cluster-scoped)?", "Who can get /metrics?" */
export function questionTitle(s: ScopedRequest): string {
  const label = requestLabel(s.request);
  if (s.request.type === 'nonResource') return `Who can ${label}?`;
  switch (s.scope.kind) {
    case 'cluster':
      return `Who can ${label} (cluster-scoped)?`;
    case 'namespace':
      return `Who can ${label} in ${s.scope.namespace}?`;
    case 'all-namespaces':
      return `Who can ${label} in any namespace?`;
  }
}
