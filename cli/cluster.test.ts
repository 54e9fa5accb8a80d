// Every command against a live cluster (the fake API server) through a kubeconfig, run as a real
// process. The answers must equal those from `-f` on the snapshot the server serves.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeKubeApi, type FakeKubeApi, type FakeKubeApiOptions, type RecordedRequest } from '../testing/fake-kube-api';
import { bundleCliFor, repoRoot, runCliAsync, type CliResult } from './run-cli';

const DEMO = 'public/demo/demo-cluster.json';
const SECRET_VALUE = 'bm90LWZvci15b3VyLWV5ZXM='; // must never travel
const SECRET = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-key', namespace: 'team-a' }, data: { key: SECRET_VALUE } };
// A separate bundle (dist/cluster-test), so that this file never runs the CLI while another test file rebuilds dist/cli.
let mainPath = '';
const SERVER: FakeKubeApiOptions = { snapshot: DEMO, objects: [SECRET], pageSizeCap: 25, recordBodies: true };

let api: FakeKubeApi;
let tmp = '';
let emptyHome = '';
const seen: RecordedRequest[] = [];
const bodies: string[] = [];

function resetServer(patch: Partial<FakeKubeApiOptions> = {}): void {
  seen.push(...api.requests);
  bodies.push(...api.responses.map((r) => r.body));
  api.reset({ ...SERVER, ...patch });
}

function run(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  // a clean environment: no KUBECONFIG, no ~/.kube/config, no in-cluster variables of the machine running the tests
  return runCliAsync(mainPath, args, { NODE_ENV: 'test', NO_COLOR: '1', HOME: emptyHome, RBAC_ATLAS_ROOT: repoRoot, ...opts.env }, opts.input ?? '');
}

const viaCluster = (args: string[], input?: string) => run([...args, '--kubeconfig', api.kubeconfigPath], input !== undefined ? { input } : {});
const viaFile = (args: string[], input?: string) => run([...args, '-f', DEMO], input !== undefined ? { input } : {});

