// `npm run bench:load` in a few seconds (--quick: 100 namespaces, 10 clients, 1 s per phase) against
// the built app, so that the load benchmark cannot rot: it must start its own server, ask only
// questions that answer 2xx and write its JSON report. It never fails on speed (CI machines vary).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..');

test('bench:load --quick runs every phase without errors and writes its report', async () => {
  test.setTimeout(120_000);
  const out = test.info().outputPath('load.json');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench-load.mjs', '--quick', '--no-build', '--duration', '1', '--json', out], {
      cwd: ROOT,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.on('error', reject);
    child.on('exit', (c) => resolve({ code: c, output: text }));
  });
  // 0: every goal met; 3: a goal missed (speed is not judged here)
  expect([0, 3], output).toContain(code);
  expect(output).toMatch(/run 1: mixed \(10 conns\)/);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  for (const [name, phase] of Object.entries(report.phases) as [string, { requests: number; non2xx: number; errors: number; timeouts: number }][]) {
    expect(phase.requests, name).toBeGreaterThan(0);
    expect({ name, non2xx: phase.non2xx, errors: phase.errors, timeouts: phase.timeouts }).toEqual({ name, non2xx: 0, errors: 0, timeouts: 0 });
  }
  expect(report.rssMiB.afterRun2.rssMiB).toBeGreaterThan(50);
  expect(report.cluster.namespaces).toBeGreaterThan(100);
});
