// parseAllDocuments, with a nesting limit checked on the concrete syntax tree before any document
// is composed. yaml composes recursively and turns a stack overflow into an error, but a stack that
// close to its limit can also make V8 abort the whole process while compiling a regular expression
// ("FATAL ERROR: RegExpCompiler Allocation failed", seen on Node 20 with ~1000 nested levels). The
// lexer and parser are iterative, so checking their output first is safe.
import { type CST, Composer, type Document, type DocumentOptions, type ParseOptions, Parser, type SchemaOptions } from 'yaml';

/** Far deeper than any Kubernetes object (deep CRD schemas reach a few dozen), far from the stack limit (~1000). */
export const MAX_YAML_DEPTH = 100;

export interface YamlStream {
  docs: Document.Parsed[];
  /** documents left empty because they nest deeper than MAX_YAML_DEPTH: index → offset of the content */
  tooDeep: Map<number, number>;
  /** errors outside any document (only reported when there is no document) */
  streamErrors: Document.Parsed['errors'];
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

export function composeDocuments(text: string, onNewLine: (offset: number) => void, options: Options): YamlStream {
  const parser = new Parser(onNewLine);
  const composer = new Composer(options);
  const docs: Document.Parsed[] = [];
  const tooDeep = new Map<number, number>();
  let index = 0;
  for (const token of parser.parse(text)) {
    if (token.type === 'document') {
      if (token.value !== undefined && nestsDeeperThan(token.value, MAX_YAML_DEPTH)) {
        tooDeep.set(index, token.value.offset);
        delete token.value; // composed as an empty document, so the numbering of documents holds
      }
      index++;
    }
    for (const doc of composer.next(token)) docs.push(doc);
  }
  for (const doc of composer.end()) docs.push(doc);
  return { docs, tooDeep, streamErrors: docs.length === 0 ? composer.streamInfo().errors : [] };
}

/** Iterative depth-first walk over collection tokens. */
function nestsDeeperThan(root: CST.Token, limit: number): boolean {
  const stack: [CST.Token, number][] = [[root, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [token, depth] = top;
    if (!('items' in token)) continue;
    if (depth + 1 > limit) return true;
    for (const item of token.items) {
      if (item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return false;
}
