// A scan report in any output format of `rbac-atlas scan` (-o), for the CLI and the web app's
// downloads alike.
import type { ScanReport } from '../engine/findings/report';
import { findingsCsv } from './findings-csv';
import { findingsHtml } from './findings-html';
import { scanJsonChunks, scanJsonText } from './findings-json';
import { findingsMarkdown } from './findings-markdown';
import { findingsTable } from './findings-table';
import { findingsSarif } from './sarif';
import type { ScanFormat } from './scan-formats';

export { SCAN_FORMATS, type ScanFormat } from './scan-formats';

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

/** renderScan in pieces to write as they come (JSON: scanJsonChunks; the other formats are one piece). */
export function renderScanChunks(report: ScanReport, format: ScanFormat, options: RenderScanOptions = {}): Iterable<string> {
  return format === 'json' ? scanJsonChunks(report) : [renderScan(report, format, options)];
}
