#!/usr/bin/env node
// `npm run bench:load`: drives the production server with autocannon on 127.0.0.1.
//
//   1. generates the seeded 1,000-namespace cluster (scripts/gen-cluster.mjs; cached in .bench/),
//   2. builds Next if stale, starts the server (Next behind its gate) on a free loopback port with that file as its source,
//   3. cold pass: asks each expensive question (-A, findings) once, one at a time, and reports that
//      one-time cost (those answers are then cached per snapshot); a short mixed warm-up,
//   4. run 1 and an identical run 2 of the mixed mix (50 clients, 60 s each), reading the
//      next-server's RSS before run 1, after run 1 and after run 2 (leak check),
//   5. phase 3: cheap questions alone, then the same cheap questions while other clients (in a
//      separate process) hammer expensive ones (who-can -A, presets over all namespaces, -A graphs, findings).
// Prints a table and writes .bench/load-<time>.json (and .bench/load-latest.json). Exit code 3 when a
// goal is missed (zero errors, p99 < 200 ms, RSS growth <= 10%, cheap p99 < 100 ms under expensive load).
//
//   npm run bench:load -- [--duration 60] [--connections 50] [--namespaces 1000]
//                         [--expensive-connections 4] [--accept-encoding 'gzip, deflate, br']
//                         [--quick] [--no-build] [--json FILE]
// Clients ask for compressed answers as browsers do (Accept-Encoding: gzip, deflate, br);
// --accept-encoding identity measures uncompressed answers.
// --quick: 100 namespaces, 10 clients, 3 s phases (a smoke run; e2e/bench-load.spec.ts uses it).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildMix,
  CHEAP,
  clusterNames,
  distinct,
  EXPENSIVE,
  formatTable,
  freePortOnLoopback,
  growthPercent,
  MIXED,
  nextServerPid,
  readRss,
  summarize,
  verdicts,
  classLatencies,
  formatClassTable,
} from './lib/bench-load-lib.mjs';
import { ensureBuilt, ROOT, serverUrl, startNext, waitUntilReady } from './lib/next-server.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    namespaces: { type: 'string' },
    'expensive-connections': { type: 'string' },
    seed: { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'string' },
    'accept-encoding': { type: 'string', default: 'gzip, deflate, br' },
    // internal: run one autocannon instance in this (child) process and print its summary as JSON
    'child-url': { type: 'string' },
    'child-mix': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log("usage: npm run bench:load -- [--duration S] [--connections N] [--namespaces N] [--expensive-connections N] [--accept-encoding 'gzip, deflate, br'|identity] [--quick] [--no-build] [--json FILE]");
  process.exit(0);
}
const quick = values.quick;
const num = (v, d) => {
  const n = v === undefined ? d : Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`bench:load: not a positive number: ${v}`);
    process.exit(64);
  }
  return n;
};
const cfg = {
  duration: num(values.duration, quick ? 3 : 60),
  connections: num(values.connections, quick ? 10 : 50),
  namespaces: num(values.namespaces, quick ? 100 : 1000),
  expensiveConnections: num(values['expensive-connections'], 4),
  seed: num(values.seed, 1),
  acceptEncoding: values['accept-encoding'],
  warmupS: quick ? 1 : 5,
};
const BENCH_DIR = path.join(ROOT, '.bench');
mkdirSync(BENCH_DIR, { recursive: true });

function log(line) {
  console.log(`[bench:load] ${line}`);
}

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

async function clusterFile() {
  const file = path.join(BENCH_DIR, `cluster-${cfg.namespaces}ns-seed${cfg.seed}.json`);
  if (!existsSync(file)) {
    log(`generating ${cfg.namespaces} namespaces -> ${path.relative(ROOT, file)}`);
    await runNode([path.join(ROOT, 'scripts/gen-cluster.mjs'), '--namespaces', String(cfg.namespaces), '--seed', String(cfg.seed), '--out', file]);
  }
  return file;
}

