// Shared by the YAML and JSON parsers: one parsed top-level value becomes a RawInput (after its
// Secret payloads are dropped) or an invalid-object diagnostic.
import type { Diagnostic, Origin } from '../engine/types';
import type { PathSegment, RawInput } from '../engine/normalize';
import { dropSecretData, isPlainObject } from './secrets';

export interface ParseResult {
  inputs: RawInput[];
  diagnostics: Diagnostic[];
}

export type Locate = NonNullable<RawInput['locate']>;

/**
 * Adds `value` to `out` if it is an object; otherwise reports it. `where` names the value in
 * messages ("document 2", "item 3 of the top-level array"). Returns the paths of the Secrets whose
 * payload was dropped, so that callers holding a syntax tree can drop it there too.
 */
export function collectObject(value: unknown, origin: Origin, locate: Locate | undefined, where: string, out: ParseResult): PathSegment[][] {
  if (!isPlainObject(value)) {
    out.diagnostics.push({
      severity: 'error',
      code: 'invalid-object',
      message: `${where} is ${describeType(value)}, not a Kubernetes object (a mapping with apiVersion and kind); skipped`,
      origin,
    });
    return [];
  }
  const dropped = dropSecretData(value, origin, locate);
  for (const d of dropped) out.diagnostics.push(d.diagnostic);
  out.inputs.push(locate === undefined ? { value, origin } : { value, origin, locate });
  return dropped.map((d) => d.path);
}

/** The type of a value, for messages; never the value itself. */
export function describeType(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** 1-based line and column of a UTF-16 offset; linear, for error paths only. */
export function linePosAt(text: string, pos: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(pos, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: end - lineStart + 1 };
}
