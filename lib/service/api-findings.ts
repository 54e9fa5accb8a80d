// Route-handler functions of the Findings view: the findings as `rbac-atlas scan -o json` prints them
// (with the web app's `.rbac-atlas.yaml`), and downloads in every scan format. Server-only: they read
// the config file and the store's analysis cache.
import 'server-only';
import { isoDay } from '../engine/findings/scan';
import { answerRunner } from '../server/answer-worker';
import { cachedAnswer, cachedAnswerAsync } from './answer-cache';
import type { ExportFile } from './export';
import { exportFindings, findingsDocument, findingsExportParams } from './findings-export';
import { findingsParamsSchema, type FindingsParams } from './findings';
import { scanSource, webScanConfig, type ScanChoice } from './scan';
import type { WebSource } from './store';

export const findingsParams = findingsParamsSchema;
export { findingsExportParams };

/** The scan options the view's parameters stand for: ?builtin=1 is --include-builtin, ?kind=K is --kind K. */
export function scanChoice(p: FindingsParams): ScanChoice {
  return { includeBuiltin: p.builtin === true, ...(p.kind ? { kind: p.kind } : {}) };
}

/**
 * The findings document (JSON bytes); megabytes on large clusters, so cached per snapshot, config, day
 * and filters. Built in the answer worker, from its own kept analysis, when the server has one.
 */
export async function findingsAnswer(src: WebSource, p: FindingsParams, now = new Date()): Promise<Uint8Array> {
  const config = webScanConfig();
  const key = { ...p, config: config.fingerprint, today: isoDay(now) };
  // built in the answer worker when there is one: the report applies the suppressions to every
  // finding and the document is tens of MB on large clusters (seconds on the request thread)
  const worker = answerRunner();
  // kept in the findings tier: a stream of distinct -A answers does not push them out
  if (worker) return cachedAnswerAsync(src.index, 'findings', key, true, () => worker.answer(src, 'findings', p), 'findings');
  return cachedAnswer(src.index, 'findings', key, true, () => findingsResult(src, p, now), 'findings');
}

export function findingsExportResult(src: WebSource, p: ReturnType<typeof findingsExportParams.parse>): Promise<ExportFile> {
  return exportFindings(scanSource(src, scanChoice(p)).report, p);
}

/** The findings document itself (uncached): what `rbac-atlas scan -o json` prints, plus "view". */
export function findingsResult(src: WebSource, p: FindingsParams, now = new Date()): ReturnType<typeof findingsDocument> {
  return findingsDocument(scanSource(src, scanChoice(p), now).report, p);
}
