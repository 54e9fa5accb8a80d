// The CLI benchmarks. Builds the CLI as `npm ci` does (scripts/build-cli.mjs: dist/cli/main.mjs and its
// chunks, so that bin/rbac-atlas.mjs runs the current sources), bundles the benchmark, then runs it:
//   node scripts/bench-cli.mjs startup [--runs 5] [--check]   short commands as whole processes against
//                                                             `node -e 0` (bench/cli-startup.ts; npm run bench:cli)
//   node scripts/bench-cli.mjs [query] [--sizes 5000] ...     `rbac-atlas query` throughput (bench/cli-bench.ts)
// See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli, bundleCliProgram } from './lib/cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const mode = args[0] === 'startup' || args[0] === 'query' ? args.shift() : 'query';
const bench = mode === 'startup' ? 'bench/cli-startup' : 'bench/cli-bench';
await Promise.all([
  bundleCliProgram(root, 'dist', { sourcemap: 'linked' }),
  bundleCli(root, [{ in: `${bench}.ts`, out: bench }], 'dist', { sourcemap: 'linked' }),
]);
const run = spawnSync(process.execPath, [path.join(root, 'dist', `${bench}.mjs`), ...args], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
