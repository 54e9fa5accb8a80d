// Bundles the CLI (and the benchmark, if present) with esbuild: TypeScript in cli/ and lib/ ->
// dist/cli/main.mjs. Runs from "prepare", so `npm ci` leaves a working `npx rbac-atlas`.
// Dependencies stay external (loaded from node_modules at run time).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const entries = [
  { in: 'cli/main.ts', out: 'cli/main' },
  { in: 'lib/bench/run.ts', out: 'bench/run' },
  { in: 'lib/bench/cli-bench.ts', out: 'bench/cli-bench' },
].filter((e) => existsSync(path.join(root, e.in)));

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  alias: { '@': root },
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
if (!process.env.CI_QUIET) console.log(`built ${entries.map((e) => `dist/${e.out}.mjs`).join(', ')} in ${Date.now() - started} ms`);
