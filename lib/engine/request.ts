// Parsing of kubectl-style resource arguments into authorizer requests.
//   secrets | pods/exec | deployments.apps | deployments.apps/scale  (+ --api-group G)
import { BUILTIN_RESOURCES, builtinResource, suggestResource } from './resources';
import type { NonResourceRequest, ResourceRequest } from './types';

export interface ResourceSpec {
  apiGroup: string;
  resource: string;
  subresource: string;
}

export type Parsed<T> = { ok: true; value: T; hints: string[] } | { ok: false; error: string };

/** RESOURCE[.GROUP][/SUBRESOURCE]; apiGroup (from --api-group) overrides the .GROUP suffix. */
export function parseResourceSpec(spec: string, apiGroup?: string): Parsed<ResourceSpec> {
  if (spec.length === 0) return { ok: false, error: 'the resource is empty' };
  if (/\s/.test(spec)) return { ok: false, error: `resource "${spec}" contains white space` };
  const slash = spec.indexOf('/');
  const main = slash < 0 ? spec : spec.slice(0, slash);
  const subresource = slash < 0 ? '' : spec.slice(slash + 1);
  if (main.length === 0) return { ok: false, error: `resource "${spec}" has no resource before "/"` };
  if (slash >= 0 && (subresource.length === 0 || subresource.includes('/'))) {
    return { ok: false, error: `resource "${spec}": expected RESOURCE[.GROUP]/SUBRESOURCE (a name goes in --resource-name)` };
  }
  const dot = main === '*' ? -1 : main.indexOf('.');
  let resource = dot < 0 ? main : main.slice(0, dot);
  let group = dot < 0 ? '' : main.slice(dot + 1);
  if (resource.length === 0) return { ok: false, error: `resource "${spec}" has no resource before "."` };
  if (apiGroup !== undefined) {
    if (dot >= 0 && group !== apiGroup) {
      return { ok: false, error: `resource "${spec}" names group "${group}" but --api-group is "${apiGroup}"` };
    }
    group = apiGroup;
  }
  resource = resource.trim();
  const hints: string[] = [];
  const builtin = builtinResource(resource);
  if (!builtin) {
    const suggestion = suggestResource(resource);
    if (suggestion) {
      const g = BUILTIN_RESOURCES[suggestion]!.group;
      hints.push(`RBAC compares resource names literally: "${resource}" is not "${suggestion}${g ? `.${g}` : ''}"`);
    }
  } else if (builtin.group !== group && dot < 0 && apiGroup === undefined) {
    hints.push(`"${resource}" is in API group "${builtin.group}"; the request uses the core group "" (write ${resource}.${builtin.group || '""'} or --api-group ${builtin.group})`);
  }
  return { ok: true, value: { apiGroup: group, resource, subresource }, hints };
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

/** kubectl-style display: secrets, pods/exec, deployments.apps/scale */
export function formatResource(r: { apiGroup: string; resource: string; subresource: string }): string {
  return `${r.resource}${r.apiGroup ? `.${r.apiGroup}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
}
