// Downloads of the Findings view in every format of `rbac-atlas scan`: JSON (also a --baseline),
// CSV, SARIF 2.1.0, Markdown and the self-contained HTML report. The built-in switch and the
// filters of the view apply, so a download holds what the table shows (all rows, not the first page).
import { z } from 'zod';
import { buildReport, type ScanReport } from '../engine/findings/report';
import type { FindingsResult } from '../engine/findings/types';
import { findingsCsv } from '../format/findings-csv';
import { findingsHtml } from '../format/findings-html';
import { scanJsonText } from '../format/findings-json';
import { findingsMarkdown } from '../format/findings-markdown';
import { findingsSarif } from '../format/sarif';
import { version } from '../../package.json';
import type { ExportFile } from './export';
import { filterFindings, findingsParamsSchema, reportedFindings, sortFindings, type FindingsParams } from './findings';

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

/** The scan report of the view: the findings the filters keep, in the view's order. */
export function findingsReport(all: FindingsResult, p: FindingsParams, source: string): ScanReport {
  const result = reportedFindings(all, p.builtin === true);
  const findings = sortFindings(filterFindings(result.findings, p), p.sort, p.dir);
  return buildReport({ tool: { name: 'rbac-atlas', version }, source, result, findings });
}

export function renderFindings(report: ScanReport, format: FindingsFormat): string {
  switch (format) {
    case 'json':
      return scanJsonText(report);
    case 'csv':
      return findingsCsv(report);
    case 'sarif':
      // no file locations: the data source's paths are the server's, not the user's repository
      return `${JSON.stringify(findingsSarif(report), null, 2)}\n`;
    case 'markdown':
      return findingsMarkdown(report);
    case 'html':
      return findingsHtml(report);
  }
}

export function exportFindings(all: FindingsResult, p: z.infer<typeof findingsExportParams>, source: string): ExportFile {
  const file = FILES[p.format];
  return {
    filename: `rbac-atlas-findings.${file.ext}`,
    contentType: file.contentType,
    body: renderFindings(findingsReport(all, p, source), p.format),
  };
}
