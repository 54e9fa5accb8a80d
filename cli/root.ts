// The package root (where public/demo and scripts/ live): the nearest directory above this module
// that holds a package.json. Bundled, this module runs from dist/cli/ or from one of its chunks
// (dist/cli/chunks/), in a clone or in an installed package.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  if (process.env.RBAC_ATLAS_ROOT) return process.env.RBAC_ATLAS_ROOT;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(here, '..', '..');
  }
}
