// Plain-text tables in kubectl's style: upper-case headers, columns padded with three spaces.
// When a line would exceed the terminal width, only the designated flexible column is shortened;
// names of subjects and objects are never truncated. Every cell is escaped for the terminal
// (lib/format/escape/terminal.ts): a name cannot break a row, forge one or send escape sequences.
import { escapeTerminal } from './escape/terminal';

export interface TableOptions {
  /** maximum line width; undefined = no limit (output piped to a file or program) */
  width?: number;
  /** index of the column that may be truncated to fit `width` */
  flexible?: number;
}

const GAP = '   ';

export function renderTable(headers: string[], rawRows: string[][], options: TableOptions = {}): string {
  const rows = rawRows.map((r) => r.map(escapeTerminal));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const flex = options.flexible;
  if (options.width !== undefined && flex !== undefined && flex < widths.length) {
    const total = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
    if (total > options.width) widths[flex] = Math.max(headers[flex]!.length, widths[flex]! - (total - options.width));
  }
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i]!;
        const text = c.length > w ? `${c.slice(0, Math.max(0, w - 1))}…` : c;
        return i === cells.length - 1 ? text : text.padEnd(w);
      })
      .join(GAP)
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

