// The package root (where public/demo and scripts/ live), from the location of this module:
// bundled, it runs as dist/cli/main.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  if (process.env.RBAC_ATLAS_ROOT) return process.env.RBAC_ATLAS_ROOT;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}
