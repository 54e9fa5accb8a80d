// Route-handler functions of the Findings view: the findings as `rbac-atlas scan -o json` prints
// them, and downloads in every scan format. They read the store's findings cache, hence server-only.
import 'server-only';
import { scanJson } from '../format/findings-json';
import type { ExportFile } from './export';
import { exportFindings, findingsExportParams, findingsReport } from './findings-export';
import { findingsParamsSchema, type FindingsParams } from './findings';
import { findingsOf, type WebSource } from './store';

export const findingsParams = findingsParamsSchema;
export { findingsExportParams };

export function findingsResult(src: WebSource, p: FindingsParams): ReturnType<typeof scanJson> {
  return scanJson(findingsReport(findingsOf(src), p, src.summary.name));
}

export function findingsExportResult(src: WebSource, p: ReturnType<typeof findingsExportParams.parse>): ExportFile {
  return exportFindings(findingsOf(src), p, src.summary.name);
}
