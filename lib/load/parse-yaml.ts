// YAML multi-document parsing with positions. Each document with syntax errors is reported and
// skipped; the others still load. Messages come from a fixed table keyed on the parser's error code,
// because the parser's own messages can quote the offending text (which may be Secret data).
//
// Anchors and aliases (`&a`, `*a`, `<<: *a`) could copy a Secret's data or stringData, or the whole
// Secret, into another object before the loader drops the Secret's payload. A document in which an
// alias refers to a Secret (or anything that contains one) or to a node inside its payload is
// skipped whole, with an error, so that Secret content never reaches another object.
import { type Document, type ErrorCode, LineCounter, type Node, type YAMLError, isAlias, isCollection, isMap, isNode, isScalar, isSeq, visit } from 'yaml';
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

/** The message for a YAML parser error code: never the parser's own text, which can quote the input. */
export function yamlErrorText(code: string): string {
  return (yamlMessages as Record<string, string | undefined>)[code] ?? 'syntax error';
}

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
  const firstInput = ctx.out.inputs.length;
  /** per input of this document: the paths of its Secrets in the document */
  const collected: { input: number; secrets: PathSegment[][] }[] = [];
  if (isSeq(root) && Array.isArray(value)) {
    value.forEach((item: unknown, i) => collected.push({ secrets: collectItem(doc, item, i, origin, ctx), input: ctx.out.inputs.length - 1 }));
  } else {
    const locate = makeLocate(doc, [], ctx.pos);
    collected.push({ secrets: collectObject(value, origin, locate, `document ${index + 1}`, ctx.out), input: ctx.out.inputs.length - 1 });
  }
  const alias = aliasIntoSecret(doc, collected.flatMap((c) => c.secrets));
  if (alias === undefined) {
    // the syntax tree stays alive for positions: the payloads go from it too
    for (const c of collected) if (!dropFromTree(doc, c.secrets)) forgetTree(ctx.out, c.input);
  } else {
    ctx.out.inputs.length = firstInput; // nothing of this document is kept
    const at = alias.range ? ctx.pos(alias.range[0]) : {};
    ctx.out.diagnostics.push({
      severity: 'error',
      code: 'parse-error',
      message: 'YAML: an alias or merge key (*name, <<: *name) refers to a Secret or to its data; document skipped so that no Secret value reaches another object',
      origin: { source: ctx.source, ...at, doc: index },
    });
  }
}

/** A top-level sequence: each item is an object of its own. Returns the paths of its Secrets. */
function collectItem(doc: Document.Parsed, item: unknown, i: number, docOrigin: Origin, ctx: FileContext): PathSegment[][] {
  const locate = makeLocate(doc, [i], ctx.pos);
  const origin: Origin = { ...docOrigin, ...locate([]), item: i };
  const where = `item ${i + 1} of the top-level list in document ${(docOrigin.doc ?? 0) + 1}`;
  return collectObject(item, origin, locate, where, ctx.out).map((p) => [i, ...p]);
}

/**
 * The first alias of `doc` that copies Secret content: one that refers to a node holding a Secret
 * (the Secret itself or one of its ancestors) or to a node inside a Secret's data or stringData.
 * A Secret that is not a plain node of the tree (built through an alias or a merge key) counts as
 * reached. `secrets`: paths of the Secrets in the document's data (as dropSecretData found them).
 */
function aliasIntoSecret(doc: Document.Parsed, secrets: readonly PathSegment[][]): Node | undefined {
  if (secrets.length === 0) return undefined;
  const aliases: Node[] = [];
  visit(doc, { Alias: (_, node) => void aliases.push(node) });
  if (aliases.length === 0) return undefined;
  const guarded = new Set<unknown>();
  for (const p of secrets) {
    let node: unknown = doc.contents;
    const chain: unknown[] = [node];
    for (const segment of p) {
      node = isCollection(node) ? node.get(segment, true) : undefined;
      if (node === undefined || isAlias(node)) return aliases[0]; // a Secret the tree does not hold as such
      chain.push(node);
    }
    if (!isMap(node)) return aliases[0];
    for (const n of chain) guarded.add(n);
    for (const field of ['data', 'stringData']) {
      const payload = node.get(field, true);
      if (!isNode(payload)) continue;
      guarded.add(payload);
      visit(payload, { Node: (_, inner) => void guarded.add(inner) });
    }
  }
  return aliases.find((a) => isAlias(a) && guarded.has(a.resolve(doc)));
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
  const text = yamlErrorText(e.code);
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

/** Drops an input's `locate` (and with it the syntax tree): it may still hold Secret data. */
function forgetTree(out: ParseResult, input: number): void {
  const kept = out.inputs[input];
  if (kept !== undefined) delete kept.locate;
}
