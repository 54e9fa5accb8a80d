// One file's text → RawInputs + diagnostics. Pure (no I/O), so uploads can use it too.
import type { Diagnostic } from '../engine/types';
import type { ParseResult } from './documents';
import { parseJson } from './parse-json';
import { parseYaml } from './parse-yaml';

export type { ParseResult } from './documents';

const BINARY_SAMPLE_CHARS = 8192;
/** share of U+FFFD (undecodable bytes) in the sample above which the file is not text */
const MAX_REPLACEMENT_SHARE = 0.1;

/**
 * Detects the format and parses: JSON when the first non-whitespace character is "{" or "[",
 * otherwise multi-document YAML. Never throws on bad content; never quotes content in messages.
 */
export function parseText(text: string, source: string): ParseResult {
  const out: ParseResult = { inputs: [], diagnostics: [] };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksBinary(body)) {
    out.diagnostics.push(fileDiagnostic('error', 'binary file (not UTF-8 text); skipped', source));
    return out;
  }
  const first = firstNonWhitespace(body);
  if (first === undefined) {
    out.diagnostics.push(fileDiagnostic('warning', 'empty file', source));
    return out;
  }
  if (first === '{' || first === '[') parseJson(body, source, out);
  else parseYaml(body, source, out);
  return out;
}

export function looksBinary(text: string): boolean {
  const sample = text.length > BINARY_SAMPLE_CHARS ? text.slice(0, BINARY_SAMPLE_CHARS) : text;
  if (sample.includes('\0')) return true;
  let replaced = 0;
  for (let i = sample.indexOf('\ufffd'); i !== -1; i = sample.indexOf('\ufffd', i + 1)) replaced++;
  return replaced > 0 && replaced >= sample.length * MAX_REPLACEMENT_SHARE;
}

function firstNonWhitespace(text: string): string | undefined {
  const m = /\S/.exec(text);
  return m?.[0];
}

function fileDiagnostic(severity: Diagnostic['severity'], message: string, source: string): Diagnostic {
  return { severity, code: 'parse-error', message, origin: { source } };
}
