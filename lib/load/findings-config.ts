// The scan configuration file (`.rbac-atlas.yaml`) from disk: the one place that finds and reads it,
// for `rbac-atlas scan`, `rbac-atlas serve` and the web app. Parsing is the engine's (pure,
// lib/engine/findings/config.ts); this adapter only decides which file and reads it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFindingsConfig, type FindingsConfig } from '../engine/findings/config';
import { AtlasError } from '../errors';

export const CONFIG_FILE = '.rbac-atlas.yaml';

/** A small text file the user named (config, baseline); a file that cannot be read is a usage error. */
export function readUserFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AtlasError('usage', `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
  }
}

/**
 * Which config file applies: FILE for --config FILE, none for --no-config (false), else
 * `.rbac-atlas.yaml` in `cwd` if there is one (returned as that relative name when cwd is the process's).
 */
export function findingsConfigPath(option: string | false | undefined, cwd = process.cwd()): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return option;
  const found = path.join(cwd, CONFIG_FILE);
  if (!existsSync(found)) return undefined;
  return path.resolve(cwd) === process.cwd() ? CONFIG_FILE : found;
}

/** Reads and parses a config file; a file that cannot be read or is invalid is a usage error listing every problem with its line. */
export function readFindingsConfig(file: string): FindingsConfig {
  const parsed = parseFindingsConfig(readUserFile(file, 'config file'), file);
  if (!parsed.ok) throw new AtlasError('usage', `invalid config file:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.config;
}

/** --config FILE / --no-config / `.rbac-atlas.yaml` in the working directory, read and parsed; undefined when there is none. */
export function loadFindingsConfig(option: string | false | undefined, cwd = process.cwd()): FindingsConfig | undefined {
  const file = findingsConfigPath(option, cwd);
  return file === undefined ? undefined : readFindingsConfig(file);
}
