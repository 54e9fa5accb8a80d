// `npm run bench:memory`: what a loaded data source costs in memory, per object, and whether it all
// goes back when the source is dropped. For each snapshot file: the V8 heap (used + external) after a
// full GC before loading (after one load of the same file, whose one-time costs are not the source's), after reading and normalizing it (the snapshot), after indexing it (what
// the web server keeps per source), and after dropping both. Run with --expose-gc (the wrapper
// scripts/bench-memory.mjs does). Prints a Markdown table (docs/reliability.md quotes it).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildIndex } from '../lib/engine/query-index';
import { loadFiles } from '../lib/load/files';
import { objectCount } from '../lib/service/source';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('bench:memory: run with node --expose-gc');
  process.exit(64);
}

function heapMiB(): number {
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1024 / 1024;
}

const files = process.argv.slice(2).filter((f) => existsSync(f));
const rows: string[] = [
  '| snapshot | file | objects | snapshot | + index | per object | after dropping |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
/** Loads and indexes `file`; everything it allocated is unreachable once it returns. */
async function load(file: string, before: number) {
  const loaded = await loadFiles([file], { names: 'relative' });
  const snapshotMiB = heapMiB() - before;
  const index = buildIndex(loaded.snapshot);
  const withIndexMiB = heapMiB() - before;
  return { snapshotMiB, withIndexMiB, objects: objectCount(index.snapshot) };
}

for (const file of files) {
  // the first load of a process also keeps code and caches for good (~5 MiB): measure the second
  await load(file, 0);
  const before = heapMiB();
  const { snapshotMiB, withIndexMiB, objects } = await load(file, before);
  const afterMiB = heapMiB() - before;
  const kib = (withIndexMiB * 1024) / objects;
  rows.push(
    `| ${path.basename(file)} | ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB | ${objects.toLocaleString('en-US')} | ${snapshotMiB.toFixed(1)} MiB | ${withIndexMiB.toFixed(1)} MiB | ${kib.toFixed(2)} KiB | ${afterMiB.toFixed(1)} MiB |`,
  );
}
console.log(rows.join('\n'));
