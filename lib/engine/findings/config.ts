// The scan configuration (`.rbac-atlas.yaml`): suppressions with a required reason and an optional
// expiry date, severity overrides per kind, extra privileged namespaces. Parsing is pure (text in,
// config or errors with line numbers out, config-parse.ts); reading the file is the caller's business.
// This module is what a scan applies (suppressions); it loads neither the YAML parser nor zod, which
// only a config file needs.
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
import { refKey } from './context';
import { FINDING_IDS } from './catalog';
import type { Finding, FindingKind, SeverityOverride } from './types';

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
