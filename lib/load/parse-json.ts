// JSON parsing. The fast path is one JSON.parse of the whole text (a top-level array holds several
// objects). Only when that fails is the text scanned: it may be JSON Lines / concatenated values,
// or broken, in which case the error gets a line and column but never a quote of the text.
import type { Origin } from '../engine/types';
import { type ParseResult, collectObject, linePosAt } from './documents';
import { scanJsonValue, skipJsonWhitespace } from './json-scan';

const MAX_ERRORS_PER_FILE = 50;

interface JsonContext {
  source: string;
  out: ParseResult;
  /** index of the next document (a top-level value, or an element of a top-level array) */
  nextDoc: number;
}

export function parseJson(text: string, source: string, out: ParseResult): void {
  const ctx: JsonContext = { source, out, nextDoc: 0 };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    parseJsonValues(text, ctx);
    return;
  }
  collectTopLevel(value, ctx);
}

function collectTopLevel(value: unknown, ctx: JsonContext): void {
  if (!Array.isArray(value)) {
    const doc = ctx.nextDoc++;
    collectObject(value, { source: ctx.source, doc }, undefined, describeDoc(doc), ctx.out);
    return;
  }
  for (const item of value as unknown[]) {
    const doc = ctx.nextDoc++;
    collectObject(item, { source: ctx.source, doc }, undefined, `element ${doc + 1} of the top-level array`, ctx.out);
  }
}

function describeDoc(doc: number): string {
  return doc === 0 ? 'the JSON document' : `JSON value ${doc + 1}`;
}

/** Several top-level values in a row (JSON Lines); a broken one is reported and skipped. */
function parseJsonValues(text: string, ctx: JsonContext): void {
  let errors = 0;
  let pos = skipJsonWhitespace(text, 0);
  while (pos < text.length) {
    const scanned = scanJsonValue(text, pos);
    if (!scanned.ok) {
      const next = errors < MAX_ERRORS_PER_FILE ? nextLineValue(text, scanned.pos) : -1;
      reportJsonError(text, scanned.pos, scanned.reason, next < 0, ctx);
      errors++;
      if (next < 0) return;
      pos = next;
      continue;
    }
    parseScannedValue(text, pos, scanned.end, ctx);
    pos = skipJsonWhitespace(text, scanned.end);
  }
}

function parseScannedValue(text: string, start: number, end: number, ctx: JsonContext): void {
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    reportJsonError(text, start, 'invalid value', false, ctx); // the scanner is more lenient than V8 here
    return;
  }
  collectTopLevel(value, ctx);
}

/** Start of the next line that begins with "{" or "[", where a JSON Lines reader can resume. */
function nextLineValue(text: string, from: number): number {
  const re = /\n[{[]/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m === null ? -1 : m.index + 1;
}

function reportJsonError(text: string, pos: number, reason: string, restSkipped: boolean, ctx: JsonContext): void {
  const origin: Origin = { source: ctx.source, ...linePosAt(text, pos), doc: ctx.nextDoc };
  const skipped = restSkipped ? 'the rest of the file is skipped' : 'skipped to the next line starting with { or [';
  ctx.out.diagnostics.push({ severity: 'error', code: 'parse-error', message: `JSON: ${reason}; ${skipped}`, origin });
}
