#!/usr/bin/env node
// `npm run bench:drilldown`: how long the namespace drill-down takes on the server, and how much it
// sends. Starts the production server (dist/server/main.mjs) on a free 127.0.0.1 port with each
// snapshot file as its source, then for a few namespaces (the ones with the most bindings first)
// asks GET /namespaces/NS (the page's HTML, with the data embedded) and GET /api/namespace/NS (the
// JSON) --repeat times each, one at a time, and reports the time to the last byte (p50 / max, the
// first, cold request apart) and the size. Writes .bench/drilldown-latest.json.
//
//   npm run bench:drilldown -- [--repeat 10] [--namespaces 3] [FILE...]
//   (default files: lib/testdata/datasets/realistic-large.json, .bench/cluster-5000ns-seed1.json if present)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePortOnLoopback } from '../scripts/lib/bench-load-lib.mjs';
import { ensureBuilt, ROOT, serverUrl, startNext, waitUntilReady } from '../scripts/lib/next-server.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: 'string', default: '10' }, namespaces: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false } },
});
const repeat = Number(values.repeat);
const files = positionals.length
  ? positionals
  : ['lib/testdata/datasets/realistic-large.json', '.bench/cluster-5000ns-seed1.json'].filter((f) => existsSync(path.join(ROOT, f)));
const log = (line) => console.log(`[bench:drilldown] ${line}`);

/** Namespaces with the most RoleBindings in the file (a cheap stand-in for "largest"). */
function bigNamespaces(file, n) {
  const data = JSON.parse(readFileSync(path.resolve(ROOT, file), 'utf8'));
  const items = Array.isArray(data) ? data : (data.items ?? Object.values(data).flat());
  const count = new Map();
  for (const o of items) if (o?.kind === 'RoleBinding' || o?.kind === 'Pod') count.set(o.metadata?.namespace, (count.get(o.metadata?.namespace) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1]).slice(0, n).map(([ns]) => ns);
}

async function timed(url) {
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return { ms: performance.now() - t, bytes: body.byteLength };
}

async function measure(url, n) {
  const cold = await timed(url);
  const warm = [];
  for (let i = 0; i < n; i++) warm.push(await timed(url));
  const ms = warm.map((w) => w.ms).sort((a, b) => a - b);
  return { coldMs: Math.round(cold.ms), p50Ms: Math.round(ms[Math.floor(ms.length / 2)]), maxMs: Math.round(ms.at(-1)), kb: Math.round(cold.bytes / 1024) };
}

async function main() {
  if (!values['no-build']) await ensureBuilt({ log });
  const results = [];
  for (const file of files) {
    const port = await freePortOnLoopback();
    const url = serverUrl('127.0.0.1', port);
    const env = { ...process.env, NODE_ENV: 'production', RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [path.resolve(ROOT, file)] }) };
    const child = startNext({ port, host: '127.0.0.1', env, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      await waitUntilReady(`${url}/api/health`, { child, timeoutMs: 60_000 });
      await (await fetch(`${url}/api/namespaces`)).arrayBuffer(); // loads the source, lists the namespaces
      for (const ns of bigNamespaces(file, Number(values.namespaces))) {
        const page = await measure(`${url}/namespaces/${encodeURIComponent(ns)}`, repeat);
        const api = await measure(`${url}/api/namespace/${encodeURIComponent(ns)}`, repeat);
        results.push({ file: path.basename(file), namespace: ns, page, api });
        log(`${path.basename(file)} ${ns}: page ${page.kb} KB, ${page.p50Ms} ms p50 / ${page.maxMs} ms max (cold ${page.coldMs} ms); API ${api.kb} KB, ${api.p50Ms} / ${api.maxMs} ms (cold ${api.coldMs} ms)`);
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }
  }
  const report = { when: new Date().toISOString(), loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100), results };
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  writeFileSync(path.join(ROOT, '.bench', 'drilldown-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  log(`load average ${report.loadAvg.join(' ')}; .bench/drilldown-latest.json`);
}

main().catch((e) => {
  console.error(`[bench:drilldown] failed: ${e?.stack ?? e}`);
  process.exit(1);
});
