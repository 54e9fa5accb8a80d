// The CLI path benchmark (scripts/bench-cli.mjs): `rbac-atlas query -f cluster.json` as a whole process,
// fed 20,000 can-i lines then 1,000 who-can lines on stdin (the query contract of DESIGN.md). Reports wall
// time, the startup + load time (the same command with empty input), and lines per second; checks that
// every line was answered, in order, without errors, and (unless --no-verify) that the answers equal the
// engine's in-process answers.
//
//   node scripts/bench-cli.mjs [--sizes 5000] [--can-i 20000] [--who-can 1000] [--seed 1] [--teams-per-ns 2]
//                              [--cli bin/rbac-atlas.mjs] [--no-verify] [--out .bench/cli-results.json]
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndex, canI, subjectRefKey, whoCan } from '../lib/engine';
import { loadFiles } from '../lib/load/files';
import { BENCH_DIR, ensureClusterFile } from './cache';
import type { KubeObject } from '../testing/cluster/generate';
import { clusterInfoFromItems, generateRequests, principalOf, toEngineRequest, type BenchRequest } from './requests';
import { fmt, markdownTable, textTable, type Column } from './stats';

interface CliResult {
  namespaces: number;
  objects: number;
  bytes: number;
  lines: number;
  canLines: number;
  whoCanLines: number;
  outputBytes: number;
  wallMs: number;
  startupLoadMs: number;
  queryMs: number;
  linesPerSecond: number;
  /** the can-i lines alone, and the who-can lines alone, each in its own process (minus startup + load) */
  canLinesPerSecond: number;
  whoCanLinesPerSecond: number;
  linesPerSecondOverall: number;
  errors: number;
  verified: boolean;
  mismatches: number;
}

interface RunOutput {
  code: number | null;
  stdout: string;
  ms: number;
}

function runCli(cli: string, file: string, inputFile: string | undefined): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    const stdin = inputFile ? openSync(inputFile, 'r') : 'ignore';
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'query', '-f', file], { stdio: [stdin, 'pipe', 'inherit'] });
    if (typeof stdin === 'number') closeSync(stdin);
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
  });
}

interface Answer {
  id?: unknown;
  allowed?: boolean;
  subjects?: { kind: string; name: string; namespace?: string }[];
  error?: string;
}

