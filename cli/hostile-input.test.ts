// The CLI as a whole process against hostile input: names with terminal escapes and line breaks
// (tables and notes on stderr show them escaped, no row is forged), endless or oversized inputs
// (exit 65 with a message, bounded time and memory), an endless line on `query`'s stdin, and
// credentials that must not reach stderr (a kubeconfig with a syntax error on its token line, an
// exec plugin that prints a secret on stderr).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bundleCliFor, repoRoot } from './run-cli';

const TOKEN = 'cli-token-value-7f6e5d4c3b2a';
const ON_STDERR = 'plugin-stderr-secret-0a1b2c';

let main = '';
let dir = '';

beforeAll(async () => {
  main = await bundleCliFor('hostile-input-test');
  dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-hostile-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], o: { input?: Readable | string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [main, ...args], {
      cwd: repoRoot,
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: dir, KUBECONFIG: '/nonexistent-kubeconfig', RBAC_ATLAS_ROOT: repoRoot, ...o.env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - started }));
    child.stdin.on('error', () => undefined); // the CLI may stop reading before the end
    if (o.input instanceof Readable) o.input.pipe(child.stdin);
    else child.stdin.end(o.input ?? '');
  });
}

// eslint-disable-next-line no-control-regex -- what must not reach a terminal raw
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('hostile names on a terminal', () => {
  const evil = 'mallory\r\u001b[2K\u001b[32mUser   admin   (cluster)\u202e';
  const ns = 'team-a\nUser   root';
  const dump = () => {
    const file = path.join(dir, 'hostile.yaml');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }] },
          { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b\u001b]0;pwned\u0007' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' }, subjects: [{ kind: 'User', name: evil, apiGroup: 'rbac.authorization.k8s.io' }] },
          { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'dangling', namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gone\u001b[1A' }, subjects: [{ kind: 'User', name: evil, apiGroup: 'rbac.authorization.k8s.io' }] },
        ],
      }),
    );
    return file;
  };

  it.each([
    { name: 'who-can table', args: (f: string) => ['who-can', 'get', 'secrets', '-A', '-f', f], rows: 1, shows: 'mallory\\r\\x1b[2K' },
    { name: 'who-can wide', args: (f: string) => ['who-can', 'get', 'secrets', '-A', '-o', 'wide', '-f', f], rows: 1, shows: 'b\\x1b]0;pwned\\x07' },
    { name: 'what-can, with a note on a dangling binding', args: (f: string) => ['what-can', '--as', evil, '-f', f], rows: undefined, shows: 'team-a\\nUser   root/gone\\x1b[1A' },
    { name: 'scan table', args: (f: string) => ['scan', '-f', f, '--include-builtin'], rows: undefined, shows: 'mallory\\r\\x1b[2K' },
  ])('$name: escaped, no forged line', async ({ args, rows, shows }) => {
    const r = await run(args(dump()));
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain(shows);
    if (rows !== undefined) {
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines.filter((l) => /^User\s/.test(l)), r.stdout).toHaveLength(rows);
    }
  });
});

describe('unbounded input (exit 65)', () => {
  it.runIf(existsSync('/dev/zero'))('-f /dev/zero ends at once: binary, nothing to load', async () => {
    const r = await run(['who-can', 'get', 'secrets', '-f', '/dev/zero']);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/binary file/);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('an endless stdin stops at RBAC_ATLAS_MAX_INPUT_BYTES', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 65536;
        this.push(sent > 512 * 1024 * 1024 ? null : Buffer.alloc(65536, 'a'));
      },
    });
    const r = await run(['who-can', 'get', 'secrets', '-f', '-'], { input: endless, env: { RBAC_ATLAS_MAX_INPUT_BYTES: String(4 * 1024 * 1024) } });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/<stdin> is larger than the input limit of 4194304 bytes \(RBAC_ATLAS_MAX_INPUT_BYTES raises it\)/);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('a file over the limit: exit 65 naming it', async () => {
    const r = await run(['who-can', 'get', 'secrets', '-f', path.join(repoRoot, 'public/demo/demo-cluster.json')], { env: { RBAC_ATLAS_MAX_INPUT_BYTES: '1000' } });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/demo-cluster\.json is \d+ bytes, over the input limit of 1000 bytes/);
  });

  it('query: an endless line gets an error answer and the next line is answered', async () => {
    const lines = Readable.from([`${'x'.repeat(3 * 1024 * 1024)}\n`, '{"id": 2, "type": "can", "user": "u", "groups": [], "verb": "get", "resource": "secrets"}\n']);
    const r = await run(['query', '--demo'], { input: lines, env: { RBAC_ATLAS_MAX_QUERY_LINE_BYTES: '1024' } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: null, error: 'line longer than 1024 bytes (RBAC_ATLAS_MAX_QUERY_LINE_BYTES): skipped' },
      { id: 2, allowed: false },
    ]);
  });

  it('query: a malformed line is not quoted back', async () => {
    const r = await run(['query', '--demo'], { input: `{"id": 1, "token": "${TOKEN}"\n` });
    expect(r.stdout).not.toContain(TOKEN);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ id: null, error: expect.stringMatching(/^invalid JSON/) });
  });
});

describe('credentials never reach stderr', () => {
  it('a kubeconfig with a syntax error on its token line: file and line, exit 64', async () => {
    const file = path.join(dir, 'kubeconfig-broken');
    writeFileSync(file, `apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: ${TOKEN}: x\n`);
    const r = await run(['who-can', 'get', 'secrets', '--kubeconfig', file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`rbac-atlas: cannot read kubeconfig ${file}: YAML syntax error at line 6, column 12: nested mapping where a single-line key was expected (check indentation)\n`);
    const debug = await run(['who-can', 'get', 'secrets', '--kubeconfig', file, '--debug']);
    expect(debug.stderr).not.toContain(TOKEN);
  });

  it('an exec plugin that prints a secret on stderr and fails: not shown, exit 69', async () => {
    const file = path.join(dir, 'kubeconfig-exec');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'c',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
        contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
        users: [{ name: 'u', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', `console.error(${JSON.stringify(ON_STDERR)}); process.exit(1)`, TOKEN], env: [{ name: 'X', value: TOKEN }] } } }],
      }),
    );
    const r = await run(['who-can', 'get', 'secrets', '--kubeconfig', file, '--debug']);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/the exec credential plugin "node" exited with code 1/);
    for (const secret of [ON_STDERR, TOKEN]) expect(r.stdout + r.stderr).not.toContain(secret);
    expect(readFileSync(file, 'utf8')).toContain(TOKEN); // (the secret was there to leak)
  });
});
