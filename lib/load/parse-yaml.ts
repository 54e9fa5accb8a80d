// YAML multi-document parsing with positions. Each document with syntax errors is reported and
// skipped; the others still load. Messages come from a fixed table keyed on the parser's error code,
// because the parser's own messages can quote the offending text (which may be Secret data).
import { type Document, type ErrorCode, LineCounter, type YAMLError, isNode, isScalar, isSeq } from 'yaml';
import type { Diagnostic, Origin } from '../engine/types';
import type { PathSegment } from '../engine/normalize';
import { type Locate, type ParseResult, collectObject } from './documents';
import { MAX_YAML_DEPTH, composeDocuments } from './yaml-stream';

/** yaml's own default; an alias bomb exceeds it after a few expansions and fails fast. */
const MAX_ALIAS_COUNT = 100;
/** parse errors reported per file; one mistake often produces several, and hostile files many */
const MAX_ERRORS_PER_FILE = 50;

const yamlMessages = {
  ALIAS_PROPS: 'an alias cannot have an anchor or a tag',
  BAD_ALIAS: 'an alias refers to an anchor that is not defined before it',
  BAD_DIRECTIVE: 'invalid or unsupported directive',
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string',
  BAD_INDENT: 'bad indentation',
  BAD_PROP_ORDER: 'an anchor or tag is in the wrong place',
  BAD_SCALAR_START: 'a plain value starts with a reserved character (quote the value)',
  BLOCK_AS_IMPLICIT_KEY: 'nested mapping where a single-line key was expected (check indentation)',
  BLOCK_IN_FLOW: 'block collection inside a flow collection ([...] or {...})',
  DUPLICATE_KEY: 'duplicate key in a mapping',
  IMPOSSIBLE: 'unparsable input',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters',
  MISSING_CHAR: 'missing character (a closing quote or bracket, a comma, or a space after ":")',
  MULTILINE_IMPLICIT_KEY: 'a key spans several lines (check indentation and quotes)',
  MULTIPLE_ANCHORS: 'a node has more than one anchor',
  MULTIPLE_DOCS: 'several documents without a "---" separator',
  MULTIPLE_TAGS: 'a node has more than one tag',
  NON_STRING_KEY: 'a mapping key is not a string',
  RESOURCE_EXHAUSTION: 'too many alias expansions (an alias bomb?)',
  TAB_AS_INDENT: 'tab characters used for indentation',
  TAG_RESOLVE_FAILED: 'unknown tag',
  UNEXPECTED_TOKEN: 'unexpected token',
  BAD_COLLECTION_TYPE: 'a tag does not fit the collection type',
} satisfies Record<ErrorCode, string>;

type Pos = (offset: number) => { line: number; col: number };

interface FileContext {
  source: string;
  pos: Pos;
  out: ParseResult;
  errorBudget: number;
}

export function parseYaml(text: string, source: string, out: ParseResult): void {
  const lineCounter = new LineCounter();
  const stream = composeDocuments(text, lineCounter.addNewLine, {
    prettyErrors: false, // no source excerpts in messages
    uniqueKeys: true,
    merge: true, // kubectl accepts "<<" merge keys
    logLevel: 'silent',
  });
  const ctx: FileContext = { source, pos: (o) => lineCounter.linePos(o), out, errorBudget: MAX_ERRORS_PER_FILE };
  reportErrors(stream.streamErrors, ctx, undefined, 'error');
  stream.docs.forEach((doc, i) => {
    const deepAt = stream.tooDeep.get(i);
    if (deepAt === undefined) parseOneDocument(doc, i, ctx);
    else reportTooDeep(deepAt, i, ctx);
  });
  if (ctx.errorBudget < 0) {
    out.diagnostics.push({
      severity: 'error',
      code: 'parse-error',
      message: `YAML: ${-ctx.errorBudget} more errors not shown`,
      origin: { source },
    });
  }
}

