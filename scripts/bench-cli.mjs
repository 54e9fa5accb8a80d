// Builds the CLI and the benchmarks (scripts/build-cli.mjs), then runs dist/bench/cli-bench.mjs (the CLI query benchmark) with the given arguments.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit', cwd: root, env: { ...process.env, CI_QUIET: '1' } });
if (built.status !== 0) process.exit(built.status ?? 1);
const run = spawnSync(process.execPath, [path.join(root, 'dist/bench/cli-bench.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
