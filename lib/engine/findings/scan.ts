// The scan pipeline: a snapshot index + the scan configuration + options -> the report every front end
// renders (`rbac-atlas scan` in a terminal or CI, the web app's Findings view, its API and exports).
// Pure: reading `.rbac-atlas.yaml`, the baseline file and the clock is the callers' business.
//
//   analyzeFindings   every check, built-in findings included, with the config's severity overrides
//                     and privileged namespaces (the expensive stage: the web app keeps it per
//                     snapshot and config)
//   scanReport        --kind, built-in hiding, suppressions (with expiry), --baseline -> ScanReport
//   runScan           both
import type { PreparedPaths } from '../paths';
import type { AtlasIndex } from '../query-index';
import type { FindingsConfig } from './config';
import { applySuppressions } from './config';
import { applyBaseline } from './baseline';
import { DEFAULT_PRIVILEGED_NAMESPACES } from './context';
import { buildReport, type ScanReport } from './report';
import { scanFindings } from './run';
import { scanExitCode } from './severity';
import type { FindingKind, FindingsOptions, FindingsResult, Severity } from './types';

export interface ScanOptions {
  /** the parsed `.rbac-atlas.yaml`: severity overrides, privileged namespaces, suppressions */
  config?: FindingsConfig;
  /** also report findings that come only from the bootstrap policy (--include-builtin) */
  includeBuiltin?: boolean;
  /** only these kinds (--kind) */
  kinds?: readonly FindingKind[];
  /** finding ids of a previous `scan -o json` (--baseline): those are left out */
  baseline?: ReadonlySet<string>;
  failOn?: Severity;
  /** YYYY-MM-DD: suppressions that expired before this day no longer apply */
  today: string;
  tool: ScanReport['tool'];
  /** the data source, e.g. "files: dump.yaml" */
  source: string;
}

/** What the expensive stage depends on: the config's severity overrides and privileged namespaces. */
export function analysisOptions(config: FindingsConfig | undefined): FindingsOptions {
  return {
    includeBuiltin: true,
    ...(config ? { severity: config.severity } : {}),
    privilegedNamespaces: [...new Set([...DEFAULT_PRIVILEGED_NAMESPACES, ...(config?.privilegedNamespaces ?? [])])],
  };
}

/**
 * Every finding of every kind, built-in ones included (scanReport filters them). `paths`: the paths
 * engine prepared for this index, when the caller keeps one (the web app); else it is prepared here.
 */
export function analyzeFindings(index: AtlasIndex, config: FindingsConfig | undefined, paths?: PreparedPaths): FindingsResult {
  return scanFindings(index, analysisOptions(config), paths);
}

/** The report of an analysis (from analyzeFindings with the same config): kinds, built-in, suppressions, baseline. */
export function scanReport(analysis: FindingsResult, options: ScanOptions): ScanReport {
  const wanted = options.kinds ? new Set(options.kinds) : undefined;
  const ofKind = wanted ? analysis.findings.filter((f) => wanted.has(f.kind)) : analysis.findings;
  const reported = options.includeBuiltin ? ofKind : ofKind.filter((f) => !f.builtin);
  const result: FindingsResult = { ...analysis, findings: reported, hiddenBuiltin: ofKind.length - reported.length };
  const suppression = applySuppressions(reported, options.config?.suppressions ?? [], options.today);
  const { kept, inBaseline } = options.baseline ? applyBaseline(suppression.kept, options.baseline) : { kept: suppression.kept, inBaseline: 0 };
  return buildReport({
    tool: options.tool,
    source: options.source,
    result,
    suppression,
    findings: kept,
    inBaseline,
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
}

/** The whole pipeline: snapshot index + config + options -> report. */
export function runScan(index: AtlasIndex, options: ScanOptions): ScanReport {
  return scanReport(analyzeFindings(index, options.config), options);
}

/** Exit code of `rbac-atlas scan` for a report: 2 when a reported finding is at or above --fail-on. */
export function reportExitCode(report: ScanReport): number {
  return scanExitCode(report.findings, report.failOn);
}

/** Today as YYYY-MM-DD (UTC), the day suppressions' expiry dates are compared with. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
