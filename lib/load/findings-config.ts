// The scan configuration file (`.rbac-atlas.yaml`) from disk: the one place that finds and reads it,
// for `rbac-atlas scan`, `rbac-atlas serve` and the web app. Parsing is the engine's (pure,
// lib/engine/findings/config-parse.ts); this adapter only decides which file and reads it. Which file
// applies is decided without the parser (findings-config-file.ts): the CLI imports this module only
// when there is a file to read.
import { parseFindingsConfig } from '../engine/findings/config-parse';
import type { FindingsConfig } from '../engine/findings/config';
import { AtlasError } from '../errors';
import { readUserFile } from './findings-config-file';

export { CONFIG_FILE, findingsConfigPath, readUserFile } from './findings-config-file';

/** Reads and parses a config file; a file that cannot be read or is invalid is a usage error listing every problem with its line. */
export function readFindingsConfig(file: string): FindingsConfig {
  const parsed = parseFindingsConfig(readUserFile(file, 'config file'), file);
  if (!parsed.ok) throw new AtlasError('usage', `invalid config file:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.config;
}
