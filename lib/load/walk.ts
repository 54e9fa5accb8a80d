// Expands the paths given on the command line into the files to read, in a deterministic order.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../engine/types';
import { AtlasError } from '../errors';

export const STDIN_PATH = '-';
export const STDIN_SOURCE = '<stdin>';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface InputFile {
  /** the name used in diagnostics: the path as given, or joined under the directory as given */
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
export async function expandPaths(paths: readonly string[]): Promise<Expansion> {
  const state: WalkState = { files: [], diagnostics: [], seen: new Set() };
  for (const p of paths) {
    if (p === STDIN_PATH) addOnce(state, STDIN_PATH, { source: STDIN_SOURCE, path: STDIN_PATH });
    else await expandPath(p, state);
  }
  return { files: state.files, diagnostics: state.diagnostics };
}

async function expandPath(p: string, state: WalkState): Promise<void> {
  const info = await stat(p).catch((e: unknown) => {
    throw unreadable(p, e);
  });
  const real = await realpath(p).catch((e: unknown) => {
    throw unreadable(p, e);
  });
  if (info.isDirectory()) await walkDirectory(p, real, state);
  else addOnce(state, real, { source: p, path: p });
}

async function walkDirectory(dir: string, real: string, state: WalkState): Promise<void> {
  if (state.seen.has(real)) return; // already read, or a symlink loop
  state.seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true }).catch((e: unknown) => {
    throw unreadable(dir, e);
  });
  const names = entries.filter((e) => !isSkipped(e.name)).map((e) => e.name);
  for (const name of names.sort(compareNames)) {
    await walkEntry(path.join(dir, name), state);
  }
}

async function walkEntry(p: string, state: WalkState): Promise<void> {
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
      origin: { source: p },
    });
    return;
  }
  if (info.isDirectory()) await walkDirectory(p, real, state);
  else if (info.isFile() && hasManifestExtension(p)) addOnce(state, real, { source: p, path: p });
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

export function unreadable(p: string, e: unknown): AtlasError {
  const reason = errnoReason(e);
  return new AtlasError('bad-input', `cannot read ${p}: ${reason}`, { path: p }, { cause: e });
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
