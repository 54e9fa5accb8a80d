// The scan configuration file (`.rbac-atlas.yaml`) on disk: its name, which file applies, and reading a
// small user file. Without the config's parser (findings-config.ts), so that the CLI's option specs and
// a scan with no config file load neither the YAML parser nor zod.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { FindingsConfig } from '../engine/findings/config';
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

/**
 * --config FILE / --no-config / `.rbac-atlas.yaml` in the working directory, read and parsed; undefined
 * when there is none. The parser (findings-config.ts: YAML, zod) is imported only when a file applies.
 */
export async function loadFindingsConfig(option: string | false | undefined, cwd = process.cwd()): Promise<FindingsConfig | undefined> {
  const file = findingsConfigPath(option, cwd);
  return file === undefined ? undefined : (await import('./findings-config')).readFindingsConfig(file);
}
