// Issue 11, install anywhere: `npm pack` makes a package that installs with `npm install -g` into a
// temporary prefix, whose `rbac-atlas` and `kubectl-rbac_atlas` work and whose `serve` answers with no
// build step. Runs after the build (npm test builds before Playwright); the dependencies come from the
// npm cache that `npm ci` filled (--prefer-offline). No browser: HTTP only.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..');
const PORT = Number(process.env.E2E_INSTALL_PORT ?? 3197);
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });

test.describe.configure({ mode: 'serial', timeout: 600_000 });
// Part of every `npm test`: with the npm cache warm (`npm ci` fills it; CI runs it first) the whole
// file takes ~45 s on the project's 2-core machine under load (pack, install -g, three commands).
// E2E_INSTALL=0 skips it (e.g. offline with a cold npm cache).
test.skip(process.env.E2E_INSTALL === '0', 'E2E_INSTALL=0: packing and installing the package is skipped');

let tmp = '';
let prefix = '';
let server: ChildProcess | undefined;

test.beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-install-'));
  prefix = path.join(tmp, 'prefix');
  // --ignore-scripts: the build is current (npm test built it); prepack would only check that
  npm(['pack', '--ignore-scripts', '--pack-destination', tmp], ROOT);
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack made no tarball');
  npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', path.join(tmp, tgz)], tmp);
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
});

const bin = (name: string) => path.join(prefix, 'bin', name);

test('the package holds the built app and no sources', () => {
  const installed = path.join(prefix, 'lib', 'node_modules', 'rbac-atlas');
  expect(existsSync(path.join(installed, '.next', 'BUILD_ID'))).toBe(true);
  expect(existsSync(path.join(installed, 'dist', 'cli', 'main.mjs'))).toBe(true);
  expect(existsSync(path.join(installed, '.next', 'cache'))).toBe(false);
  expect(existsSync(path.join(installed, 'app'))).toBe(false);
  expect(existsSync(path.join(installed, 'lib'))).toBe(false);
});

for (const name of ['rbac-atlas', 'kubectl-rbac_atlas']) {
  test(`${name} who-can get secrets --demo`, () => {
    const r = spawnSync(bin(name), ['who-can', 'get', 'secrets', '-n', 'kube-system', '--demo', '-o', 'json'], { cwd: tmp, encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent-kubeconfig' } });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { subjects: unknown[] }).subjects.length).toBeGreaterThan(0);
  });
}

test('serve --demo answers with no build step', async () => {
  const started = Date.now();
  server = spawn(bin('rbac-atlas'), ['serve', '--demo', '--port', String(PORT)], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RBAC_ATLAS_TOKEN: '', RBAC_ATLAS_REQUIRE_TOKEN: '' } });
  let output = '';
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  await expect.poll(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${PORT}/api/health`)).status;
    } catch {
      return 0;
    }
  }, { timeout: 60_000 }).toBe(200);
  expect(output).not.toContain('Building');
  expect(Date.now() - started).toBeLessThan(60_000);
  const res = await fetch(`http://127.0.0.1:${PORT}/api/who-can?verb=get&resource=secrets&ns=kube-system`);
  expect(res.status).toBe(200);
});
