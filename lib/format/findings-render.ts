// A scan report in any output format of `rbac-atlas scan` (-o), for the CLI and the web app's
// downloads alike.
import type { ScanReport } from '../engine/findings/report';
import { findingsCsv } from './findings-csv';
import { findingsHtml } from './findings-html';
import { scanJsonText } from './findings-json';
import { findingsMarkdown } from './findings-markdown';
import { findingsTable } from './findings-table';
import { findingsSarif } from './sarif';

export const SCAN_FORMATS = ['table', 'json', 'csv', 'sarif', 'markdown', 'html'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export interface RenderScanOptions {
  /** sources that are files: SARIF results point at their lines (omit when the paths mean nothing to the reader) */
  files?: ReadonlySet<string>;
  /** terminal width for the table */
  width?: number;
}

export function renderScan(report: ScanReport, format: ScanFormat, options: RenderScanOptions = {}): string {
  switch (format) {
    case 'json':
      return scanJsonText(report);
    case 'csv':
      return findingsCsv(report);
    case 'sarif':
      return `${JSON.stringify(findingsSarif(report, options.files ? { files: options.files } : {}), null, 2)}\n`;
    case 'markdown':
      return findingsMarkdown(report);
    case 'html':
      return findingsHtml(report);
    case 'table':
      return findingsTable(report, options.width ? { width: options.width } : {});
  }
}
