// Bundles what the product runs with esbuild: the CLI (cli/main.ts -> dist/cli/main.mjs and the chunks
// its commands import on demand, dist/cli/chunks) and the web server's gate (lib/server/main.ts ->
// dist/server/main.mjs). Runs from "prepare", so `npm ci` leaves a working `npx rbac-atlas` and
// `npm start`. It builds nothing else: the benchmarks (scripts/bench.mjs, scripts/bench-cli.mjs), the
// generator (scripts/gen-cluster.mjs) and the fake cluster (scripts/fake-cluster.mjs) bundle what they
// run themselves. The server's dependencies stay external (loaded from node_modules at run time); the
// CLI bundles its small ones (bundleCliProgram).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCliProgram, bundleServerProgram, CLI_ENTRY, SERVER_ENTRY, WORKER_ENTRY } from './lib/cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const started = Date.now();
await Promise.all([
  bundleCliProgram(root, 'dist', { sourcemap: 'linked' }),
  bundleServerProgram(root, 'dist', { sourcemap: 'linked' }),
]);
if (!process.env.CI_QUIET) console.log(`built dist/${CLI_ENTRY.out}.mjs, dist/${SERVER_ENTRY.out}.mjs, dist/${WORKER_ENTRY.out}.mjs in ${Date.now() - started} ms`);
