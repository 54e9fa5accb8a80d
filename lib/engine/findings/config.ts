// The scan configuration (`.rbac-atlas.yaml`): suppressions with a required reason and an optional
// expiry date, severity overrides per kind, extra privileged namespaces. Parsing is pure (text in,
// config or errors with line numbers out); reading the file is the caller's business.
//
//   suppressions:
//     - kind: read-secrets                     # kebab id or PascalCase kind
//       subject: ServiceAccount:cert-manager/*  # KIND:[NS/]NAME, "*" matches any run of characters
//       namespace: cert-manager                 # the finding's scope, or its subject's/object's namespace
//       object: ClusterRoleBinding/legacy-*     # for object findings (dangling bindings, roles)
//       id: read-secrets:ServiceAccount/a/b@a   # one finding exactly
//       reason: cert-manager stores issued certificates in Secrets   # required
//       expires: 2026-12-31                     # optional; from the next day on the findings come back
//   severity:
//     wildcard-rule: medium
//     read-secrets: { cluster: critical, namespace: high }
//   privilegedNamespaces: [kube-system, flux-system]
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { refKey } from './context';
import { FINDING_IDS, findingKindOf } from './catalog';
import { SEVERITIES, type Finding, type FindingKind, type SeverityOverride } from './types';

export interface Suppression {
  kind?: FindingKind;
  subject?: string;
  namespace?: string;
  object?: string;
  id?: string;
  reason: string;
  /** YYYY-MM-DD, the last day the suppression applies */
  expires?: string;
  /** 1-based position in the suppressions list, and line in the file, for messages */
  index: number;
  line?: number;
}

export interface FindingsConfig {
  source: string;
  suppressions: Suppression[];
  severity: Record<string, SeverityOverride>;
  privilegedNamespaces?: string[];
}

export type ConfigResult = { ok: true; config: FindingsConfig } | { ok: false; errors: string[] };

const severity = z.enum(SEVERITIES);
const glob = z.string().trim().min(1);
const KNOWN = `known: ${Object.values(FINDING_IDS).join(', ')}`;
const kindName = z.string().refine((k) => findingKindOf(k) !== undefined, { error: (iss) => `unknown finding kind "${String(iss.input)}" (${KNOWN})` });
const suppressionSchema = z
  .object({
    kind: kindName.optional(),
    subject: glob.optional(),
    namespace: glob.optional(),
    object: glob.optional(),
    id: glob.optional(),
    reason: z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required'),
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
      .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a valid date')
      .optional(),
  })
  .strict()
  .refine((s) => s.kind || s.subject || s.namespace || s.object || s.id, 'a suppression needs at least one of kind, subject, namespace, object or id');

const configSchema = z
  .object({
    suppressions: z.array(suppressionSchema).optional(),
    severity: z.record(z.string(), z.union([severity, z.object({ cluster: severity.optional(), namespace: severity.optional() }).strict()])).optional(),
    privilegedNamespaces: z.array(z.string().min(1)).optional(),
  })
  .strict();

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
  const parsed = configSchema.safeParse(raw);
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

/** "*" matches any run of characters; everything else literally. */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(value);
}

const SUBJECT_KINDS: Record<string, string> = { user: 'User', group: 'Group', serviceaccount: 'ServiceAccount', sa: 'ServiceAccount' };

function subjectMatches(pattern: string, f: Finding): boolean {
  if (!f.subject) return false;
  const colon = pattern.indexOf(':');
  if (colon <= 0) return false;
  const kind = SUBJECT_KINDS[pattern.slice(0, colon).toLowerCase()];
  if (kind !== f.subject.kind) return false;
  const rest = pattern.slice(colon + 1);
  if (kind !== 'ServiceAccount') return globMatches(rest, f.subject.name);
  const slash = rest.indexOf('/');
  if (slash < 0) return false;
  return globMatches(rest.slice(0, slash), f.subject.namespace ?? '') && globMatches(rest.slice(slash + 1), f.subject.name);
}

export function suppressionMatches(s: Suppression, f: Finding): boolean {
  if (s.kind && s.kind !== f.kind) return false;
  if (s.id && !globMatches(s.id, f.id)) return false;
  if (s.subject && !subjectMatches(s.subject, f)) return false;
  if (s.object && !(f.object && globMatches(s.object, refKey(f.object)))) return false;
  if (s.namespace) {
    const candidates = [f.scope, f.subject?.namespace, f.object?.namespace].filter((x): x is string => x !== undefined);
    if (!candidates.some((ns) => globMatches(s.namespace!, ns))) return false;
  }
  return true;
}

export function isExpired(s: Suppression, today: string): boolean {
  return s.expires !== undefined && s.expires < today;
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: { finding: Finding; suppression: Suppression }[];
  /** expired suppressions that would have matched, with the number of findings that came back */
  expired: { suppression: Suppression; findings: number }[];
}

/** Applies suppressions; `today` is YYYY-MM-DD (a suppression expiring today still applies). */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], today: string): SuppressionOutcome {
  const active = suppressions.filter((s) => !isExpired(s, today));
  const expired = suppressions.filter((s) => isExpired(s, today)).map((suppression) => ({ suppression, findings: 0 }));
  const out: SuppressionOutcome = { kept: [], suppressed: [], expired: [] };
  for (const f of findings) {
    const s = active.find((x) => suppressionMatches(x, f));
    if (s) {
      out.suppressed.push({ finding: f, suppression: s });
      continue;
    }
    out.kept.push(f);
    for (const e of expired) if (suppressionMatches(e.suppression, f)) e.findings++;
  }
  out.expired = expired.filter((e) => e.findings > 0);
  return out;
}

export function describeSuppression(s: Suppression): string {
  const parts = (['kind', 'subject', 'namespace', 'object', 'id'] as const).filter((k) => s[k] !== undefined).map((k) => `${k}=${k === 'kind' ? FINDING_IDS[s.kind!] : s[k]}`);
  return `suppression #${s.index}${s.line ? ` (line ${s.line})` : ''} ${parts.join(' ')}`;
}
