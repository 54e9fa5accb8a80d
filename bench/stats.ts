// Small pure helpers for the benchmark report: percentiles and table rendering.

/** Nearest-rank percentile (q in [0, 1]) of unsorted samples; NaN for no samples. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  let total = 0;
  for (const s of samples) total += s;
  return total / samples.length;
}

export type Align = 'left' | 'right';

export interface Column<Row> {
  title: string;
  value: (row: Row) => string;
  align?: Align;
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const header = `| ${columns.map((c) => c.title).join(' | ')} |`;
  const rule = `| ${columns.map((c) => ((c.align ?? 'right') === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((r) => `| ${columns.map((c) => c.value(r).replace(/\|/g, '\\|')).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** A plain-text table with padded columns, for terminals. */
export function textTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => (row[i] ?? '').length)));
  const pad = (text: string, i: number) => {
    const w = widths[i] ?? 0;
    return (columns[i]?.align ?? 'right') === 'right' ? text.padStart(w) : text.padEnd(w);
  };
  const lines = [columns.map((c, i) => pad(c.title, i)).join('  '), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells) lines.push(row.map((t, i) => pad(t, i)).join('  '));
  return lines.join('\n');
}

/** Fixed decimals, with thousands separators for the integer part. */
export function fmt(n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
