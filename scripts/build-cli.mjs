// Bundles the CLI with esbuild: cli/main.ts and the lib/ code it imports -> dist/cli/main.mjs.
// Runs from "prepare", so `npm ci` leaves a working `npx rbac-atlas`. It builds nothing else: the
// benchmarks (scripts/bench.mjs, scripts/bench-cli.mjs), the generator (scripts/gen-cluster.mjs) and
// the fake cluster (scripts/fake-cluster.mjs) bundle what they run themselves.
// Dependencies stay external (loaded from node_modules at run time).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCliProgram, CLI_ENTRY } from './lib/cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const started = Date.now();
await bundleCliProgram(root, 'dist', { sourcemap: 'linked' });
if (!process.env.CI_QUIET) console.log(`built dist/${CLI_ENTRY.out}.mjs in ${Date.now() - started} ms`);
