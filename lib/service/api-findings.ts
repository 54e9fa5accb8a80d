// Route-handler functions of the Findings view: the findings as `rbac-atlas scan -o json` prints them
// (with the web app's `.rbac-atlas.yaml`), and downloads in every scan format. Server-only: they read
// the config file and the store's analysis cache.
import 'server-only';
import { cachedAnswer } from './answer-cache';
import type { ExportFile } from './export';
import { exportFindings, findingsDocument, findingsExportParams } from './findings-export';
import { findingsParamsSchema, type FindingsParams } from './findings';
import { scanSource, type ScanChoice } from './scan';
import type { WebSource } from './store';

export const findingsParams = findingsParamsSchema;
export { findingsExportParams };

/** The scan options the view's parameters stand for: ?builtin=1 is --include-builtin, ?kind=K is --kind K. */
export function scanChoice(p: FindingsParams): ScanChoice {
  return { includeBuiltin: p.builtin === true, ...(p.kind ? { kind: p.kind } : {}) };
}

/** The findings document (JSON bytes); megabytes on large clusters, so cached per snapshot, config, day and filters. */
export function findingsAnswer(src: WebSource, p: FindingsParams, now = new Date()): Uint8Array {
  const scan = scanSource(src, scanChoice(p), now);
  return cachedAnswer(src.index, 'findings', { ...p, config: scan.config.fingerprint, today: scan.today }, true, () => findingsDocument(scan.report, p));
}

export function findingsExportResult(src: WebSource, p: ReturnType<typeof findingsExportParams.parse>): ExportFile {
  return exportFindings(scanSource(src, scanChoice(p)).report, p);
}

/** The findings document itself (uncached): what `rbac-atlas scan -o json` prints, plus "view". */
export function findingsResult(src: WebSource, p: FindingsParams, now = new Date()): ReturnType<typeof findingsDocument> {
  return findingsDocument(scanSource(src, scanChoice(p), now).report, p);
}
