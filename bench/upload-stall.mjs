#!/usr/bin/env node
// `npm run bench:upload`: does a large upload stall the other requests of the web server?
//
// Starts the production server (dist/server/main.mjs: Next behind its gate) on a free 127.0.0.1 port,
// then for each size (default 16 and 48 MB): generates a YAML file of small documents
// (ServiceAccounts over 1,000 namespaces, a RoleBinding every 50; cached in .bench/), uploads it
// (multipart/form-data, as the browser does) while another client asks GET /api/health every 50 ms,
// and reports how long the upload took, the slowest and the p99 health answer during it, and the
// server's RSS before, right after, and after five small uploads have pushed the large one out (the
// store keeps the 5 newest uploads). Writes .bench/upload-stall-latest.json.
//
//   npm run bench:upload -- [--sizes 16,48] [--no-build]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePortOnLoopback, readRss } from '../scripts/lib/bench-load-lib.mjs';
import { ensureBuilt, ROOT, serverUrl, startNext, waitUntilReady } from '../scripts/lib/next-server.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '16,48' }, 'no-build': { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number);
if (sizes.some((n) => !(n > 0 && n < 50))) {
  console.error('bench:upload: --sizes takes sizes in MB, each under 50 (the default upload cap)');
  process.exit(64);
}
const BENCH_DIR = path.join(ROOT, '.bench');
mkdirSync(BENCH_DIR, { recursive: true });
const log = (line) => console.log(`[bench:upload] ${line}`);

/** A YAML stream of small documents, `mb` MB: ServiceAccounts in 1,000 namespaces, and a RoleBinding every 50 documents. */
function uploadFile(mb) {
  const file = path.join(BENCH_DIR, `upload-${mb}mb.yaml`);
  if (existsSync(file)) return file;
  const target = mb * 1024 * 1024;
  const parts = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const ns = `team-${i % 1000}`;
    const doc =
      i % 50 === 0
        ? `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: rb-${i}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}\nsubjects: [{kind: ServiceAccount, name: sa-${i + 1}, namespace: ${ns}}]\n`
        : `---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa-${i}, namespace: ${ns}}\n`;
    parts.push(doc);
    size += doc.length;
  }
  writeFileSync(file, parts.join(''));
  log(`generated ${path.relative(ROOT, file)}: ${parts.length} documents, ${(size / 1024 / 1024).toFixed(1)} MB`);
  return file;
}

function upload(url, name, bytes) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return fetch(`${url}/api/upload`, { method: 'POST', body: form, headers: { origin: url } });
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Asks /api/health every `everyMs` until stop() is called; each answer's latency. */
function pollHealth(url, everyMs = 50) {
  const latencies = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return latencies;
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (!values['no-build']) await ensureBuilt({ log });
  const port = await freePortOnLoopback();
  const url = serverUrl('127.0.0.1', port);
  const child = startNext({ port, host: '127.0.0.1', env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const results = [];
  try {
    await waitUntilReady(`${url}/api/health`, { child, timeoutMs: 60_000 });
    await (await fetch(`${url}/api/source`)).arrayBuffer(); // loads the demo
    const small = readFileSync(path.join(ROOT, 'public/demo/demo-cluster.json'));
    for (const mb of sizes) {
      const bytes = readFileSync(uploadFile(mb));
      await sleep(1_000);
      const rssBefore = readRss(child.pid);
      const stop = pollHealth(url);
      const t = performance.now();
      const res = await upload(url, `upload-${mb}mb.yaml`, bytes);
      const body = await res.json();
      const uploadMs = Math.round(performance.now() - t);
      const health = (await stop()).sort((a, b) => a - b);
      const rssAfter = readRss(child.pid);
      // five small uploads push the large one out of the store (it keeps the 5 newest)
      for (let i = 0; i < 5; i++) await (await upload(url, `small-${i}.json`, small)).arrayBuffer();
      await sleep(3_000);
      const rssDropped = readRss(child.pid);
      const r = {
        mb,
        status: res.status,
        objects: body.source?.objects,
        uploadMs,
        health: { answers: health.length, p50Ms: Math.round(percentile(health, 50)), p99Ms: Math.round(percentile(health, 99)), maxMs: Math.round(health.at(-1) ?? 0) },
        rssMiB: { before: rssBefore.rssMiB, afterUpload: rssAfter.rssMiB, afterDropped: rssDropped.rssMiB, peak: rssDropped.hwmMiB },
      };
      results.push(r);
      log(`${mb} MB: ${r.status} in ${uploadMs} ms (${r.objects ?? '?'} objects); /api/health during it: ${r.health.answers} answers, p50 ${r.health.p50Ms} ms, p99 ${r.health.p99Ms} ms, max ${r.health.maxMs} ms; RSS ${r.rssMiB.before} -> ${r.rssMiB.afterUpload} MiB, ${r.rssMiB.afterDropped} MiB once dropped (peak ${r.rssMiB.peak})`);
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  const report = { when: new Date().toISOString(), loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length, results };
  writeFileSync(path.join(BENCH_DIR, 'upload-stall-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`machine: ${report.cpus} cores, load average ${report.loadAvg.join(' ')}; .bench/upload-stall-latest.json`);
}

main().catch((e) => {
  console.error(`[bench:upload] failed: ${e?.stack ?? e}`);
  process.exit(1);
});
