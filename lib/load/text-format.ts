// One file's text -> RawInputs + diagnostics, with the YAML parser passed in. Pure (no I/O). The
// format is decided here: JSON when the first non-whitespace character is "{" or "[", otherwise
// multi-document YAML. The YAML parser is a parameter so that a caller reading only JSON (the CLI on a
// cluster dump or --demo) never loads it: the file loader imports it when a file needs it
// (needsYamlParser), uploads always have it (parse-text.ts).
import type { Diagnostic } from '../engine/types';
import type { ParseResult } from './documents';
import { parseJson } from './parse-json';

export type { ParseResult } from './documents';

/** parse-yaml.ts's parseYaml. */
export type YamlParser = (text: string, source: string, out: ParseResult) => void;

const BINARY_SAMPLE_CHARS = 8192;
/** share of U+FFFD (undecodable bytes) in the sample above which the file is not text */
const MAX_REPLACEMENT_SHARE = 0.1;

type TextFormat = 'binary' | 'empty' | 'json' | 'yaml';

function formatOf(body: string): TextFormat {
  if (looksBinary(body)) return 'binary';
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) return 'empty';
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether parseTextWith needs a YAML parser for this text. */
export function needsYamlParser(text: string): boolean {
  return formatOf(withoutBom(text)) === 'yaml';
}

/**
 * Detects the format and parses. Never throws on bad content; never quotes content in messages.
 * `yaml` may be left out only when needsYamlParser(text) is false.
 */
export function parseTextWith(text: string, source: string, yaml: YamlParser | undefined): ParseResult {
  const out: ParseResult = { inputs: [], diagnostics: [] };
  const body = withoutBom(text);
  switch (formatOf(body)) {
    case 'binary':
      out.diagnostics.push(fileDiagnostic('error', 'binary file (not UTF-8 text); skipped', source));
      break;
    case 'empty':
      out.diagnostics.push(fileDiagnostic('warning', 'empty file', source));
      break;
    case 'json':
      parseJson(body, source, out);
      break;
    case 'yaml':
      if (!yaml) throw new Error('parseTextWith: YAML text without a YAML parser');
      yaml(body, source, out);
      break;
  }
  return out;
}

export function looksBinary(text: string): boolean {
  const sample = text.length > BINARY_SAMPLE_CHARS ? text.slice(0, BINARY_SAMPLE_CHARS) : text;
  if (sample.includes('\0')) return true;
  let replaced = 0;
  for (let i = sample.indexOf('\ufffd'); i !== -1; i = sample.indexOf('\ufffd', i + 1)) replaced++;
  return replaced > 0 && replaced >= sample.length * MAX_REPLACEMENT_SHARE;
}

function fileDiagnostic(severity: Diagnostic['severity'], message: string, source: string): Diagnostic {
  return { severity, code: 'parse-error', message, origin: { source } };
}
