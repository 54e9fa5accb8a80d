// The CLI startup benchmark (`npm run bench:cli`, scripts/bench-cli.mjs startup): short commands as
// whole processes, the way people and CI loops run them, against `node -e 0` (the floor) in the same
// run. The processes of one round run one after the other, the rounds interleave the commands (so a
// burst of load elsewhere hits all of them), and the report gives the median, min and max of the wall
// time, the median CPU time (user + system) and peak RSS where /usr/bin/time exists, and the goals of
// issue 15. Those goals were set on a machine where `node -e 0` took 0.10 s; the VMs here drift by a
// third from hour to hour (the floor measures 0.11-0.16 s), so each median is also given scaled to that
// floor (median x 0.10 / floor, both from this run) and the goals are judged on it. Exit 1 with
// --check when a scaled median misses its goal.
//
//   node scripts/bench-cli.mjs startup [--runs 5] [--cli bin/rbac-atlas.mjs] [--check] [--out .bench/cli-startup.json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, markdownTable, median, textTable, type Column } from './stats';

interface Case {
  name: string;
  /** arguments of the CLI; undefined: `node -e 0` */
  args?: string[];
  goalS?: number;
}

const DATASET = 'lib/testdata/datasets/realistic-large.json';

/** `node -e 0` on the machine issue 15's goals were set on (seconds). */
const GOAL_FLOOR_S = 0.1;

const CASES: Case[] = [
  { name: 'node -e 0 (floor)' },
  { name: 'rbac-atlas --help', args: ['--help'], goalS: 0.2 },
  { name: 'rbac-atlas who-can (usage error)', args: ['who-can'] },
  { name: 'rbac-atlas who-can get secrets --demo', args: ['who-can', 'get', 'secrets', '--demo'], goalS: 0.4 },
  { name: 'rbac-atlas can-i get pods --as alice --demo', args: ['can-i', 'get', 'pods', '--as', 'alice', '--demo'] },
  { name: `rbac-atlas scan -f ${path.basename(DATASET, '.json')} -o json`, args: ['scan', '-f', DATASET, '-o', 'json'], goalS: 0.8 },
];

interface Sample {
  wallMs: number;
  cpuMs?: number;
  rssKiB?: number;
}

const TIME = '/usr/bin/time';

function runOnce(cli: string, c: Case, tmp: string): Sample {
  const command = c.args ? [cli, ...c.args] : ['-e', '0'];
  const timeFile = path.join(tmp, 'time.txt');
  const useTime = existsSync(TIME);
  const [file, args] = useTime ? [TIME, ['-o', timeFile, '-f', '%U %S %M', process.execPath, ...command]] : [process.execPath, command];
  const started = performance.now();
  const r = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '/nonexistent-kubeconfig' } });
  const wallMs = performance.now() - started;
  if (r.error) throw r.error;
  if (!useTime) return { wallMs };
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
  const [user, sys, rss] = last.split(' ').map(Number);
  return { wallMs, cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000, rssKiB: rss };
}

interface Row {
  name: string;
  goalS?: number;
  runs: number;
  medianS: number;
  minS: number;
  maxS: number;
  overFloorS: number;
  /** the median at GOAL_FLOOR_S: medianS x GOAL_FLOOR_S / the floor's median */
  scaledS: number;
  cpuS?: number;
  rssMiB?: number;
  met?: boolean;
}

const COLUMNS: Column<Row>[] = [
  { title: 'command', value: (r) => r.name, align: 'left' },
  { title: 'median s', value: (r) => fmt(r.medianS, 2) },
  { title: 'min-max s', value: (r) => `${fmt(r.minS, 2)}-${fmt(r.maxS, 2)}` },
  { title: 'over node s', value: (r) => fmt(r.overFloorS, 2) },
  { title: `at ${fmt(GOAL_FLOOR_S, 2)} s floor`, value: (r) => fmt(r.scaledS, 2) },
  { title: 'CPU s', value: (r) => (r.cpuS === undefined ? '–' : fmt(r.cpuS, 2)) },
  { title: 'RSS MiB', value: (r) => (r.rssMiB === undefined ? '–' : fmt(r.rssMiB, 0)) },
  { title: 'goal s', value: (r) => (r.goalS === undefined ? '' : `≤ ${fmt(r.goalS, 2)} ${r.met ? 'met' : 'MISSED'}`), align: 'left' },
];

function main(): number {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      cli: { type: 'string', default: 'bin/rbac-atlas.mjs' },
      check: { type: 'boolean', default: false },
      out: { type: 'string', default: '.bench/cli-startup.json' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: "${values.runs}" is not a positive integer`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-bench-cli-'));
  const samples = CASES.map(() => [] as Sample[]);
  try {
    // one warm-up round (file system cache), not counted
    for (const c of CASES) runOnce(values.cli, c, tmp);
    for (let round = 0; round < runs; round++) {
      CASES.forEach((c, i) => samples[i]?.push(runOnce(values.cli, c, tmp)));
      process.stderr.write(`round ${round + 1}/${runs}\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const floorS = median(samples[0]?.map((s) => s.wallMs) ?? []) / 1000;
  const rows: Row[] = CASES.map((c, i) => {
    const list = samples[i] ?? [];
    const wall = list.map((s) => s.wallMs / 1000);
    const cpu = list.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs / 1000]));
    const rss = list.flatMap((s) => (s.rssKiB === undefined ? [] : [s.rssKiB / 1024]));
    const medianS = median(wall);
    const scaledS = (medianS * GOAL_FLOOR_S) / floorS;
    return {
      name: c.name,
      ...(c.goalS !== undefined ? { goalS: c.goalS, met: scaledS <= c.goalS } : {}),
      runs: list.length,
      medianS,
      minS: Math.min(...wall),
      maxS: Math.max(...wall),
      overFloorS: medianS - floorS,
      scaledS,
      ...(cpu.length ? { cpuS: median(cpu) } : {}),
      ...(rss.length ? { rssMiB: median(rss) } : {}),
    };
  });
  console.log(`\nCLI startup: whole processes, median of ${runs} (node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}); goals judged at a ${fmt(GOAL_FLOOR_S, 2)} s floor (issue 15's machine)\n`);
  console.log(textTable(COLUMNS, rows));
  console.log(`\n${markdownTable(COLUMNS, rows)}\n`);
  mkdirSync(path.dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify({ node: process.version, cores: os.cpus().length, loadavg: os.loadavg(), runs, rows }, null, 2)}\n`);
  console.log(`results: ${values.out}`);
  return values.check && rows.some((r) => r.met === false) ? 1 : 0;
}

process.exitCode = main();
