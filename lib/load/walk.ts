// Expands the paths given on the command line into the files to read, in a deterministic order.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../engine/types';
import { AtlasError } from '../errors';

export const STDIN_PATH = '-';
export const STDIN_SOURCE = '<stdin>';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface InputFile {
  /**
   * the name used in diagnostics: the path as given, or joined under the directory as given; with
   * `names: 'relative'`, relative to what was given (a file's base name, a directory's base name
   * joined with the path inside it), so that no directory above it shows (the web app)
   */
  source: string;
  /** what to open; STDIN_PATH for standard input */
  path: string;
}

export interface Expansion {
  files: InputFile[];
  diagnostics: Diagnostic[];
}

interface WalkState extends Expansion {
  /** real paths of the files and directories already taken: dedupes and stops symlink loops */
  seen: Set<string>;
}

/**
 * Files named directly are read whatever their extension. Directories are read recursively:
 * `.yaml`, `.yml` and `.json` files, sorted by name, skipping hidden entries and node_modules.
 * A path that is missing or unreadable throws AtlasError('bad-input').
 */
export async function expandPaths(paths: readonly string[], options: { names?: FileNames } = {}): Promise<Expansion> {
  const state: WalkState = { files: [], diagnostics: [], seen: new Set() };
  for (const p of paths) {
    if (p === STDIN_PATH) addOnce(state, STDIN_PATH, { source: STDIN_SOURCE, path: STDIN_PATH });
    else await expandPath(p, state, options.names === 'relative' ? relativeLabel(p) : p);
  }
  return { files: state.files, diagnostics: state.diagnostics };
}

/** How files are named in diagnostics: as given (the CLI), or relative to what was given (the web app). */
export type FileNames = 'as-given' | 'relative';

/** The name of a given path without what is above it: its base name. */
export function relativeLabel(p: string): string {
  return path.basename(path.resolve(p)) || '.';
}

async function expandPath(p: string, state: WalkState, label: string): Promise<void> {
  const info = await stat(p).catch((e: unknown) => {
    throw unreadable(p, e, label);
  });
  const real = await realpath(p).catch((e: unknown) => {
    throw unreadable(p, e, label);
  });
  if (info.isDirectory()) await walkDirectory(p, real, state, label);
  else addOnce(state, real, { source: label, path: p });
}

async function walkDirectory(dir: string, real: string, state: WalkState, label: string): Promise<void> {
  if (state.seen.has(real)) return; // already read, or a symlink loop
  state.seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => {
    throw unreadable(dir, e, label);
  });
  const names = entries.filter((e) => !isSkipped(e.name)).map((e) => e.name);
  for (const name of names.sort(compareNames)) {
    await walkEntry(path.join(dir, name), state, path.join(label, name));
  }
}

async function walkEntry(p: string, state: WalkState, label: string): Promise<void> {
  let info;
  let real;
  try {
    info = await stat(p);
    real = await realpath(p);
  } catch {
    state.diagnostics.push({
      severity: 'warning',
      code: 'partial-data',
      message: 'broken symbolic link or vanished file; skipped',
      origin: { source: label },
    });
    return;
  }
  if (info.isDirectory()) await walkDirectory(p, real, state, label);
  else if (info.isFile() && hasManifestExtension(p)) addOnce(state, real, { source: label, path: p });
}

function addOnce(state: WalkState, key: string, file: InputFile): void {
  if (state.seen.has(key)) return;
  state.seen.add(key);
  state.files.push(file);
}

function isSkipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

function hasManifestExtension(p: string): boolean {
  return MANIFEST_EXTENSIONS.has(path.extname(p).toLowerCase());
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The error for a path that cannot be read; the browser's message names it by `label` (default: its base name). */
export function unreadable(p: string, e: unknown, label: string = relativeLabel(p)): AtlasError {
  const reason = errnoReason(e);
  return new AtlasError('bad-input', `cannot read ${p}: ${reason}`, { path: p, browserMessage: `cannot read ${label}: ${reason}` }, { cause: e });
}

function errnoReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return typeof code === 'string' ? code : 'unknown error';
  }
}
