// One line of `rbac-atlas query`: parse, answer, serialize. Pure apart from the index it reads.
// The line's own syntax (JSON, "type", "user", "groups", string fields) is checked here; the request
// fields go to the one request parser (lib/engine/request.ts) with the authorizer's field syntax.
// Groups are used exactly as given (no implicit additions), as DESIGN.md specifies. Errors name the
// fields, never echo the line (it may hold anything).
import { canI } from '../../lib/engine/can-i';
import type { AtlasIndex } from '../../lib/engine/query-index';
import { isAllNamespaces, parseRequest, type RequestErrorCode, type RequestField, type RequestFrontEnd, type ScopedRequest } from '../../lib/engine/request';
import { whoCan } from '../../lib/engine/who-can';

type Parsed =
  | { id: unknown; type: 'can'; user: string; groups: string[]; request: ScopedRequest }
  | { id: unknown; type: 'who-can'; request: ScopedRequest }
  | { id: unknown; error: string; /** set when the request parser refused the request */ code?: RequestErrorCode };

/** A query line names a request field by its JSON key. */
export const QUERY_LINE_REQUEST: RequestFrontEnd = {
  syntax: 'fields',
  names: {
    verb: '"verb"', resource: '"resource"', apiGroup: '"apiGroup"', subresource: '"subresource"', path: '"path"',
    name: '"name"', namespace: '"namespace"', allNamespaces: '"allNamespaces"',
  },
  set: (field, value) => `${QUERY_LINE_REQUEST.names[field]}: ${JSON.stringify(value)}`,
};

const STRING_FIELDS = ['verb', 'apiGroup', 'resource', 'subresource', 'path', 'namespace', 'name'] as const satisfies readonly RequestField[];

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
  const own = (key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
  const id = own('id') ?? null;
  const fail = (error: string): Parsed => ({ id, error });
  const type = own('type');
  if (type !== 'can' && type !== 'who-can') return fail('"type" must be "can" or "who-can"');

  const fields: Partial<Record<(typeof STRING_FIELDS)[number], string>> = {};
  for (const key of STRING_FIELDS) {
    const v = own(key);
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return fail(`"${key}" must be a string`);
    fields[key] = v;
  }
  const all = own('allNamespaces');
  if (all !== undefined && typeof all !== 'boolean') return fail('"allNamespaces" must be true or false');
  if (all === true && type === 'can') return fail('"allNamespaces" belongs to "who-can": "can" answers one request');
  const parsed = parseRequest({ ...fields, allNamespaces: all === true }, QUERY_LINE_REQUEST);
  if (!parsed.ok) return { id, error: parsed.error.message, code: parsed.error.code };

  if (type === 'who-can') return { id, type, request: parsed.value };
  const user = own('user');
  if (user === undefined || user === null) return fail('"user" is required');
  if (typeof user !== 'string') return fail('"user" must be a string');
  const groups = own('groups') ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) return fail('"groups" must be a list of strings');
  return { id, type, user, groups: groups as string[], request: parsed.value };
}

export function answerQueryLine(index: AtlasIndex, line: string): string {
  const q = parseQueryLine(line);
  if ('error' in q) return JSON.stringify({ id: q.id, error: q.error });
  if (q.type === 'can') {
    return JSON.stringify({ id: q.id, allowed: canI(index, { user: q.user, groups: q.groups }, q.request.request).allowed });
  }
  const subjects = whoCan(index, q.request.request, { allNamespaces: isAllNamespaces(q.request) }).subjects.map((s) =>
    s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, name: s.name },
  );
  return JSON.stringify({ id: q.id, subjects });
}
