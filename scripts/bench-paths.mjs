#!/usr/bin/env node
// Benchmark of `rbac-atlas paths`: every path of every subject (sinks cluster-admin and node), on the
// demo, realistic-large and a generated cluster, in a child process per input so that peak RSS is
// per input. Prints a Markdown table (for docs/benchmarks.md).
//
//   node scripts/bench-paths.mjs [--namespaces 5000] [--runs 3] [--file cluster.json]
//
// The generated cluster comes from scripts/gen-cluster.mjs (cached in $TMPDIR/rbac-atlas-bench).
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    namespaces: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    file: { type: 'string' },
  },
});

// The measurement itself: TypeScript bundled with esbuild (Node 20 cannot run .ts).
const entry = `
import { loadFiles } from './lib/load/files';
import { buildIndex } from './lib/engine/query-index';
import { findPaths, preparePaths } from './lib/engine/paths';
const [file, runsArg] = process.argv.slice(2);
const ms = (t) => performance.now() - t;
let t = performance.now();
const { snapshot } = await loadFiles([file]);
const loadMs = ms(t);
t = performance.now();
const index = buildIndex(snapshot);
const indexMs = ms(t);
const runs = [];
let result;
for (let i = 0; i < Number(runsArg); i++) {
  const idx = i === 0 ? index : buildIndex(snapshot);
  t = performance.now();
  const cpu = process.cpuUsage();
  const prepared = preparePaths(idx);
  const prepareMs = ms(t);
  const answer = findPaths(prepared, {});
  const used = process.cpuUsage(cpu);
  runs.push({ prepareMs, totalMs: ms(t), cpuMs: (used.user + used.system) / 1000 });
  const edges = prepared.graph.states.reduce((n, s) => n + s.out.length + s.fanout.length, 0);
  result ??= { paths: answer.paths.length, subjects: new Set(answer.paths.map((p) => p.from.kind + '/' + (p.from.namespace ?? '') + '/' + p.from.name)).size, states: prepared.graph.states.length, edges };
  if (i === 0) result.heapMiB = process.memoryUsage().heapUsed / 1048576;
}
const objects = ['roles', 'clusterRoles', 'roleBindings', 'clusterRoleBindings', 'serviceAccounts', 'pods', 'namespaces'].reduce((n, k) => n + snapshot[k].length, 0);
console.log(JSON.stringify({ objects, loadMs, indexMs, runs, ...result, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
`;
const outfile = path.join(root, 'dist/bench/paths.mjs');
await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });

let generated = values.file;
if (!generated) {
  const dir = path.join(os.tmpdir(), 'rbac-atlas-bench');
  mkdirSync(dir, { recursive: true });
  generated = path.join(dir, `paths-${values.namespaces}.json`);
  if (!existsSync(generated)) execFileSync(process.execPath, [path.join(root, 'scripts/gen-cluster.mjs'), '--namespaces', values.namespaces, '--out', generated], { stdio: 'inherit' });
}

const inputs = [
  ['demo', path.join(root, 'public/demo/demo-cluster.json')],
  ['realistic-large', path.join(root, 'lib/testdata/datasets/realistic-large.json')],
  [values.file ? path.basename(values.file) : `generated, ${values.namespaces} namespaces`, generated],
];
const rows = [];
for (const [name, file] of inputs) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=6144', outfile, file, values.runs], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  const first = m.runs[0];
  const best = m.runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const n = (x) => Math.round(x).toLocaleString('en');
  rows.push([name, n(m.objects), n(m.subjects), n(m.paths), `${n(m.states)} / ${n(m.edges)}`, n(m.loadMs + m.indexMs), n(first.prepareMs), `${n(first.totalMs)} (cpu ${n(first.cpuMs)})`, `${n(best.totalMs)} (cpu ${n(best.cpuMs)})`, n(m.heapMiB), n(m.peakRssMiB)]);
  process.stderr.write(`${name}: ${n(first.totalMs)} ms first, ${n(best.totalMs)} ms best of ${m.runs.length}\n`);
}
const header = ['input', 'objects', 'subjects with a path', 'paths', 'states / edges', 'load + index ms', 'prepare ms', 'paths ms (first run)', 'paths ms (best run)', 'heap MiB', 'peak RSS MiB'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
