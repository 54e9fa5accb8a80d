// `npm run bench`: bundles the scale benchmark (bench/run.ts -> dist/bench/run.mjs; Node 20 cannot run
// .ts), then runs it with the given arguments. See docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './lib/cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await bundleCli(root, [{ in: 'bench/run.ts', out: 'bench/run' }], 'dist', { sourcemap: 'linked' });
const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'dist/bench/run.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
