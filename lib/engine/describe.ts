// Messages about untrusted input: short, quoted, control characters removed, zod issues turned into
// "rules[0].verbs: expected a list, got \"get\"". Pure.
import type { z } from 'zod';
import type { Origin } from './types';
import type { PathSegment } from './normalize';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objectLabel(kind: string, obj: Record<string, unknown> | { metadata: { name: string; namespace?: string } }): string {
  const meta = (obj as { metadata?: unknown }).metadata;
  if (!isPlainObject(meta)) return kind;
  const name = typeof meta.name === 'string' ? short(meta.name) : '?';
  const ns = typeof meta.namespace === 'string' && meta.namespace ? short(meta.namespace) : undefined;
  return ns ? `${ns}/${name}` : name;
}

export function nameHint(obj: Record<string, unknown>): string {
  const label = objectLabel('', obj);
  return label && label !== '?' ? ` "${label}"` : '';
}

export function formatOrigin(origin: Origin): string {
  let s = origin.source;
  if (origin.line !== undefined) s += `:${origin.line}${origin.col !== undefined ? `:${origin.col}` : ''}`;
  else if (origin.item !== undefined) s += ` (items[${origin.item}])`;
  else if (origin.doc !== undefined && origin.doc > 0) s += ` (document ${origin.doc + 1})`;
  return s;
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(short(v, 40));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

const TYPE_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
};

function formatPath(path: readonly PathSegment[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}

export function formatIssue(issue: z.core.$ZodIssue | undefined, obj: Record<string, unknown>, prefix = ''): string {
  if (!issue) return 'invalid';
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = prefix ? (path.length ? `${prefix}${typeof path[0] === 'number' ? '' : '.'}${formatPath(path)}` : prefix) : formatPath(path);
  const actual = path.reduce<unknown>((v, p) => (isPlainObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[p] : undefined), obj);
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what = actual === undefined ? `required, but missing` : `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${describe(actual)}`;
      break;
    case 'invalid_value':
      what = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(actual)}`;
      break;
    default:
      what = issue.message;
  }
  return where ? `${where}: ${what}` : what;
}

/** Shortens untrusted strings before they go into a message. */
export function short(s: string, max = 60): string {
  // eslint-disable-next-line no-control-regex -- hostile names must not carry terminal escapes into messages
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

