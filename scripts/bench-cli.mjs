// The CLI benchmark: bundles the CLI (dist/cli/main.mjs, so that bin/rbac-atlas.mjs runs the current
// sources) and the benchmark (bench/cli-bench.ts -> dist/bench/cli-bench.mjs), then runs the benchmark
// with the given arguments. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli, CLI_ENTRY } from './lib/cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await bundleCli(root, [CLI_ENTRY, { in: 'bench/cli-bench.ts', out: 'bench/cli-bench' }], 'dist', { sourcemap: 'linked' });
const run = spawnSync(process.execPath, [path.join(root, 'dist/bench/cli-bench.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
