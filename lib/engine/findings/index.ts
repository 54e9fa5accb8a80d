// The findings engine's public surface: scanFindings (every check over an index), the scan pipeline
// (snapshot index + config + options -> report), the catalogue and the severity helpers.
import type { AtlasIndex } from '../query-index';
import { scanFindings } from './run';
import type { Finding, FindingsOptions } from './types';

export { scanFindings } from './run';
export { CHECKS } from './checks';

/** The findings of a snapshot index (see scanFindings for counts and notes). */
export function runFindings(index: AtlasIndex, options: FindingsOptions = {}): Finding[] {
  return scanFindings(index, options).findings;
}

export { FINDING_CATALOG, FINDING_IDS, findingKindOf, findingInfo, type FindingInfo, type FindingReference } from './catalog';
export { scanExitCode, countBySeverity, isSeverity, atLeast, severityRank } from './severity';
export { isBuiltinBinding, isBuiltinRole } from './builtin';
export * from './types';
export { analyzeFindings, analysisOptions, isoDay, reportExitCode, runScan, scanReport, type ScanOptions } from './scan';
export type { ScanReport } from './report';
