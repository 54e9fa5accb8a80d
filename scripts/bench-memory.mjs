// `npm run bench:memory`: bundles bench/memory.ts (Node 20 cannot run .ts) and runs it with --expose-gc
// on the demo, the realistic-large dataset and the generated clusters of `npm run bench:load`
// (.bench/cluster-*.json, when present), or on the files given.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './lib/cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await bundleCli(root, [{ in: 'bench/memory.ts', out: 'bench/memory' }], 'dist', { sourcemap: 'linked' });
const given = process.argv.slice(2);
const benchDir = path.join(root, '.bench');
const files = given.length
  ? given
  : [
      'public/demo/demo-cluster.json',
      'lib/testdata/datasets/realistic-large.json',
      ...(existsSync(benchDir) ? readdirSync(benchDir).filter((f) => /^cluster-\d+ns-seed\d+\.json$/.test(f)).sort((a, b) => parseInt(a.slice(8)) - parseInt(b.slice(8))).map((f) => path.join('.bench', f)) : []),
    ];
const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'dist/bench/memory.mjs'), ...files], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
