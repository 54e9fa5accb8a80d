// A scan report: the findings that are reported, plus what was left out and why. Every output
// format (table, JSON, CSV, SARIF, Markdown, HTML) renders one of these.
import { countBySeverity } from './severity';
import { FINDING_CATALOG } from './catalog';
import { describeSuppression, type SuppressionOutcome } from './config';
import type { Finding, FindingsResult, Severity } from './types';

export interface ScanReport {
  tool: { name: string; version: string };
  /** the data source, e.g. "files: dump.yaml" */
  source: string;
  findings: Finding[];
  /** built-in findings left out (no --include-builtin) */
  hiddenBuiltin: number;
  suppressed: { id: string; reason: string; expires?: string; suppression: number }[];
  /** expired suppressions that matched findings (which are reported again) */
  expiredSuppressions: { suppression: string; expires: string; findings: number }[];
  /** findings left out because their id is in the baseline */
  inBaseline: number;
  privilegedNamespaces: string[];
  notes: string[];
  failOn?: Severity;
}

export interface ReportInput {
  tool: ScanReport['tool'];
  source: string;
  result: FindingsResult;
  suppression?: SuppressionOutcome;
  /** the findings to report, after suppressions and baseline */
  findings: Finding[];
  inBaseline?: number;
  failOn?: Severity;
}

export function buildReport(input: ReportInput): ScanReport {
  const report: ScanReport = {
    tool: input.tool,
    source: input.source,
    findings: input.findings,
    hiddenBuiltin: input.result.hiddenBuiltin,
    suppressed: (input.suppression?.suppressed ?? []).map(({ finding, suppression }) => ({
      id: finding.id,
      reason: suppression.reason,
      ...(suppression.expires ? { expires: suppression.expires } : {}),
      suppression: suppression.index,
    })),
    expiredSuppressions: (input.suppression?.expired ?? []).map((e) => ({ suppression: describeSuppression(e.suppression), expires: e.suppression.expires!, findings: e.findings })),
    inBaseline: input.inBaseline ?? 0,
    privilegedNamespaces: input.result.privilegedNamespaces,
    notes: input.result.notes,
  };
  if (input.failOn) report.failOn = input.failOn;
  return report;
}

export interface ReportSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  /** kebab id -> count, catalogue order, kinds with findings only */
  byKind: Record<string, number>;
  /** namespace (or "cluster") -> count by severity, most findings first */
  byScope: { scope: string; total: number; bySeverity: Record<Severity, number> }[];
}

export function summarize(findings: readonly Finding[]): ReportSummary {
  const byKind: Record<string, number> = {};
  for (const kind of Object.keys(FINDING_CATALOG) as (keyof typeof FINDING_CATALOG)[]) {
    const n = findings.filter((f) => f.kind === kind).length;
    if (n) byKind[FINDING_CATALOG[kind].id] = n;
  }
  const scopes = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = scopes.get(f.scope);
    if (list) list.push(f);
    else scopes.set(f.scope, [f]);
  }
  const byScope = [...scopes.entries()]
    .map(([scope, list]) => ({ scope, total: list.length, bySeverity: countBySeverity(list) }))
    .sort((a, b) => b.total - a.total || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
  return { total: findings.length, bySeverity: countBySeverity(findings), byKind, byScope };
}
