// A scan report in any output format of `rbac-atlas scan` (-o), for the CLI and the web app's
// downloads alike.
import type { ScanReport } from '../engine/findings/report';
import type { ScanFormat } from './scan-formats';

export { SCAN_FORMATS, type ScanFormat } from './scan-formats';

export interface RenderScanOptions {
  /** sources that are files: SARIF results point at their lines (omit when the paths mean nothing to the reader) */
  files?: ReadonlySet<string>;
  /** terminal width for the table */
  width?: number;
}

/** A format's renderer: the text, or its pieces to write as they come. */
type Renderer = (report: ScanReport, options: RenderScanOptions) => string | Iterable<string>;

/** Each format's renderer, imported when it is first used: the CLI evaluates only the one -o names. */
const RENDERERS: Record<ScanFormat, () => Promise<Renderer>> = {
  json: async () => (await import('./findings-json')).scanJsonChunks,
  csv: async () => {
    const { findingsCsv } = await import('./findings-csv');
    return (report) => findingsCsv(report);
  },
  sarif: async () => {
    const { findingsSarif } = await import('./sarif');
    return (report, options) => `${JSON.stringify(findingsSarif(report, options.files ? { files: options.files } : {}), null, 2)}\n`;
  },
  markdown: async () => {
    const { findingsMarkdown } = await import('./findings-markdown');
    return (report) => findingsMarkdown(report);
  },
  html: async () => {
    const { findingsHtml } = await import('./findings-html');
    return (report) => findingsHtml(report);
  },
  table: async () => {
    const { findingsTable } = await import('./findings-table');
    return (report, options) => findingsTable(report, options.width ? { width: options.width } : {});
  },
};

/** The report in `format`, in pieces to write as they come (JSON: scanJsonChunks; the other formats are one piece). */
export async function renderScanChunks(report: ScanReport, format: ScanFormat, options: RenderScanOptions = {}): Promise<Iterable<string>> {
  const out = (await RENDERERS[format]())(report, options);
  return typeof out === 'string' ? [out] : out;
}

/** The report in `format`, as one text (the web app's downloads). */
export async function renderScan(report: ScanReport, format: ScanFormat, options: RenderScanOptions = {}): Promise<string> {
  return [...(await renderScanChunks(report, format, options))].join('');
}
