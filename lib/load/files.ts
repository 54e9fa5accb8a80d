// File loader: files, directories and stdin → Snapshot. The only part that touches the disk.
// Content problems become diagnostics and loading goes on; a path that cannot be read throws.
import { type RawInput, buildSnapshot } from '../engine/normalize';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { type YamlParser, looksBinary, needsYamlParser, parseTextWith } from './text-format';
import { type ReadResult, decodeText, readFileLimited, readStreamLimited } from './read';
import { type FileNames, type InputFile, STDIN_PATH, expandPaths, relativeLabel, unreadable } from './walk';

export type { ParseResult } from './text-format';

export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;

/** The size limit of one input: RBAC_ATLAS_MAX_INPUT_BYTES, else 512 MiB (real cluster dumps are far smaller). */
export function maxInputBytes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.RBAC_ATLAS_MAX_INPUT_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_FILE_BYTES;
}

export interface LoadOptions {
  /** read when a path is "-" (default: process.stdin) */
  stdin?: NodeJS.ReadableStream;
  /**
   * an input larger than this (a file by its size, a stream as soon as it passes it) stops the load:
   * AtlasError('bad-input'), exit 65; default RBAC_ATLAS_MAX_INPUT_BYTES, else 512 MiB
   */
  maxFileBytes?: number;
  /** description of the source for snapshot.meta.source; default "files: <paths>" */
  source?: string;
  /**
   * how files are named in diagnostics and the default source description: as given (default, the
   * CLI), or relative to what was given (the web app: no directory of the server above it shows)
   */
  names?: FileNames;
}

export interface LoadResult {
  snapshot: Snapshot;
  /** every file visited, in load order (including those skipped with a diagnostic); "<stdin>" for "-" */
  files: string[];
}

/**
 * Loads Kubernetes objects from files, directories (recursively: .yaml, .yml, .json) and "-"
 * (stdin). Throws AtlasError('bad-input') when a path does not exist or cannot be read, or when an
 * input is over the size limit.
 */
export async function loadFiles(paths: string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const maxBytes = opts.maxFileBytes ?? maxInputBytes();
  const expansion = await expandPaths(paths, { names: opts.names ?? 'as-given' });
  const diagnostics: Diagnostic[] = [...expansion.diagnostics];
  const inputs: RawInput[] = [];
  for (const file of expansion.files) {
    const read = await readInput(file, maxBytes, opts.stdin);
    const parsed = await parseRead(read, file.source, maxBytes);
    // a loop, not push(...items): a file may hold more objects than a call can take arguments
    for (const input of parsed.inputs) inputs.push(input);
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  const snapshot = buildSnapshot(inputs, {
    source: opts.source ?? describeSource(opts.names === 'relative' ? paths.map((p) => (p === STDIN_PATH ? p : relativeLabel(p))) : paths),
    loadedAt: new Date().toISOString(),
    partial: diagnostics.some((d) => d.code === 'input-too-large'),
    diagnostics,
    consumeInputs: true,
  });
  return { snapshot, files: expansion.files.map((f) => f.source) };
}

async function readInput(file: InputFile, maxBytes: number, stdin: NodeJS.ReadableStream | undefined): Promise<ReadResult> {
  if (file.path !== STDIN_PATH) return readFileLimited(file.path, maxBytes);
  try {
    return await readStreamLimited(stdin ?? process.stdin, maxBytes);
  } catch (e) {
    throw e instanceof AtlasError ? e : unreadable(file.source, e);
  }
}

async function parseRead(read: ReadResult, source: string, maxBytes: number): Promise<{ inputs: RawInput[]; diagnostics: Diagnostic[] }> {
  if (!read.ok) throw tooLarge(source, maxBytes, read.size);
  let decoded;
  try {
    decoded = decodeText(read.bytes);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ERR_STRING_TOO_LONG') throw e;
    throw tooLarge(source, maxBytes, read.bytes.length); // longer than a JS string can be
  }
  const parsed = parseTextWith(decoded.text, source, needsYamlParser(decoded.text) ? await yamlParser() : undefined);
  if (decoded.invalidUtf8 && !looksBinary(decoded.text)) {
    parsed.diagnostics.unshift({
      severity: 'warning',
      code: 'parse-error',
      message: 'not valid UTF-8: undecodable bytes were replaced with U+FFFD',
      origin: { source },
    });
  }
  return parsed;
}

/** The YAML parser, imported when the first YAML file is read (a JSON-only load never evaluates it). */
async function yamlParser(): Promise<YamlParser> {
  return (await import('./parse-yaml')).parseYaml;
}

function tooLarge(source: string, maxBytes: number, size: number | undefined): AtlasError {
  const got = size === undefined ? 'larger than' : `${size} bytes, over`;
  const message = `${source} is ${got} the input limit of ${maxBytes} bytes (RBAC_ATLAS_MAX_INPUT_BYTES raises it)`;
  return new AtlasError('bad-input', message, { path: source, browserMessage: message });
}

function describeSource(paths: readonly string[]): string {
  const names = paths.map((p) => (p === STDIN_PATH ? '<stdin>' : p));
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `files: ${shown} (+${names.length - 5} more)` : `files: ${shown}`;
}
