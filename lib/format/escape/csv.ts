// Untrusted text for CSV (RFC 4180): a field is quoted when it holds a comma, a quote or a line
// break; a field a spreadsheet would run as a formula (starting with =, +, -, @, a tab or CR, also
// in their full-width forms, after any leading spaces) gets a leading "'"; control and bidi
// characters are shown as visible escapes (lib/format/escape/terminal.ts), so that the file is
// also safe to print on a terminal. Pure.
//
// Renderers call csvField(value) for every field, or csvLines(header, rows) for a whole file.
import { escapeTerminal } from './terminal';

const FORMULA_START = /^[ ]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

export function csvField(value: string | number | boolean | undefined | null): string {
  const raw = value === undefined || value === null ? '' : String(value);
  let s = FORMULA_START.test(raw) ? `'${raw}` : raw;
  s = escapeTerminal(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV file: CRLF line ends, every field through csvField. */
export function csvLines(header: readonly string[], rows: readonly (readonly (string | number | boolean | undefined | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
