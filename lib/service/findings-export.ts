// The findings of the web app as documents: the findings API returns what `rbac-atlas scan -o json`
// prints (plus a "view" key), and the downloads are what `rbac-atlas scan -o FORMAT` writes (JSON,
// also a --baseline; CSV; SARIF 2.1.0; Markdown; the self-contained HTML report). The report comes
// from the scan pipeline (scan.ts): the built-in switch and the kind are its --include-builtin and
// --kind; severity, namespace and text are the view's filters and the view's sort, so a download
// holds what the table shows (all rows, not the first page).
import { z } from 'zod';
import type { ScanReport } from '../engine/findings/report';
import { scanJson } from '../format/findings-json';
import { renderScan } from '../format/findings-render';
import type { ExportFile } from './export';
import { filterFindings, findingsParamsSchema, sortFindings, type FindingsParams } from './findings';

export const FINDINGS_FORMATS = ['json', 'csv', 'sarif', 'markdown', 'html'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

export const findingsExportParams = findingsParamsSchema.extend({ format: z.enum(FINDINGS_FORMATS).default('json') });

const FILES: Record<FindingsFormat, { ext: string; contentType: string }> = {
  json: { ext: 'json', contentType: 'application/json' },
  csv: { ext: 'csv', contentType: 'text/csv; charset=utf-8' },
  sarif: { ext: 'sarif', contentType: 'application/sarif+json' },
  markdown: { ext: 'md', contentType: 'text/markdown; charset=utf-8' },
  html: { ext: 'html', contentType: 'text/html; charset=utf-8' },
};

/** The view's filters (severity, namespace, text) and sort applied to a report's findings. */
export function viewReport(report: ScanReport, p: FindingsParams): ScanReport {
  return { ...report, findings: sortFindings(filterFindings(report.findings, p), p.sort, p.dir) };
}

/** What the view's filters did: the only part of the findings API that `scan -o json` does not print. */
export interface FindingsViewInfo {
  /** findings in the report, before the view's filters */
  total: number;
  /** findings left by the view's filters (the document's "findings") */
  matched: number;
}

/** The findings API's document: `scan -o json` of the view's report, and "view". */
export function findingsDocument(report: ScanReport, p: FindingsParams): ReturnType<typeof scanJson> & { view: FindingsViewInfo } {
  const shown = viewReport(report, p);
  return { ...scanJson(shown), view: { total: report.findings.length, matched: shown.findings.length } };
}

export async function exportFindings(report: ScanReport, p: z.infer<typeof findingsExportParams>): Promise<ExportFile> {
  const file = FILES[p.format];
  return {
    filename: `rbac-atlas-findings.${file.ext}`,
    contentType: file.contentType,
    // no file locations in SARIF: the data source's paths are the server's, not the user's repository
    body: await renderScan(viewReport(report, p), p.format),
  };
}
