// One file's text -> RawInputs + diagnostics, JSON or YAML (text-format.ts), with the YAML parser
// loaded. Pure (no I/O): uploads use it; the file loader loads the YAML parser only when a file needs it.
import type { ParseResult } from './documents';
import { parseYaml } from './parse-yaml';
import { parseTextWith } from './text-format';

export type { ParseResult } from './documents';
export { looksBinary } from './text-format';

/** Detects the format and parses. Never throws on bad content; never quotes content in messages. */
export function parseText(text: string, source: string): ParseResult {
  return parseTextWith(text, source, parseYaml);
}
