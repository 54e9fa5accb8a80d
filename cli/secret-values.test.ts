// Secret values never leave the CLI: files and stdin that carry Secrets with known values go
// through every command and output format, and nothing printed (stdout or stderr, answers,
// diagnostics, reports) contains any of the values, plain or base64. The live-cluster path is
// covered in cli/cluster.test.ts (Secrets are never even requested).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_FIXTURE_FILES, SECRET_NEEDLES, leakedNeedles } from '../testing/secret-fixtures';
import { bundleCliFor, repoRoot } from './run-cli';

let main = '';
let dir = '';
let files: string[] = [];

beforeAll(async () => {
  main = await bundleCliFor('secret-values-test');
  dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-secret-values-'));
  for (const f of SECRET_FIXTURE_FILES) writeFileSync(path.join(dir, f.name), f.text);
  files = SECRET_FIXTURE_FILES.map((f) => path.join(dir, f.name));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input = ''): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: repoRoot,
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: dir, KUBECONFIG: '/nonexistent-kubeconfig', RBAC_ATLAS_ROOT: repoRoot },
      timeout: 60_000,
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
    child.stdin.end(input);
  });
}

const queryLines = [
  { verb: 'get', resource: 'secrets', namespace: 'team-a', user: 'system:serviceaccount:team-a:ci' },
  { type: 'who', verb: 'list', resource: 'secrets', namespace: 'team-a' },
].map((l) => JSON.stringify(l)).join('\n');

const commands: { name: string; args: string[]; stdin?: string }[] = [
  { name: 'who-can table', args: ['who-can', 'get', 'secrets', '-A'] },
  { name: 'who-can json', args: ['who-can', 'get', 'secrets', '-n', 'team-a', '-o', 'json'] },
  { name: 'who-can wide', args: ['who-can', 'list', 'secrets', '-A', '-o', 'wide'] },
  { name: 'can-i explain', args: ['can-i', 'get', 'secrets', '-n', 'team-a', '--as', 'system:serviceaccount:team-a:ci', '--explain'] },
  { name: 'what-can json', args: ['what-can', '--subject', 'ServiceAccount:team-a/ci', '-o', 'json'] },
  { name: 'access-matrix', args: ['access-matrix', '-n', 'team-a', '-o', 'json'] },
  { name: 'query', args: ['query'], stdin: queryLines },
  ...['table', 'json', 'csv', 'sarif', 'markdown', 'html'].map((o) => ({ name: `scan ${o}`, args: ['scan', '-o', o, '--include-builtin'] })),
];

describe.concurrent('Secret values in input files never reach any output', () => {
  it('the fixtures do hold the values (the search below can find them)', () => {
    const all = SECRET_FIXTURE_FILES.map((f) => f.text).join('\n');
    expect(SECRET_NEEDLES.filter((n) => all.includes(n)).length).toBeGreaterThanOrEqual(6);
  });

  it.each(commands)('$name, from files with --diagnostics', async ({ args, stdin }) => {
    const r = await run([...args, ...files.flatMap((f) => ['-f', f]), '--diagnostics'], stdin);
    expect(r.code, r.out).toBeLessThan(3);
    expect(r.out).toContain('team-a');
    expect(leakedNeedles(r.out)).toEqual([]);
  });

  it('from a directory', async () => {
    const r = await run(['who-can', 'get', 'secrets', '-n', 'team-a', '-o', 'json', '-f', dir, '--diagnostics']);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Secret data dropped unread');
    expect(leakedNeedles(r.out)).toEqual([]);
  });

  it('from stdin', async () => {
    const text = SECRET_FIXTURE_FILES[0]!.text;
    const r = await run(['who-can', 'get', 'secrets', '-n', 'team-a', '-f', '-', '--diagnostics'], text);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('ServiceAccount');
    expect(leakedNeedles(r.out)).toEqual([]);
  });
});
