// Bundles the CLI, the web server's gate (and the benchmark, if present) with esbuild: TypeScript in
// cli/ and lib/ -> dist/cli/main.mjs, dist/server/main.mjs. Runs from "prepare", so `npm ci` leaves a working `npx rbac-atlas`.
// Dependencies stay external (loaded from node_modules at run time).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './lib/cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const entries = [
  { in: 'cli/main.ts', out: 'cli/main' },
  { in: 'lib/server/main.ts', out: 'server/main' },
  { in: 'lib/bench/run.ts', out: 'bench/run' },
  { in: 'lib/bench/cli-bench.ts', out: 'bench/cli-bench' },
].filter((e) => existsSync(path.join(root, e.in)));

const started = Date.now();
await bundleCli(root, entries, 'dist', { sourcemap: 'linked' });
if (!process.env.CI_QUIET) console.log(`built ${entries.map((e) => `dist/${e.out}.mjs`).join(', ')} in ${Date.now() - started} ms`);
