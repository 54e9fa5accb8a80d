#!/usr/bin/env node
// `npm run bench:change`: does "try a change", or the Findings page's first scan, stall the other
// requests of the web server on a large cluster?
//
// Starts the production server (dist/server/main.mjs: Next behind its gate) on a free 127.0.0.1 port
// with a generated cluster as its source (scripts/gen-cluster.mjs, default 1,000 namespaces; cached in
// .bench/), then, while another client asks GET /api/health every 50 ms:
//   0. loads the source (GET /api/source);
//   1. opens the Findings page for the first time (the snapshot's first findings analysis, unless the
//      server already made it when it loaded the source), then again (the page's own work);
//   2. applies e2e/testdata/try-change.yaml as a change (POST /api/upload?as=change, multipart);
//   3. asks GET /api/change (the `rbac-atlas diff -o json` document).
// Reports each step's time and the health answers' p50, p99 and max. `--inline` starts the server with
// RBAC_ATLAS_WORKERS=0 (everything on the request thread: the "before"). Writes .bench/change-stall-latest.json.
//
//   npm run bench:change -- [--namespaces 1000] [--inline] [--no-build]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePortOnLoopback } from '../scripts/lib/bench-load-lib.mjs';
import { ensureBuilt, ROOT, serverUrl, startNext, waitUntilReady } from '../scripts/lib/next-server.mjs';

const { values } = parseArgs({ options: { namespaces: { type: 'string', default: '1000' }, inline: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false } } });
const namespaces = Number(values.namespaces);
if (!(Number.isInteger(namespaces) && namespaces > 0)) {
  console.error('bench:change: --namespaces takes a positive integer');
  process.exit(64);
}
const BENCH_DIR = path.join(ROOT, '.bench');
mkdirSync(BENCH_DIR, { recursive: true });
const log = (line) => console.log(`[bench:change] ${line}`);

function clusterFile() {
  const file = path.join(BENCH_DIR, `cluster-${namespaces}.json`);
  if (!existsSync(file)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-cluster.mjs'), '--namespaces', String(namespaces), '--out', file], { stdio: 'inherit' });
  return file;
}

/** Asks /api/health every `everyMs` until stop() is called; each answer's latency (a failed request counts, with its time, in `errors`). */
function pollHealth(url, everyMs = 50) {
  const latencies = [];
  let errors = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      try {
        const res = await fetch(`${url}/api/health`);
        await res.arrayBuffer();
      } catch {
        // e.g. a kept-alive connection the server closed while its thread was blocked
        errors++;
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { latencies: latencies.sort((a, b) => a - b), errors };
  };
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `request` while /api/health is polled; the step's time, status and the health answers' latencies. */
async function step(url, name, request) {
  const stop = pollHealth(url);
  const t = performance.now();
  const res = await request();
  const body = await res.text();
  const ms = Math.round(performance.now() - t);
  const { latencies: health, errors } = await stop();
  const r = { step: name, status: res.status, ms, health: { answers: health.length, errors, p50Ms: Math.round(percentile(health, 50)), p99Ms: Math.round(percentile(health, 99)), maxMs: Math.round(health.at(-1) ?? 0) } };
  log(`${name}: ${res.status} in ${ms} ms; /api/health during it: ${r.health.answers} answers${errors ? ` (${errors} failed)` : ''}, p50 ${r.health.p50Ms} ms, p99 ${r.health.p99Ms} ms, max ${r.health.maxMs} ms`);
  return { r, res, body };
}

async function main() {
  const file = clusterFile();
  if (!values['no-build']) await ensureBuilt({ log });
  const port = await freePortOnLoopback();
  const url = serverUrl('127.0.0.1', port);
  const env = { ...process.env, NODE_ENV: 'production', RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [file] }), RBAC_ATLAS_CONFIG: '', ...(values.inline ? { RBAC_ATLAS_WORKERS: '0' } : {}) };
  const child = startNext({ port, host: '127.0.0.1', env, stdio: ['ignore', 'ignore', 'inherit'] });
  const results = [];
  try {
    await waitUntilReady(`${url}/api/health`, { child, timeoutMs: 60_000 });
    log(`${namespaces} namespaces, ${values.inline ? 'RBAC_ATLAS_WORKERS=0: everything on the request thread' : 'worker threads'}`);
    // loads the generated cluster (with workers: read in a worker, indexed in steps, its findings analysed in the answer worker)
    results.push((await step(url, 'load the source (GET /api/source)', () => fetch(`${url}/api/source`))).r);
    await new Promise((r) => setTimeout(r, 1_000));
    results.push((await step(url, 'Findings page, first scan', () => fetch(`${url}/findings`))).r);
    results.push((await step(url, 'Findings page again (analysis kept)', () => fetch(`${url}/findings`))).r);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(path.join(ROOT, 'e2e/testdata/try-change.yaml'))]), 'try-change.yaml');
    const applied = await step(url, 'apply a change', () => fetch(`${url}/api/upload?as=change`, { method: 'POST', body: form, headers: { origin: url } }));
    results.push(applied.r);
    const cookie = (applied.res.headers.get('set-cookie') ?? '').split(';')[0];
    results.push((await step(url, 'GET /api/change', () => fetch(`${url}/api/change`, { headers: { cookie } }))).r);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  const report = { when: new Date().toISOString(), namespaces, inline: values.inline, loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100), cpus: os.cpus().length, results };
  writeFileSync(path.join(BENCH_DIR, 'change-stall-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`machine: ${report.cpus} cores, load average ${report.loadAvg.join(' ')}; .bench/change-stall-latest.json`);
}

main().catch((e) => {
  console.error(`[bench:change] failed: ${e?.stack ?? e}`);
  process.exit(1);
});
