// One line of `rbac-atlas query`: parse, answer, serialize. Pure apart from the index it reads.
// Groups are used exactly as given (no implicit additions), as DESIGN.md specifies.
import { canI } from '../../lib/engine/can-i';
import type { AtlasIndex } from '../../lib/engine/query-index';
import type { Request } from '../../lib/engine/types';
import { whoCan } from '../../lib/engine/who-can';

type Parsed =
  | { id: unknown; type: 'can'; user: string; groups: string[]; request: Request }
  | { id: unknown; type: 'who-can'; request: Request; allNamespaces: boolean }
  | { id: unknown; error: string };

const RESOURCE_FIELDS = ['apiGroup', 'resource', 'subresource', 'namespace', 'name'] as const;

function str(o: Record<string, unknown>, key: string, required: boolean): string | { error: string } {
  const v = o[key];
  if (v === undefined || v === null) return required ? { error: `"${key}" is required` } : '';
  if (typeof v !== 'string') return { error: `"${key}" must be a string` };
  return v;
}

export function parseQueryLine(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    // V8's message quotes the line (which may hold anything): what went wrong, and where, only
    const m = (e as Error).message;
    const at = /position (\d+)/.exec(m)?.[1];
    const what = /end of JSON input/.test(m) ? ': unexpected end of input' : /^Unexpected token/.test(m) ? ': unexpected token' : '';
    return { id: null, error: `invalid JSON${what}${at === undefined ? '' : ` at position ${at}`}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { id: null, error: 'expected a JSON object' };
  const o = value as Record<string, unknown>;
  const id = o.id === undefined ? null : o.id;
  const fail = (error: string): Parsed => ({ id, error });
  if (o.type !== 'can' && o.type !== 'who-can') return fail('"type" must be "can" or "who-can"');
  const verb = str(o, 'verb', true);
  if (typeof verb !== 'string') return fail(verb.error);
  if (verb === '') return fail('"verb" must not be empty');

  let request: Request;
  if (o.path !== undefined) {
    if (typeof o.path !== 'string') return fail('"path" must be a string');
    const clash = RESOURCE_FIELDS.find((k) => o[k] !== undefined && o[k] !== '');
    if (clash) return fail(`"path" (a non-resource request) cannot be combined with "${clash}"`);
    request = { type: 'nonResource', verb, path: o.path };
  } else {
    const fields: string[] = [];
    for (const key of RESOURCE_FIELDS) {
      const v = str(o, key, key === 'resource');
      if (typeof v !== 'string') return fail(v.error);
      fields.push(v);
    }
    const [apiGroup, resource, subresource, namespace, name] = fields as [string, string, string, string, string];
    if (resource === '') return fail('"resource" must not be empty (or give "path" for a non-resource request)');
    request = { type: 'resource', verb, apiGroup, resource, subresource, namespace, name };
  }

  if (o.type === 'who-can') {
    if (o.allNamespaces !== undefined && typeof o.allNamespaces !== 'boolean') return fail('"allNamespaces" must be true or false');
    return { id, type: 'who-can', request, allNamespaces: o.allNamespaces === true };
  }
  const user = str(o, 'user', true);
  if (typeof user !== 'string') return fail(user.error);
  const groups = o.groups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) return fail('"groups" must be a list of strings');
  return { id, type: 'can', user, groups: groups as string[], request };
}

export function answerQueryLine(index: AtlasIndex, line: string): string {
  const q = parseQueryLine(line);
  if ('error' in q) return JSON.stringify({ id: q.id, error: q.error });
  if (q.type === 'can') {
    return JSON.stringify({ id: q.id, allowed: canI(index, { user: q.user, groups: q.groups }, q.request).allowed });
  }
  const subjects = whoCan(index, q.request, { allNamespaces: q.allNamespaces }).subjects.map((s) =>
    s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, name: s.name },
  );
  return JSON.stringify({ id: q.id, subjects });
}