beforeAll(async () => {
  mainPath = await bundleCliFor('cluster-test');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rbac-atlas-cli-cluster-'));
  emptyHome = path.join(tmp, 'home');
  api = await startFakeKubeApi(SERVER);
});
afterAll(async () => {
  await api?.close();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => resetServer());

const QUERY_LINES = [
  '{"id":1,"type":"can","user":"system:serviceaccount:default:default","groups":[],"verb":"get","apiGroup":"","resource":"secrets","subresource":"","namespace":"default","name":""}',
  '{"id":2,"type":"who-can","verb":"impersonate","resource":"users"}',
  '{"id":3,"type":"can","user":"nobody","groups":["system:unauthenticated"],"verb":"get","path":"/healthz"}',
  'not json',
].join('\n') + '\n';

const COMMANDS: [name: string, args: string[], stdin?: string][] = [
  ['who-can table', ['who-can', 'get', 'secrets', '-n', 'default']],
  ['who-can -A json', ['who-can', 'list', 'secrets', '-A', '-o', 'json']],
  ['who-can wide', ['who-can', 'create', 'pods/exec', '-n', 'team-a', '-o', 'wide']],
  ['who-can --effective (uses pods)', ['who-can', 'get', 'nodes/proxy', '--effective', '-o', 'json']],
  ['who-can non-resource URL', ['who-can', 'get', '--non-resource-url', '/metrics']],
  ['can-i yes', ['can-i', 'list', 'secrets', '-n', 'team-a', '--as', 'system:serviceaccount:team-a:api', '--explain']],
  ['can-i no', ['can-i', 'delete', 'namespaces', '--as', 'jane@example.com', '-o', 'json']],
  ['what-can --subject', ['what-can', '--subject', 'ServiceAccount:ci/gitlab-runner']],
  ['what-can --as json', ['what-can', '--as', 'jane@example.com', '-n', 'team-a', '-o', 'json']],
  ['access-matrix', ['access-matrix', '-n', 'team-a']],
  ['query', ['query'], QUERY_LINES],
  ['scan (findings weigh pods too)', ['scan', '--include-builtin']],
];

describe('every command through a kubeconfig equals -f on the same snapshot', () => {
  it.each(COMMANDS)('%s', async (_name, args, stdin) => {
    const [cluster, file] = await Promise.all([viaCluster(args, stdin), viaFile(args, stdin)]);
    expect(cluster.stderr).not.toMatch(/internal error|rbac-atlas: /);
    expect(cluster.stdout.length).toBeGreaterThan(0);
    expect({ code: cluster.code, stdout: cluster.stdout }).toEqual({ code: file.code, stdout: file.stdout });
  });

  it('pages through every list (server caps chunks at 25): limit=500 and continue tokens', async () => {
    const r = await viaCluster(['who-can', 'get', 'secrets', '-n', 'default']);
    expect(r.code).toBe(0);
    const cr = api.requests.filter((q) => q.path === '/apis/rbac.authorization.k8s.io/v1/clusterroles');
    expect(cr).toHaveLength(Math.ceil(api.counts.clusterroles / 25));
    expect(cr.every((q) => q.query.limit === '500')).toBe(true);
    expect(cr.slice(1).every((q) => (q.query.continue ?? '') !== '')).toBe(true);
    expect(api.requests[0]?.headers['user-agent']).toMatch(/^rbac-atlas/);
  });

  it('KUBECONFIG (no flags: the current context, as kubectl), and --context', async () => {
    const args = ['who-can', 'get', 'secrets', '-n', 'default'];
    const file = await viaFile(args);
    const env = await run(args, { env: { KUBECONFIG: api.kubeconfigPath } });
    const ctx = await run([...args, '--context', 'fake'], { env: { KUBECONFIG: `${path.join(tmp, 'missing')}${path.delimiter}${api.kubeconfigPath}` } });
    expect([env.code, env.stdout]).toEqual([0, file.stdout]);
    expect([ctx.code, ctx.stdout]).toEqual([0, file.stdout]);
  });
});

describe('snapshot', () => {
  it('writes a sanitized kind: List that -f reads back to the same answers', async () => {
    const out = path.join(tmp, 'snap.json');
    const r = await viaCluster(['snapshot', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/(^|\n)read \d+ objects from context "fake" \(v1\.31\.4-fake\) in [\d.]+ s, \d+ requests: 10 namespaces, 97 clusterroles, .*; wrote the snapshot to .*snap\.json\n$/);
    const text = await readFile(out, 'utf8');
    const doc = JSON.parse(text) as { kind: string; metadata: { annotations: Record<string, string> }; items: { kind: string; metadata: Record<string, unknown>; spec?: Record<string, unknown> }[] };
    expect(doc.kind).toBe('List');
    expect(doc.metadata.annotations['rbac-atlas/context']).toBe('fake');
    expect(doc.metadata.annotations['rbac-atlas/server-version']).toBe('v1.31.4-fake');
    expect(Date.parse(doc.metadata.annotations['rbac-atlas/captured-at'] ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(doc.items.some((i) => i.kind === 'Secret')).toBe(false);
    expect(text).not.toContain(SECRET_VALUE);
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain(api.token);
    const pods = doc.items.filter((i) => i.kind === 'Pod');
    expect(pods.length).toBe(api.counts.pods);
    for (const p of pods) expect(Object.keys(p.spec ?? {}).every((k) => ['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName'].includes(k))).toBe(true);
    for (const [, args, stdin] of COMMANDS) {
      const [fromSnapshot, fromDemo] = await Promise.all([run([...args, '-f', out], stdin !== undefined ? { input: stdin } : {}), viaFile(args, stdin)]);
      expect({ args, code: fromSnapshot.code, stdout: fromSnapshot.stdout }).toEqual({ args, code: fromDemo.code, stdout: fromDemo.stdout });
    }
  });

  it('to stdout without -o', async () => {
    const r = await viaCluster(['snapshot', '-q']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((JSON.parse(r.stdout) as { items: unknown[] }).items.length).toBeGreaterThan(300);
  });

  it('usage errors: a bad --request-timeout or --chunk-size', async () => {
    expect((await viaCluster(['snapshot', '--request-timeout', 'soon'])).code).toBe(64);
    expect((await viaCluster(['snapshot', '--chunk-size', '0'])).code).toBe(64);
    expect(api.requests).toHaveLength(0);
  });
});

describe('partial access, relists, failures', () => {
  it('403 on pods: answers still come, the warning is printed, exit 0', async () => {
    resetServer({ forbid: ['pods'] });
    const args = ['who-can', 'get', 'secrets', '-n', 'default'];
    const [r, file] = await Promise.all([viaCluster(args), viaFile(args)]);
    expect([r.code, r.stdout]).toEqual([0, file.stdout]);
    expect(r.stderr).toContain('partial data');
    const detailed = await viaCluster([...args, '--diagnostics']);
    expect(detailed.stderr).toContain('cluster fake: warning: partial data: may not list pods with context "fake" (403 Forbidden: pods is forbidden: User "system:serviceaccount:rbac-atlas:rbac-atlas" cannot list resource "pods"');
    expect(detailed.stderr).toContain('list pods (core group) cluster-wide');
    const snap = await viaCluster(['snapshot', '-o', path.join(tmp, 'partial.json')]);
    expect(snap.code).toBe(0);
    expect(snap.stderr).toContain('list pods (core group) cluster-wide'); // snapshot prints partial-data warnings always
  });

  it('410 Gone on a continue token: the list is read again and the answer is the same', async () => {
    resetServer({ expireContinue: { afterPages: 2, times: 2 } });
    const args = ['who-can', 'list', 'secrets', '-A', '-o', 'json'];
    const [r, file] = await Promise.all([viaCluster(args), viaFile(args)]);
    expect([r.code, r.stdout]).toEqual([0, file.stdout]);
    expect(api.requests.filter((q) => q.status === 410)).toHaveLength(2);
  });

  it('connection resets and 500s are retried', async () => {
    resetServer({ faults: [{ at: [2], fault: { type: 'reset' } }, { at: [4, 6], fault: { type: 'status', code: 500 } }] });
    const args = ['what-can', '--subject', 'ServiceAccount:ci/gitlab-runner'];
    const [r, file] = await Promise.all([viaCluster(args), viaFile(args)]);
    expect([r.code, r.stdout]).toEqual([0, file.stdout]);
    expect(api.requests.filter((q) => q.fault).map((q) => q.fault)).toEqual(['reset', 'status-500', 'status-500']);
  });

  it('faults mid-load (after two pages): transient ones are retried and the answer is the same', async () => {
    resetServer({
      faults: [
        { path: '/clusterroles', fromPage: 3, times: 2, fault: { type: 'status', code: 503 } },
        { path: '/api/v1/pods', fromPage: 2, times: 1, fault: { type: 'status', code: 429, retryAfterSeconds: 0 } },
        { path: '/clusterroles', fromPage: 4, times: 1, fault: { type: 'hang' } },
      ],
    });
    const args = ['who-can', 'list', 'secrets', '-A', '-o', 'json'];
    // --request-timeout 8s: a hung request is given up after 2 s (a quarter) and retried
    const [r, file] = await Promise.all([run([...args, '--kubeconfig', api.kubeconfigPath, '--request-timeout', '8s']), viaFile(args)]);
    expect([r.code, r.stdout]).toEqual([0, file.stdout]);
    expect(api.requests.filter((q) => q.fault).map((q) => q.fault).sort()).toEqual(['hang', 'status-429', 'status-503', 'status-503']);
  });

  it('a persistent 502 mid-load: exit 69 naming the list and page, after 5 attempts', async () => {
    resetServer({ faults: [{ path: '/clusterroles', fromPage: 3, fault: { type: 'status', code: 502 } }] });
    const r = await viaCluster(['who-can', 'get', 'secrets', '-A']);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/^rbac-atlas: reading clusterroles \(page 3\) from https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) failed: 502 BadGateway: injected fault: BadGateway\n$/);
    expect(api.requests.filter((q) => q.fault === 'status-502')).toHaveLength(5);
  });

  it('a 403 mid-load: the answer is printed with a partial-data warning naming what was kept (exit 0)', async () => {
    resetServer({ faults: [{ path: '/rolebindings', fromPage: 2, fault: { type: 'forbidden' } }] });
    const r = await viaCluster(['who-can', 'get', 'secrets', '-A']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('partial data: may not list rolebindings with context "fake" (403 Forbidden: rolebindings is forbidden');
    expect(r.stderr).toContain('refused at page 2, after 25 rolebindings had been read, which are kept');
  });

  it('a token revoked mid-load (401): exit 69, log in again', async () => {
    resetServer({ faults: [{ path: '/clusterroles', fromPage: 2, fault: { type: 'unauthorized' } }] });
    const r = await viaCluster(['who-can', 'get', 'secrets', '-A']);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/rejected the credentials \(401 Unauthorized\): log in again/);
  });

  it('timeout: exit 69 with a hint', async () => {
    resetServer({ latencyMs: (q) => (q.path.endsWith('/pods') ? 10_000 : 0) });
    const started = Date.now();
    const r = await viaCluster(['snapshot', '--request-timeout', '1s']);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/^rbac-atlas: timed out after 1 s reading pods \(page 1\) from https:\/\/127\.0\.0\.1:\d+ \(context "fake"\); .*--request-timeout/);
  });
});

describe('cannot load (exit codes)', () => {
  it('401 (a wrong token): exit 69, server and context named, no stack trace', async () => {
    const r = await viaCluster(['who-can', 'get', 'secrets', '--context', 'fake-bad-token']);
    expect(r.code).toBe(69);
    expect(r.stderr).toBe(`rbac-atlas: the API server ${api.url} (context "fake-bad-token") rejected the credentials (401 Unauthorized): log in again or check the user of the context in kubeconfig\n`);
  });

  it('an unknown context: exit 64 listing the contexts', async () => {
    const r = await viaCluster(['can-i', 'get', 'pods', '--as', 'x', '--context', 'prod']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('context "prod" not found in kubeconfig');
    expect(r.stderr).toContain('available contexts: fake, fake-bad-token, fake-no-token');
  });

  it('no kubeconfig anywhere: exit 64 saying what to do', async () => {
    const r = await run(['who-can', 'get', 'secrets']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/no kubeconfig found .* use --demo/);
  });
});

describe('Secrets', () => {
  it('a whole snapshot: no request to a secrets path, no Secret data in any response', async () => {
    expect((await viaCluster(['snapshot', '-q'])).code).toBe(0);
    expect(api.requests.length).toBeGreaterThan(15);
    expect(api.requests.filter((q) => q.path.includes('/secrets') || q.resource === 'secrets')).toEqual([]);
    expect(api.responses.filter((r) => r.body.includes(SECRET_VALUE))).toEqual([]);
  });
});

afterAll(() => {
  // and over every request of every test in this file
  seen.push(...api.requests);
  bodies.push(...api.responses.map((r) => r.body));
  expect(seen.filter((q) => q.path.includes('/secrets') || q.resource === 'secrets')).toEqual([]);
  expect(seen.some((q) => q.secretData)).toBe(false);
  expect(bodies.filter((b) => b.includes(SECRET_VALUE))).toHaveLength(0);
});