function parseOneDocument(doc: Document.Parsed, index: number, ctx: FileContext): void {
  reportErrors(doc.warnings, ctx, index, 'warning');
  if (doc.errors.length > 0) {
    reportErrors(doc.errors, ctx, index, 'error');
    return;
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return; // empty document
  const origin: Origin = { source: ctx.source, ...startOf(root, ctx.pos), doc: index };
  const value = toJs(doc, origin, ctx);
  if (value === undefined) return;
  if (isSeq(root) && Array.isArray(value)) {
    value.forEach((item: unknown, i) => collectItem(doc, item, i, origin, ctx));
    return;
  }
  const locate = makeLocate(doc, [], ctx.pos);
  const dropped = collectObject(value, origin, locate, `document ${index + 1}`, ctx.out);
  if (!dropFromTree(doc, dropped)) forgetTree(ctx.out);
}

/** A top-level sequence: each item is an object of its own. */
function collectItem(doc: Document.Parsed, item: unknown, i: number, docOrigin: Origin, ctx: FileContext): void {
  const locate = makeLocate(doc, [i], ctx.pos);
  const origin: Origin = { ...docOrigin, ...locate([]), item: i };
  const where = `item ${i + 1} of the top-level list in document ${(docOrigin.doc ?? 0) + 1}`;
  const dropped = collectObject(item, origin, locate, where, ctx.out);
  if (!dropFromTree(doc, dropped.map((p) => [i, ...p]))) forgetTree(ctx.out);
}

function reportTooDeep(offset: number, index: number, ctx: FileContext): void {
  const origin: Origin = { source: ctx.source, ...ctx.pos(offset), doc: index };
  const message = `YAML: nested more than ${MAX_YAML_DEPTH} levels deep; document skipped`;
  ctx.out.diagnostics.push({ severity: 'error', code: 'parse-error', message, origin });
}

function toJs(doc: Document.Parsed, origin: Origin, ctx: FileContext): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const exhausted = e instanceof ReferenceError && /alias/i.test(e.message);
    const what = exhausted ? yamlMessages.RESOURCE_EXHAUSTION : 'the document cannot be converted to data';
    ctx.out.diagnostics.push({ severity: 'error', code: 'parse-error', message: `YAML: ${what}; document skipped`, origin });
    return undefined;
  }
}

function reportErrors(errors: readonly YAMLError[], ctx: FileContext, doc: number | undefined, severity: 'error' | 'warning'): void {
  for (const e of errors) {
    if (--ctx.errorBudget < 0) continue;
    ctx.out.diagnostics.push(yamlDiagnostic(e, ctx, doc, severity));
  }
}

function yamlDiagnostic(e: YAMLError, ctx: FileContext, doc: number | undefined, severity: 'error' | 'warning'): Diagnostic {
  const text = (yamlMessages as Record<string, string | undefined>)[e.code] ?? 'syntax error';
  const origin: Origin = { source: ctx.source, ...ctx.pos(e.pos[0]) };
  if (doc !== undefined) origin.doc = doc;
  const suffix = severity === 'error' && doc !== undefined ? '; document skipped' : '';
  return { severity, code: 'parse-error', message: `YAML: ${text}${suffix}`, origin };
}

function startOf(node: unknown, pos: Pos): { line: number; col: number } | undefined {
  return isNode(node) && node.range ? pos(node.range[0]) : undefined;
}

/** Position of the node at `prefix + path`, or of its nearest ancestor that exists in the text. */
function makeLocate(doc: Document.Parsed, prefix: readonly PathSegment[], pos: Pos): Locate {
  return (path) => {
    const full = [...prefix, ...path];
    for (let n = full.length; n > 0; n--) {
      const found = startOf(doc.getIn(full.slice(0, n), true), pos);
      if (found !== undefined) return found;
    }
    return startOf(doc.contents, pos);
  };
}

/**
 * The syntax tree stays alive for `locate`, so Secret payloads are deleted from it too. Returns
 * false when a payload is reachable only through an alias and could not be deleted.
 */
function dropFromTree(doc: Document.Parsed, paths: readonly PathSegment[][]): boolean {
  let ok = true;
  for (const p of paths) {
    for (const field of ['data', 'stringData']) {
      try {
        doc.deleteIn([...p, field]);
      } catch {
        ok = false; // the path goes through an alias
      }
    }
  }
  return ok;
}

/** Drops the last input's `locate` (and with it the syntax tree): it may still hold Secret data. */
function forgetTree(out: ParseResult): void {
  const last = out.inputs[out.inputs.length - 1];
  if (last !== undefined) delete last.locate;
}