/** Runs autocannon over `mix` (cycled in order, shared by every connection). */
function cannon(url, mix, { connections, duration, title }) {
  let next = 0;
  const byClass = {};
  /** response times per request class (the mix's classes), to see which questions make the tail */
  const timesByClass = {};
  const instance = autocannon({
    url,
    connections,
    duration,
    timeout: 10,
    title,
    headers: { 'accept-encoding': cfg.acceptEncoding },
    requests: [
      {
        setupRequest(req, context) {
          const entry = mix[next++ % mix.length];
          context.cls = entry.cls;
          return { ...req, method: 'GET', path: entry.path };
        },
      },
    ],
  });
  instance.on('response', (client, statusCode, _bytes, responseTime) => {
    const k = String(statusCode);
    byClass[k] = (byClass[k] ?? 0) + 1;
    // autocannon emits 'response' before it sets up the client's next request: the context is this one's
    const cls = client.requestIterator?.context?.cls;
    if (cls) (timesByClass[cls] ??= []).push(responseTime);
  });
  return instance.then((result) => ({ ...summarize(result), classes: classLatencies(timesByClass) }));
}

/** Runs `mix` from a separate process, so that its responses (megabytes each) are parsed on another thread than the measured client's. */
function cannonInChild(url, mix, { connections, duration, title }) {
  const mixFile = path.join(BENCH_DIR, `mix-${title.replace(/\W+/g, '-')}-${process.pid}.json`);
  writeFileSync(mixFile, JSON.stringify(mix));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child-url', url, '--child-mix', mixFile, '--connections', String(connections), '--duration', String(duration), '--accept-encoding', cfg.acceptEncoding], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(mixFile, { force: true });
      if (code !== 0) return reject(new Error(`${title}: load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/** Asks every URL once, one at a time: the one-time cost of each answer on a fresh snapshot (cache misses). */
async function coldPass(url, paths) {
  const times = [];
  for (const p of paths) {
    const t = performance.now();
    const res = await fetch(url + p, { headers: { 'accept-encoding': cfg.acceptEncoding } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
    times.push({ path: p, ms: Math.round(performance.now() - t) });
  }
  times.sort((a, b) => b.ms - a.ms);
  return { urls: times.length, totalMs: times.reduce((n, x) => n + x.ms, 0), slowest: times.slice(0, 5) };
}

async function main() {
  const started = Date.now();
  const loadAvgStart = os.loadavg();
  const file = await clusterFile();
  const names = clusterNames(JSON.parse(readFileSync(file, 'utf8')));
  log(`cluster: ${names.namespaces.length} namespaces, ${names.serviceAccounts.length} service accounts, ${names.users.length} users, ${names.groups.length} groups`);

  if (!values['no-build']) await ensureBuilt({ log });
  const port = await freePortOnLoopback();
  const host = '127.0.0.1';
  const url = serverUrl(host, port);
  const env = { ...process.env, RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [file] }), NODE_ENV: 'production' };
  const child = startNext({ port, host, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    await waitUntilReady(`${url}/api/health`, { child, timeoutMs: 60_000 });
    const pid = nextServerPid(child.pid);
    log(`server ${url} (next-server pid ${pid})`);

    // the first request loads the source (not measured); then a short warm-up of every route
    const loadStart = performance.now();
    const first = await fetch(`${url}/api/source`);
    if (!first.ok) throw new Error(`GET /api/source: ${first.status} ${await first.text()}`);
    const source = await first.json();
    const loadMs = Math.round(performance.now() - loadStart);
    log(`source: ${source.name}, ${source.objects ?? '?'} objects, first request ${loadMs} ms`);

    const mixed = buildMix(names, MIXED, 20_000, cfg.seed);
    const cheap = buildMix(names, CHEAP, 20_000, cfg.seed + 1);
    const expensive = buildMix(names, EXPENSIVE, 2_000, cfg.seed + 2);
    log(`request lists: mixed ${distinct(mixed)} distinct URLs, cheap ${distinct(cheap)}, expensive ${distinct(expensive)}`);

    // the answers over every namespace are computed once per snapshot and then cached: ask each once
    // first, one at a time, and report that one-time cost on its own
    const expensiveClasses = new Set(Object.keys(EXPENSIVE));
    const expensivePaths = [...new Set([...mixed, ...expensive].filter((e) => expensiveClasses.has(e.cls)).map((e) => e.path))];
    log(`cold pass: ${expensivePaths.length} expensive questions, one at a time`);
    const cold = await coldPass(url, expensivePaths);
    log(`cold pass: ${cold.totalMs} ms in all; slowest ${cold.slowest.map((x) => `${x.path} ${x.ms} ms`).join(', ')}`);
    const warm = await cannon(url, buildMix(names, MIXED, 2_000, cfg.seed + 3), { connections: Math.min(10, cfg.connections), duration: cfg.warmupS, title: 'warm-up' });
    if (warm.errors + warm.non2xx > 0) log(`warm-up: ${warm.non2xx} non-2xx, ${warm.errors} errors ${JSON.stringify(warm.statusCodes)}`);

    const opts = { connections: cfg.connections, duration: cfg.duration };
    const rss0 = readRss(pid);
    log(`run 1: mixed, ${cfg.connections} connections, ${cfg.duration} s`);
    const run1 = await cannon(url, mixed, { ...opts, title: 'run 1' });
    const rss1 = readRss(pid);
    log(`run 2: identical`);
    const run2 = await cannon(url, mixed, { ...opts, title: 'run 2' });
    const rss2 = readRss(pid);
    const growth = growthPercent(rss1.rssMiB, rss2.rssMiB);

    log(`phase 3a: cheap questions alone`);
    const cheapAlone = await cannon(url, cheap, { ...opts, title: 'cheap alone' });
    log(`phase 3b: cheap questions while ${cfg.expensiveConnections} connections ask expensive ones`);
    const [cheapUnderLoad, expensiveLoad] = await Promise.all([
      cannon(url, cheap, { ...opts, title: 'cheap under load' }),
      cannonInChild(url, expensive, { connections: cfg.expensiveConnections, duration: cfg.duration, title: 'expensive' }),
    ]);
    const rss3 = readRss(pid);

    const rows = [
      { name: `run 1: mixed (${cfg.connections} conns)`, s: run1 },
      { name: `run 2: mixed (identical)`, s: run2 },
      { name: `cheap alone (${cfg.connections} conns)`, s: cheapAlone },
      { name: `cheap + expensive running`, s: cheapUnderLoad },
      { name: `  expensive (${cfg.expensiveConnections} conns, -A/findings)`, s: expensiveLoad },
    ];
    const checks = verdicts({ run1, run2, growth, cheapAlone, cheapUnderLoad });
    const report = {
      when: new Date().toISOString(),
      config: cfg,
      // other processes on the machine share its cores: the load average says how busy it was
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAvgStart: loadAvgStart.map((x) => Math.round(x * 100) / 100), loadAvgEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      cluster: { file: path.relative(ROOT, file), namespaces: names.namespaces.length, objects: source.objects },
      firstLoadMs: loadMs,
      coldPass: cold,
      rssMiB: { beforeRun1: rss0, afterRun1: rss1, afterRun2: rss2, afterPhase3: rss3, growthRun1ToRun2Percent: growth },
      phases: { warm, run1, run2, cheapAlone, cheapUnderLoad, expensive: expensiveLoad },
      checks,
      totalS: Math.round((Date.now() - started) / 1000),
    };

    console.log(`\n${formatTable(rows)}\n`);
    console.log(`by question class (ms):\n${formatClassTable('run 2: mixed', run2.classes)}\n${formatClassTable('cheap + expensive running', cheapUnderLoad.classes)}\n`);
    console.log(`RSS (next-server, MiB): before run 1 ${rss0.rssMiB}, after run 1 ${rss1.rssMiB}, after run 2 ${rss2.rssMiB} (growth ${growth}%), after phase 3 ${rss3.rssMiB}; peak (VmHWM) ${rss3.hwmMiB}`);
    console.log(`cheap p99: ${cheapAlone.latencyMs.p99} ms alone, ${cheapUnderLoad.latencyMs.p99} ms while expensive queries run`);
    console.log(`clients sent Accept-Encoding: ${cfg.acceptEncoding}`);
    console.log(`machine: ${os.cpus().length} cores, load average ${report.machine.loadAvgStart[0]} at the start, ${report.machine.loadAvgEnd[0]} at the end (other processes share the cores)`);
    for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'MISS'} ${c.goal}`);

    const out = values.json ? path.resolve(values.json) : path.join(BENCH_DIR, `load-${report.when.replace(/[:.]/g, '-')}.json`);
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(BENCH_DIR, 'load-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`results: ${path.relative(ROOT, out)}`);
    return checks.every((c) => c.ok) ? 0 : 3;
  } finally {
    stop();
  }
}

if (values['child-url']) {
  const mix = JSON.parse(readFileSync(values['child-mix'], 'utf8'));
  const summary = await cannon(values['child-url'], mix, { connections: cfg.connections, duration: cfg.duration, title: 'child' });
  console.log(JSON.stringify(summary));
  process.exit(0);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[bench:load] failed: ${e?.stack ?? e}`);
    process.exit(1);
  },
);
