// Credentials never reach an output: a kubeconfig with a syntax error on a `token:` line, exec
// plugins that print secrets on stderr or a malformed credential on stdout, exec arguments and
// environment entries; a hanging plugin is killed at the --request-timeout deadline; kubeconfig
// files are read with a size limit; the messages for the browser name no path or URL.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeKubeApi, type FakeKubeApi } from '../../testing/fake-kube-api';
import { AtlasError, publicMessage, toExitCode } from '../errors';
import { listKubeContexts, loadCluster, type ClusterLoadOptions } from './cluster';
import { parseExecCredential } from './cluster-credentials';

const TOKEN_IN_FILE = 'kubeconfig-token-0f1e2d3c4b5a69788796';
const ON_STDERR = 'stderr-secret-5a4b3c2d1e0f';
const IN_ARGS = 'arg-secret-99aa88bb77cc';
const IN_ENV = 'env-secret-1234abcd5678';

let api: FakeKubeApi;
let tmp = '';

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rbac-atlas-creds-'));
  api = await startFakeKubeApi({ snapshot: 'public/demo/demo-cluster.json' });
});
afterAll(async () => {
  await api?.close();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => api.reset({}));

async function failure(o: ClusterLoadOptions): Promise<AtlasError> {
  const e = await loadCluster({ backoffMs: 1, maxAttempts: 1, ...o }).catch((x: unknown) => x);
  if (!(e instanceof AtlasError)) throw new Error(`expected an AtlasError, got ${String(e)}`);
  return e;
}

/** Everything a user or a browser could see of an error. */
const shown = (e: AtlasError) => `${e.message}\n${publicMessage(e)}\n${e.stack ?? ''}`;

/** The fake API's kubeconfig with every user replaced by `user`. */
async function kubeconfigWithUser(name: string, user: Record<string, unknown>): Promise<string> {
  const kc = parse(await readFile(api.kubeconfigPath, 'utf8')) as { users: { name: string; user: Record<string, unknown> }[] };
  for (const u of kc.users) u.user = user;
  const file = path.join(tmp, `${name}.yaml`);
  await writeFile(file, stringify(kc));
  return file;
}

const node = (script: string, extra: Record<string, unknown> = {}) => ({
  exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', script, IN_ARGS], env: [{ name: 'PLUGIN_SECRET', value: IN_ENV }], interactiveMode: 'Never', ...extra },
});

describe('kubeconfig syntax errors', () => {
  it.each([
    { name: 'a token line with a stray colon', text: `apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: ${TOKEN_IN_FILE}: x\n`, line: 6 },
    { name: 'an unclosed flow sequence after a token', text: `users:\n- name: u\n  user: {token: ${TOKEN_IN_FILE}\n`, line: 4 },
    { name: 'a tab as indentation', text: `users:\n- name: u\n  user:\n\ttoken: ${TOKEN_IN_FILE}\n`, line: 4 },
    { name: 'a duplicate key', text: `users:\n- name: u\n  user:\n    token: ${TOKEN_IN_FILE}\n    token: ${TOKEN_IN_FILE}\n`, line: 5 },
  ])('$name: file and line, never a value (CLI and browser)', async ({ text, line }) => {
    const file = path.join(tmp, 'broken.yaml');
    await writeFile(file, text);
    const e = await failure({ kubeconfig: file });
    expect(e.message).toMatch(new RegExp(`^cannot read kubeconfig ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: YAML syntax error at line ${line}, column \\d+: `));
    expect(shown(e)).not.toContain(TOKEN_IN_FILE);
    expect(publicMessage(e)).not.toContain(tmp);
    expect(() => listKubeContexts({ kubeconfig: file })).toThrow(/YAML syntax error/);
  });

  it('a structure error names the field, not its value', async () => {
    const file = path.join(tmp, 'structure.yaml');
    await writeFile(file, `clusters:\n- cluster: {server: https://x}\nusers:\n- user: {token: ${TOKEN_IN_FILE}}\n`);
    const e = await failure({ kubeconfig: file });
    expect(e.message).toMatch(/clusters\[0\]\.name is missing$/);
    expect(shown(e)).not.toContain(TOKEN_IN_FILE);
  });
});

describe('kubeconfig size limit', () => {
  it('a kubeconfig over RBAC_ATLAS_MAX_KUBECONFIG_BYTES: exit 65, not read whole', async () => {
    const e = await failure({ kubeconfig: api.kubeconfigPath, env: { RBAC_ATLAS_MAX_KUBECONFIG_BYTES: '100' } });
    expect([e.code, toExitCode(e)]).toEqual(['bad-input', 65]);
    expect(e.message).toMatch(/is larger than 100 bytes \(RBAC_ATLAS_MAX_KUBECONFIG_BYTES\)/);
  });

  it.runIf(existsSync('/dev/zero'))('KUBECONFIG=/dev/zero stops at the limit', async () => {
    const started = Date.now();
    const e = await failure({ env: { KUBECONFIG: '/dev/zero', RBAC_ATLAS_MAX_KUBECONFIG_BYTES: String(1024 * 1024) } });
    expect(toExitCode(e)).toBe(65);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('exec credential plugins', () => {
  it('a failing plugin: its stderr, arguments and environment are never shown', async () => {
    const file = await kubeconfigWithUser('exec-fails', node(`process.stderr.write("${ON_STDERR} " + process.env.PLUGIN_SECRET); process.exit(3)`));
    const e = await failure({ kubeconfig: file });
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/\(context "fake"\): the exec credential plugin "node" exited with code 3; its messages are not shown/);
    for (const secret of [ON_STDERR, IN_ARGS, IN_ENV]) expect(shown(e)).not.toContain(secret);
    expect(publicMessage(e)).toBe(`context "fake": ${e.message.split('(context "fake"): ')[1]}`);
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    { name: 'not JSON (the token in a broken line)', stdout: `{"kind": "ExecCredential", "status": {"token": "${TOKEN_IN_FILE}"`, error: /did not print an ExecCredential \(its output is not JSON\)/ },
    { name: 'the wrong kind', stdout: `{"kind": "Other", "status": {"token": "${TOKEN_IN_FILE}"}}`, error: /kind ExecCredential with a status/ },
    { name: 'no token', stdout: '{"kind": "ExecCredential", "status": {}}', error: /neither a token nor a client certificate/ },
  ])('malformed output ($name): named, never quoted', ({ stdout, error }) => {
    let e: unknown;
    try {
      parseExecCredential(stdout, 'plugin');
    } catch (x) {
      e = x;
    }
    expect((e as Error).message).toMatch(error);
    expect((e as Error).message).not.toContain(TOKEN_IN_FILE);
  });

  it('a plugin that prints a malformed credential: the load fails without quoting it', async () => {
    const file = await kubeconfigWithUser('exec-garbage', node(`process.stdout.write('{"kind":"ExecCredential","status":{"token":"${TOKEN_IN_FILE}"')`));
    const e = await failure({ kubeconfig: file });
    expect(shown(e)).not.toContain(TOKEN_IN_FILE);
    expect(e.message).toMatch(/its output is not JSON/);
  });

  it('a working plugin: its token is used, its environment entries reach it, it runs once per load', async () => {
    const runs = path.join(tmp, 'runs.txt');
    const script = `require("fs").appendFileSync(${JSON.stringify(runs)}, "run\\n"); if (process.env.PLUGIN_SECRET !== ${JSON.stringify(IN_ENV)} || !JSON.parse(process.env.KUBERNETES_EXEC_INFO).spec || process.argv[1] !== ${JSON.stringify(IN_ARGS)}) process.exit(9); process.stdout.write(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: { token: ${JSON.stringify(api.token)}, expirationTimestamp: new Date(Date.now() + 3600e3).toISOString() } }))`;
    const file = await kubeconfigWithUser('exec-ok', node(script));
    const r = await loadCluster({ kubeconfig: file, pageSize: 20 });
    expect(r.snapshot.clusterRoles.length).toBeGreaterThan(0);
    expect(api.requests.every((q) => q.auth === 'valid')).toBe(true);
    expect((await readFile(runs, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('a hanging plugin is killed at the --request-timeout deadline', async () => {
    const pidFile = path.join(tmp, 'hang.pid');
    const file = await kubeconfigWithUser('exec-hangs', node(`require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`));
    const started = Date.now();
    const e = await failure({ kubeconfig: file, timeoutMs: 1_500 });
    const ms = Date.now() - started;
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^timed out after 1\.5 s .*--request-timeout/);
    expect(ms).toBeLessThan(4_000);
    const pid = Number(await readFile(pidFile, 'utf8'));
    await expect.poll(() => {
      try {
        process.kill(pid, 0);
        return 'alive';
      } catch {
        return 'gone';
      }
    }).toBe('gone');
  });

  it('a plugin that cannot be started: named by its base name only', async () => {
    const file = await kubeconfigWithUser('exec-missing', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: path.join(tmp, 'secret-dir', 'no-such-plugin'), args: [IN_ARGS] } });
    const e = await failure({ kubeconfig: file });
    expect(e.message).toMatch(/the exec credential plugin "no-such-plugin" could not be started \(ENOENT\)/);
    expect(publicMessage(e)).not.toContain(tmp);
    expect(shown(e)).not.toContain(IN_ARGS);
  });

  it('the removed gcp auth-provider is refused instead of run synchronously', async () => {
    const file = await kubeconfigWithUser('gcp', { 'auth-provider': { name: 'gcp', config: { 'cmd-path': process.execPath, 'cmd-args': `-e "while(true){}"`, 'access-token': TOKEN_IN_FILE, expiry: '2000-01-01T00:00:00Z' } } });
    const e = await failure({ kubeconfig: file, timeoutMs: 3_000 });
    expect(e.message).toMatch(/"gcp" auth-provider .* is not supported .* gke-gcloud-auth-plugin/);
    expect(shown(e)).not.toContain(TOKEN_IN_FILE);
  });
});

describe('what the browser is told', () => {
  it('no kubeconfig path in the contexts list', () => {
    const list = listKubeContexts({ kubeconfig: api.kubeconfigPath });
    expect(list.origin).toContain(api.kubeconfigPath);
    expect(list.originLabel).toBe('the kubeconfig given with --kubeconfig');
    expect(listKubeContexts({ env: { KUBECONFIG: api.kubeconfigPath } }).originLabel).toBe('the kubeconfig files in KUBECONFIG');
  });

  it.each([
    { name: 'a rejected token', o: () => ({ kubeconfig: api.kubeconfigPath, context: 'fake-bad-token' }), want: 'the API server of context "fake-bad-token" rejected the credentials (401 Unauthorized): log in again or check the user of the context in kubeconfig' },
    { name: 'an unknown context', o: () => ({ kubeconfig: api.kubeconfigPath, context: 'prod' }), want: 'context "prod" not found in the kubeconfig given with --kubeconfig' },
  ])('$name: no URL, no path', async ({ o, want }) => {
    const e = await failure(o());
    expect(e.message).toMatch(/127\.0\.0\.1|kubeconfig \//);
    expect(publicMessage(e)).toBe(want);
  });

  it('an unreachable server: no URL, address or port', async () => {
    const closed = await startFakeKubeApi({});
    const port = new URL(closed.url).port;
    await closed.close();
    const kc = parse(await readFile(api.kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string } }[] };
    for (const c of kc.clusters) c.cluster.server = `https://127.0.0.1:${port}`;
    const file = path.join(tmp, 'refused.yaml');
    await writeFile(file, stringify(kc));
    const e = await failure({ kubeconfig: file });
    expect(e.message).toContain(`127.0.0.1:${port}`);
    expect(publicMessage(e)).toBe('cannot reach the API server of context "fake" (ECONNREFUSED)');
  });
});
