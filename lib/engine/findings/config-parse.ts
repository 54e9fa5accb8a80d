// Parses the scan configuration (`.rbac-atlas.yaml`, described in config.ts): YAML text in, config or
// errors with line numbers out. Pure. Its own module because it needs the YAML parser and zod, which a
// scan without a config file never loads (the CLI imports this only when there is a file). zod's
// "mini" API, like the wire schemas (lib/schema/wire.ts), so that the CLI carries one small zod; its
// English messages are the ones a config error shows.
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { FINDING_IDS, findingKindOf } from './catalog';
import type { ConfigResult, FindingsConfig, Suppression } from './config';
import { SEVERITIES, type FindingKind, type SeverityOverride } from './types';

/** zod's English messages, per parse (the mini API sets no locale, and the engine sets no global). */
const ENGLISH = en().localeError;

const severity = z.enum(SEVERITIES);
const glob = z.string().check(z.trim(), z.minLength(1));
const KNOWN = `known: ${Object.values(FINDING_IDS).join(', ')}`;
const kindName = z.string().check(z.refine((k) => findingKindOf(k) !== undefined, { error: (iss) => `unknown finding kind "${String(iss.input)}" (${KNOWN})` }));
const suppressionSchema = z
  .strictObject({
    kind: z.optional(kindName),
    subject: z.optional(glob),
    namespace: z.optional(glob),
    object: z.optional(glob),
    id: z.optional(glob),
    reason: z.string({ error: 'a reason is required' }).check(z.trim(), z.minLength(1, 'a reason is required')),
    expires: z.optional(
      z.string().check(
        z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
        z.refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a valid date'),
      ),
    ),
  })
  .check(z.refine((s) => Boolean(s.kind || s.subject || s.namespace || s.object || s.id), 'a suppression needs at least one of kind, subject, namespace, object or id'));

const configSchema = z.strictObject({
  suppressions: z.optional(z.array(suppressionSchema)),
  severity: z.optional(z.record(z.string(), z.union([severity, z.strictObject({ cluster: z.optional(severity), namespace: z.optional(severity) })]))),
  privilegedNamespaces: z.optional(z.array(z.string().check(z.minLength(1)))),
});

function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

export function parseFindingsConfig(text: string, source: string): ConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return { ok: false, errors: doc.errors.map((e) => `${source}:${e.linePos?.[0]?.line ?? '?'}: invalid YAML (${e.code})`) };
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = configSchema.safeParse(raw, { error: ENGLISH });
  const errors: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const line = lineOf(doc, lines, issue.path);
      errors.push(`${source}${line ? `:${line}` : ''}: ${pathText(issue.path) || '(top level)'}: ${issue.message}`);
    }
    return { ok: false, errors };
  }
  const value = parsed.data;
  const suppressions: Suppression[] = [];
  (value.suppressions ?? []).forEach((s, i) => {
    const line = lineOf(doc, lines, ['suppressions', i]);
    const kind: FindingKind | undefined = s.kind === undefined ? undefined : findingKindOf(s.kind);
    const out: Suppression = { reason: s.reason, index: i + 1 };
    if (kind) out.kind = kind;
    for (const k of ['subject', 'namespace', 'object', 'id', 'expires'] as const) if (s[k] !== undefined) out[k] = s[k];
    if (line !== undefined) out.line = line;
    suppressions.push(out);
  });
  const severities: Record<string, SeverityOverride> = {};
  for (const [name, v] of Object.entries(value.severity ?? {})) {
    const kind = findingKindOf(name);
    if (!kind) {
      const line = lineOf(doc, lines, ['severity', name]);
      errors.push(`${source}${line ? `:${line}` : ''}: severity.${name}: unknown finding kind (${KNOWN})`);
      continue;
    }
    severities[kind] = v;
  }
  if (errors.length) return { ok: false, errors };
  const config: FindingsConfig = { source, suppressions, severity: severities };
  if (value.privilegedNamespaces) config.privilegedNamespaces = value.privilegedNamespaces;
  return { ok: true, config };
}