async function benchSize(o: {
  namespaces: number;
  seed: number;
  teamsPerNs: number;
  canCount: number;
  whoCount: number;
  cli: string;
  verify: boolean;
}): Promise<CliResult> {
  const tag = `[${o.namespaces}]`;
  const cached = await ensureClusterFile({ namespaces: o.namespaces, teamsPerNs: o.teamsPerNs, seed: o.seed }, (l) => console.error(`${tag} ${l}`));
  const items = (JSON.parse(readFileSync(cached.file, 'utf8')) as { items: KubeObject[] }).items;
  const info = clusterInfoFromItems(items);
  const objects = items.length;
  items.length = 0;

  const can = generateRequests(info, o.canCount, o.seed + 1, 'can');
  const who = generateRequests(info, o.whoCount, o.seed, 'who-can').map((r) => ({ ...r, id: r.id + o.canCount }));
  const requests: BenchRequest[] = [...can, ...who];
  const inputFile = (name: string, list: BenchRequest[]): string => {
    const f = path.join(BENCH_DIR, `query-ns${o.namespaces}-${name}-c${o.canCount}-w${o.whoCount}-s${o.seed}.jsonl`);
    writeFileSync(f, list.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return f;
  };

  console.error(`${tag} startup + load only (empty input)`);
  const empty = await runCli(o.cli, cached.file, undefined);
  if (empty.code !== 0) throw new Error(`${tag} rbac-atlas query exited with ${empty.code} on empty input`);
  console.error(`${tag} ${requests.length} lines through rbac-atlas query`);
  const full = await runCli(o.cli, cached.file, inputFile('all', requests));
  if (full.code !== 0) throw new Error(`${tag} rbac-atlas query exited with ${full.code}`);
  console.error(`${tag} the ${can.length} can-i lines alone, then the ${who.length} who-can lines alone`);
  const canOnly = await runCli(o.cli, cached.file, inputFile('can', can));
  const whoOnly = await runCli(o.cli, cached.file, inputFile('who', who));
  if (canOnly.code !== 0 || whoOnly.code !== 0) throw new Error(`${tag} rbac-atlas query failed on the split runs`);

  const lines = full.stdout.split('\n').filter((l) => l !== '');
  const answers = lines.map((l) => JSON.parse(l) as Answer);
  let errors = 0;
  if (answers.length !== requests.length) {
    console.error(`${tag} FAIL: ${requests.length} lines in, ${answers.length} lines out`);
    errors++;
  }
  answers.forEach((a, i) => {
    if (a.error !== undefined || a.id !== requests[i]?.id) {
      errors++;
      if (errors <= 10) console.error(`${tag} FAIL: line ${i + 1}: ${JSON.stringify(a).slice(0, 300)}`);
    }
  });

  let mismatches = 0;
  if (o.verify) {
    const { snapshot } = await loadFiles([cached.file]);
    const index = buildIndex(snapshot);
    requests.forEach((r, i) => {
      const a = answers[i];
      if (!a) return;
      const req = toEngineRequest(r);
      let same: boolean;
      if (r.type === 'can') same = a.allowed === canI(index, principalOf(r), req).allowed;
      else {
        const want = whoCan(index, req, { allNamespaces: r.allNamespaces === true }).subjects.map(subjectRefKey).sort();
        const got = (a.subjects ?? [])
          .map((s) => subjectRefKey(s.kind === 'ServiceAccount' ? { kind: 'ServiceAccount', name: s.name, namespace: s.namespace ?? '' } : { kind: s.kind as 'User' | 'Group', name: s.name }))
          .sort();
        same = want.length === got.length && want.every((k, j) => k === got[j]);
      }
      if (!same) {
        mismatches++;
        if (mismatches <= 10) console.error(`${tag} MISMATCH line ${i + 1}: ${JSON.stringify(r)} -> ${JSON.stringify(a).slice(0, 300)}`);
      }
    });
  }

  const queryMs = Math.max(1, full.ms - empty.ms);
  return {
    namespaces: o.namespaces,
    objects,
    bytes: cached.bytes,
    lines: requests.length,
    canLines: can.length,
    whoCanLines: who.length,
    outputBytes: Buffer.byteLength(full.stdout),
    wallMs: full.ms,
    startupLoadMs: empty.ms,
    queryMs,
    linesPerSecond: (requests.length / queryMs) * 1000,
    canLinesPerSecond: (can.length / Math.max(1, canOnly.ms - empty.ms)) * 1000,
    whoCanLinesPerSecond: (who.length / Math.max(1, whoOnly.ms - empty.ms)) * 1000,
    linesPerSecondOverall: (requests.length / full.ms) * 1000,
    errors,
    verified: o.verify,
    mismatches,
  };
}

const COLUMNS: Column<CliResult>[] = [
  { title: 'namespaces', value: (r) => fmt(r.namespaces) },
  { title: 'objects', value: (r) => fmt(r.objects) },
  { title: 'file MiB', value: (r) => fmt(r.bytes / 1048576, 1) },
  { title: 'lines', value: (r) => `${fmt(r.canLines)} can + ${fmt(r.whoCanLines)} who-can`, align: 'left' },
  { title: 'wall s', value: (r) => fmt(r.wallMs / 1000, 2) },
  { title: 'startup+load s', value: (r) => fmt(r.startupLoadMs / 1000, 2) },
  { title: 'answering s', value: (r) => fmt(r.queryMs / 1000, 2) },
  { title: 'lines/s (answering)', value: (r) => fmt(r.linesPerSecond) },
  { title: 'lines/s (wall)', value: (r) => fmt(r.linesPerSecondOverall) },
  { title: 'can-i lines/s', value: (r) => fmt(r.canLinesPerSecond) },
  { title: 'who-can lines/s', value: (r) => fmt(r.whoCanLinesPerSecond) },
  { title: 'output MiB', value: (r) => fmt(r.outputBytes / 1048576, 1) },
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '1' },
      'teams-per-ns': { type: 'string', default: '2' },
      'can-i': { type: 'string', default: '20000' },
      'who-can': { type: 'string', default: '1000' },
      cli: { type: 'string', default: 'bin/rbac-atlas.mjs' },
      'no-verify': { type: 'boolean', default: false },
      out: { type: 'string', default: '.bench/cli-results.json' },
    },
  });
  const results: CliResult[] = [];
  for (const size of values.sizes.split(',').map(Number)) {
    results.push(
      await benchSize({
        namespaces: size,
        seed: Number(values.seed),
        teamsPerNs: Number(values['teams-per-ns']),
        canCount: Number(values['can-i']),
        whoCount: Number(values['who-can']),
        cli: path.resolve(values.cli),
        verify: !values['no-verify'],
      }),
    );
  }
  console.error(`\n${textTable(COLUMNS, results)}\n`);
  const out = path.resolve(values.out);
  mkdirSync(path.dirname(out), { recursive: true });
  const env = { node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length };
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), env, results }, null, 2) + '\n');
  console.error(`results: ${out}\n`);
  process.stdout.write(`\`rbac-atlas query\` as a whole process (node ${env.node}, ${env.cpu}, ${env.cores} cores):\n\n${markdownTable(COLUMNS, results)}\n`);
  const bad = results.filter((r) => r.errors > 0 || r.mismatches > 0);
  for (const r of bad) console.error(`FAIL: ${r.namespaces} namespaces: ${r.errors} bad output lines, ${r.mismatches} answers differ from the engine`);
  return bad.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
