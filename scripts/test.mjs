#!/usr/bin/env node
// `npm test`: typecheck -> lint -> unit tests (vitest) -> build (when stale) -> e2e (Playwright).
// Stops at the first failing step. The last line is always `N passed, N failed` (vitest + Playwright
// test counts; a failing step that runs no tests, such as lint, counts as one failure).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildNext, buildReason, NEXT_BIN, nextEnv, ROOT } from './lib/next-server.mjs';

const RESULTS = path.join(ROOT, 'test-results');
const VITEST_JSON = path.join(RESULTS, 'vitest.json');
const PLAYWRIGHT_JSON = path.join(RESULTS, 'playwright.json');
const DEFAULT_CHROMIUM = '/usr/bin/chromium';

const bin = {
  tsc: path.join(ROOT, 'node_modules/typescript/bin/tsc'),
  eslint: path.join(ROOT, 'node_modules/eslint/bin/eslint.js'),
  vitest: path.join(ROOT, 'node_modules/vitest/vitest.mjs'),
  playwright: path.join(ROOT, 'node_modules/@playwright/test/cli.js'),
};

const totals = { passed: 0, failed: 0, skipped: 0 };
const timings = [];

class StepFailure extends Error {}

/** Runs a command with inherited output; resolves with its exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const childEnv = nextEnv({ ...process.env, ...env });
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: childEnv });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const node = (script, args, env) => run(process.execPath, [script, ...args], env);

async function mustSucceed(promise, what) {
  const code = await promise;
  if (code !== 0) throw new StepFailure(`${what} (exit code ${code})`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Adds a runner's counts; a failed run with no failing test still counts as one failure. */
function count(code, passed, failed, skipped, what) {
  const failedTotal = code !== 0 ? Math.max(failed, 1) : failed;
  totals.passed += passed;
  totals.failed += failedTotal;
  totals.skipped += skipped;
  console.log(`${what}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  if (code !== 0) throw new StepFailure(`${what} failed (exit code ${code})`);
}

async function typecheck() {
  await mustSucceed(node(NEXT_BIN, ['typegen']), 'next typegen failed');
  await mustSucceed(node(bin.tsc, ['--noEmit', '-p', 'tsconfig.json']), 'TypeScript reported errors');
}

async function lint() {
  await mustSucceed(node(bin.eslint, ['.', '--max-warnings', '0']), 'ESLint reported problems');
}

async function unitTests() {
  rmSync(VITEST_JSON, { force: true });
  const code = await node(bin.vitest, [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${VITEST_JSON}`,
  ]);
  const report = readJson(VITEST_JSON);
  const skipped = (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  count(code, report?.numPassedTests ?? 0, report?.numFailedTests ?? 0, skipped, 'vitest');
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function chromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new StepFailure(`CHROMIUM_PATH=${configured} does not exist`);
    console.log(`using Chromium at ${configured}`);
    return;
  }
  if (existsSync(DEFAULT_CHROMIUM)) {
    console.log(`using Chromium at ${DEFAULT_CHROMIUM}`);
    return;
  }
  if (!isRoot()) {
    throw new StepFailure(
      `Chromium not found at ${DEFAULT_CHROMIUM}. Install it with ` +
        '`sudo apt-get update && sudo apt-get install -y chromium`, ' +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  console.log('Chromium is missing: installing it with apt-get (running as root)');
  const apt = { DEBIAN_FRONTEND: 'noninteractive' };
  await mustSucceed(run('apt-get', ['update'], apt), 'apt-get update failed');
  await mustSucceed(run('apt-get', ['install', '-y', 'chromium'], apt), 'apt-get install chromium failed');
}

async function build() {
  const reason = buildReason();
  if (!reason) {
    console.log('production build is up to date: skipped');
    return;
  }
  console.log(`building (${reason})`);
  try {
    await buildNext();
  } catch (err) {
    throw new StepFailure(err.message);
  }
}

async function e2eTests() {
  rmSync(PLAYWRIGHT_JSON, { force: true });
  const code = await node(bin.playwright, ['test', '--reporter=list,json,html'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_JSON,
    PLAYWRIGHT_HTML_OPEN: 'never',
  });
  const stats = readJson(PLAYWRIGHT_JSON)?.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  count(code, passed, stats.unexpected ?? 0, stats.skipped ?? 0, 'playwright');
}

const steps = [
  ['typecheck', 'next typegen && tsc --noEmit', typecheck],
  ['lint', 'eslint . --max-warnings 0', lint],
  ['unit', 'vitest run', unitTests],
  ['chromium', 'check (or install) Chromium for Playwright', chromium],
  ['build', 'next build, when the build is stale', build],
  ['e2e', 'playwright test', e2eTests],
];

function summary() {
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  return `${totals.passed} passed, ${totals.failed} failed${skipped}`;
}

/** `--skip STEP` (repeatable) and `--only STEP` are for local use; CI runs every step. */
function selectedSteps(argv) {
  const names = steps.map(([name]) => name);
  const skip = new Set();
  let only = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if ((flag !== '--skip' && flag !== '--only') || !names.includes(value)) {
      console.error(`usage: node scripts/test.mjs [--skip STEP]... [--only STEP]; steps: ${names.join(', ')}`);
      process.exit(64);
    }
    if (flag === '--skip') skip.add(value);
    else only = value;
  }
  return steps.filter(([name]) => (only ? name === only : !skip.has(name)));
}

const selected = selectedSteps(process.argv.slice(2));
mkdirSync(RESULTS, { recursive: true });
let failure = null;
for (const [name, description, step] of steps) {
  if (!selected.some(([chosen]) => chosen === name)) {
    console.log(`\n==> ${name}: skipped (--skip/--only)`);
    continue;
  }
  console.log(`\n==> ${name}: ${description}`);
  const started = Date.now();
  try {
    await step();
  } catch (err) {
    if (!(err instanceof StepFailure)) console.error(err);
    failure = { name, message: err instanceof Error ? err.message : String(err) };
    if (!['unit', 'e2e'].includes(name)) totals.failed += 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  console.log(`<== ${name}: ${failure ? 'FAILED' : 'ok'} (${seconds}s)`);
  if (failure) break;
}

console.log(`\ntimings: ${timings.join(', ')}`);
if (failure) {
  console.log(`npm test FAILED at step "${failure.name}": ${failure.message}`);
  console.log('Later steps were not run. Fix the problem above and run `npm test` again.');
}
console.log(summary());
process.exit(failure ? 1 : 0);
