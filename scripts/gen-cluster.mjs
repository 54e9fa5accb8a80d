#!/usr/bin/env node
// Writes a seeded synthetic cluster (kind: List, one item per line) for benchmarks and scale tests.
//
//   node scripts/gen-cluster.mjs --namespaces 1000 [--teams-per-ns 2] [--seed 1] [--no-bootstrap] --out /tmp/c.json
//
// Bundles testing/cluster/write-cluster.ts into dist/gen-cluster/ first (Node 20 cannot run .ts).
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { bundleCli } from './lib/cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    namespaces: { type: 'string', short: 'n' },
    'teams-per-ns': { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'no-bootstrap': { type: 'boolean', default: false },
    out: { type: 'string', short: 'o' },
  },
});
const namespaces = Number(values.namespaces);
if (!Number.isInteger(namespaces) || namespaces < 0 || !values.out) {
  console.error('usage: node scripts/gen-cluster.mjs --namespaces N [--teams-per-ns K] [--seed S] [--no-bootstrap] --out FILE');
  process.exit(64);
}
await bundleCli(root, [{ in: 'testing/cluster/write-cluster.ts', out: 'write-cluster' }], 'dist/gen-cluster');
const outfile = path.join(root, 'dist/gen-cluster/write-cluster.mjs');
const { writeClusterFile } = await import(pathToFileURL(outfile).href);
const stats = await writeClusterFile(path.resolve(values.out), {
  namespaces,
  teamsPerNs: Number(values['teams-per-ns']),
  seed: Number(values.seed),
  bootstrap: !values['no-bootstrap'],
});
const mib = (stats.bytes / 1048576).toFixed(1);
const rss = (process.resourceUsage().maxRSS / 1024).toFixed(0);
console.log(`${stats.path}: ${stats.objects} objects, ${mib} MiB in ${(stats.ms / 1000).toFixed(2)} s (peak RSS ${rss} MiB)`);
