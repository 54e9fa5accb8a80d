// The live-cluster loader against the fake API server (testing/fake-kube-api.ts): kubeconfig
// and context selection, in-cluster mode, paging, 403 partial access, 410 relists, retries,
// timeouts, 401/TLS/unreachable errors, and the guarantee that no Secret data is ever requested.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { atlasErrorOf } from '../../testing/atlas-error';
import { makeTestCertificates } from '../../testing/fake-kube-certs';
import { startFakeKubeApi, type FakeKubeApi, type RecordedRequest } from '../../testing/fake-kube-api';
import { measureClusterLoad } from '../../testing/measure-cluster-load';
import { generateCluster } from '../../testing/cluster/generate';
import { objectKey } from '../engine/normalize';
import type { Snapshot } from '../engine/types';
import { toExitCode } from '../errors';
import { CLUSTER_KINDS, listKubeContexts, listRuleFor, loadCluster, type ClusterLoadOptions, type ClusterProgress } from './cluster';
import { sanitizeItem } from './cluster-sanitize';
import { snapshotJsonChunks } from './cluster-snapshot';
import { loadFiles } from './files';

const DEMO = 'public/demo/demo-cluster.json';
const SECRET_VALUE = 'c3VwZXItc2VjcmV0LXZhbHVl'; // base64 of a value that must never travel
const EXTRA = [
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password', namespace: 'team-a' }, type: 'Opaque', data: { password: SECRET_VALUE } },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'ci-token', namespace: 'ci', annotations: { 'kubernetes.io/service-account.name': 'gitlab-runner' } },
    type: 'kubernetes.io/service-account-token',
    data: { token: SECRET_VALUE },
  },
];

let api: FakeKubeApi;
let tmp = '';
const seen: RecordedRequest[] = [];
const bodies: string[] = [];

function resetServer(patch: Parameters<FakeKubeApi['reset']>[0] = {}): void {
  seen.push(...api.requests);
  bodies.push(...api.responses.map((r) => r.body));
  api.reset({ recordBodies: true, ...patch });
}

const load = (o: ClusterLoadOptions = {}) => loadCluster({ kubeconfig: api.kubeconfigPath, backoffMs: 1, ...o });

const loadError = (o: ClusterLoadOptions = {}) => atlasErrorOf(load(o));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rbac-atlas-cluster-'));
  api = await startFakeKubeApi({ snapshot: DEMO, objects: EXTRA, recordBodies: true });
});
afterAll(async () => {
  await api?.close();
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(() => resetServer());

const listRequests = (resource: string) => api.requests.filter((r) => r.resource === resource && r.path.endsWith(`/${resource}`));

/** A snapshot's objects without where they came from: the same cluster must give the same objects. */
function comparable(s: Snapshot) {
  const strip = <T extends { origin?: unknown; metadata: { annotations?: unknown } }>(objs: T[], dropAnnotations = false) =>
    objs.map(({ origin: _o, ...rest }) => (dropAnnotations ? { ...rest, metadata: { ...rest.metadata, annotations: {} } } : rest)).sort((a, b) => objectKey(a as never).localeCompare(objectKey(b as never)));
  return {
    roles: strip(s.roles),
    clusterRoles: strip(s.clusterRoles),
    roleBindings: strip(s.roleBindings),
    clusterRoleBindings: strip(s.clusterRoleBindings),
    serviceAccounts: strip(s.serviceAccounts),
    pods: strip(s.pods, true), // pods are reduced: annotations are not kept
    namespaces: strip(s.namespaces),
    diagnostics: s.diagnostics.map(({ origin: _o, ...d }) => d),
  };
}

describe('loading a cluster', () => {
  it('reads all seven kinds and gives the same snapshot as the file the server serves', async () => {
    const r = await load();
    const file = await loadFiles([DEMO]);
    expect(comparable(r.snapshot)).toEqual(comparable(file.snapshot));
    expect(r.snapshot.meta).toMatchObject({ source: 'cluster fake', partial: false });
    expect(r).toMatchObject({ context: 'fake', server: api.url, serverVersion: 'v1.31.4-fake', forbidden: [] });
    expect(r.objects).toHaveLength(Object.entries(api.counts).filter(([k]) => k !== 'secrets').reduce((n, [, c]) => n + c, 0));
  });

  it('pages with limit and continue (page size 20): every list in several requests', async () => {
    const r = await load({ pageSize: 20 });
    for (const k of CLUSTER_KINDS) {
      const reqs = listRequests(k.resource);
      const count = api.counts[k.resource];
      expect(reqs, k.resource).toHaveLength(Math.max(1, Math.ceil(count / 20)));
      expect(reqs.every((q) => q.query.limit === '20'), k.resource).toBe(true);
      expect(reqs.slice(1).every((q) => typeof q.query.continue === 'string' && q.query.continue !== ''), k.resource).toBe(true);
      expect(reqs[0]?.query.continue, k.resource).toBeUndefined();
      expect(r.stats.perKind[k.kind]).toEqual({ objects: count, pages: reqs.length });
    }
    expect(r.stats.requests).toBe(api.requests.length);
    expect(api.requests.every((q) => q.status === 200)).toBe(true);
  });

  it('the default page size is 500 and every request carries the credentials', async () => {
    await load();
    expect(listRequests('pods')[0]?.query).toEqual({ limit: '500' });
    expect(api.requests.every((q) => q.auth === 'valid' && q.method === 'GET')).toBe(true);
  });

  it('reports progress per kind, ending with done and the full count', async () => {
    const events: ClusterProgress[] = [];
    await load({ pageSize: 30, onProgress: (p) => events.push(p) });
    for (const k of CLUSTER_KINDS) {
      const mine = events.filter((e) => e.kind === k.kind);
      expect(mine.at(-1), k.kind).toEqual({ kind: k.kind, objects: api.counts[k.resource], pages: Math.max(1, Math.ceil(api.counts[k.resource] / 30)), state: 'done' });
      expect(mine.filter((e) => e.state === 'loading').map((e) => e.objects), k.kind).toEqual([...mine.filter((e) => e.state === 'loading').map((e) => e.objects)].sort((a, b) => a - b));
    }
  });
});

describe('Secrets are never requested', () => {
  it('no request of a whole load goes to a secrets path, and no response carries Secret data', async () => {
    await load({ pageSize: 10 });
    expect(api.requests.length).toBeGreaterThan(20);
    const secretRequests = api.requests.filter((q) => q.path.includes('/secrets') || q.resource === 'secrets');
    for (const q of secretRequests) expect(q.headers.accept).toContain('as=PartialObjectMetadataList');
    expect(secretRequests).toEqual([]);
    expect(api.requests.some((q) => q.secretData)).toBe(false);
    expect(api.responses.length).toBe(api.requests.length);
    expect(api.responses.filter((r) => r.body.includes(SECRET_VALUE))).toEqual([]);
  });

  it('(control) the recorder does catch a request that returns Secret data', async () => {
    const res = await fetchWithToken('/api/v1/secrets?control=1');
    expect(res).toContain(SECRET_VALUE);
    expect(api.requests[0]).toMatchObject({ resource: 'secrets', secretData: true });
    expect(api.responses[0]?.body).toContain(SECRET_VALUE);
  });

  it('the sanitized objects hold no Secret, no managedFields, no last-applied configuration', async () => {
    const r = await load();
    const text = JSON.stringify(r.objects);
    expect(text).not.toContain(SECRET_VALUE);
    expect(text).not.toContain('managedFields');
    expect(r.objects.some((o) => o.kind === 'Secret')).toBe(false);
  });
});

describe('partial permissions (403)', () => {
  it('a forbidden kind: the rest loads, a partial-data warning names the missing rule, meta.partial is set', async () => {
    resetServer({ forbid: ['pods'] });
    const r = await load();
    expect(r.forbidden).toEqual(['Pod']);
    expect(r.snapshot.meta.partial).toBe(true);
    expect(r.snapshot.pods).toEqual([]);
    expect(r.snapshot.clusterRoles.length).toBe(api.counts.clusterroles);
    const partial = r.snapshot.diagnostics.filter((d) => d.code === 'partial-data');
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatchObject({ severity: 'warning', origin: { source: 'cluster fake' } });
    expect(partial[0]?.message).toBe(
      'partial data: may not list pods with context "fake" (403 Forbidden: pods is forbidden: User "system:serviceaccount:rbac-atlas:rbac-atlas" cannot list resource "pods" in API group "" at the cluster scope), ' +
        'so the pods that run as each service account are not known; needs list pods (core group) cluster-wide: a ClusterRole rule {apiGroups: [""], resources: ["pods"], verbs: ["list"]} bound by a ClusterRoleBinding',
    );
    expect(partial[0]?.message).toContain('list pods (core group) cluster-wide');
    expect(listRequests('pods').map((q) => q.status)).toEqual([403]); // not retried
  });

  it.each([
    ['Pod', 'list pods (core group) cluster-wide: a ClusterRole rule {apiGroups: [""], resources: ["pods"], verbs: ["list"]} bound by a ClusterRoleBinding'],
    ['ClusterRole', 'list clusterroles (group rbac.authorization.k8s.io) cluster-wide: a ClusterRole rule {apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["list"]} bound by a ClusterRoleBinding'],
  ] as const)('the rule that allows listing %s', (kind, want) => {
    expect(listRuleFor(kind)).toBe(want);
  });

  it('several forbidden kinds, RBAC ones included', async () => {
    resetServer({ forbid: ['clusterroles', 'rolebindings', 'namespaces'] });
    const r = await load();
    expect(r.forbidden).toEqual(['Namespace', 'ClusterRole', 'RoleBinding']);
    expect(r.snapshot.diagnostics.filter((d) => d.code === 'partial-data').map((d) => d.message.match(/may not list (\w+)/)?.[1])).toEqual(['namespaces', 'clusterroles', 'rolebindings']);
  });
});

describe('no kind readable at all', () => {
  it('is an error naming the identity and the permissions needed, not an empty snapshot', async () => {
    resetServer({ forbid: ['namespaces', 'pods', 'serviceaccounts', 'clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'], user: 'system:anonymous' });
    const e = await loadError({});
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^the user of context "fake" may not list any of the kinds RBAC Atlas reads from https:.* \(namespaces is forbidden: User "system:anonymous" cannot list .*\); it needs list on namespaces, serviceaccounts and pods/);
  });
});

describe('expired continue tokens (410 Gone)', () => {
  it('restarts the list from scratch and reads it whole', async () => {
    resetServer({ expireContinue: { afterPages: 2, times: 1 } });
    const r = await load({ pageSize: 10, concurrency: 1 });
    const cr = listRequests('clusterroles');
    const gone = cr.findIndex((q) => q.status === 410);
    expect(gone).toBe(2); // the third page
    expect(cr[gone + 1]?.query).toEqual({ limit: '10' }); // a fresh list, no continue
    expect(cr.slice(gone + 1).every((q) => q.status === 200)).toBe(true);
    expect(r.stats.relists).toBe(1);
    expect(r.snapshot.clusterRoles).toHaveLength(api.counts.clusterroles);
    expect(new Set(r.objects.filter((o) => o.kind === 'ClusterRole').map((o) => (o.metadata as { name: string }).name)).size).toBe(api.counts.clusterroles);
  });

  it('when tokens keep expiring, falls back to one unpaged list after maxRelists restarts', async () => {
    resetServer({ expireContinue: { afterPages: 1 } });
    const r = await load({ pageSize: 10, maxRelists: 2, concurrency: 1 });
    const cr = listRequests('clusterroles');
    expect(cr.map((q) => `${q.query.limit ?? 'all'}:${q.query.continue ? 'cont' : 'first'}:${q.status}`)).toEqual([
      '10:first:200', '10:cont:410', '10:first:200', '10:cont:410', '10:first:200', '10:cont:410', 'all:first:200',
    ]);
    expect(r.snapshot.clusterRoles).toHaveLength(api.counts.clusterroles);
  });
});

describe('transient failures and timeouts', () => {
  it('retries 500, 503, 429 (Retry-After) and connection resets', async () => {
    resetServer({
      faults: [
        { at: [2], fault: { type: 'status', code: 500 } },
        { at: [3], fault: { type: 'reset' } },
        { at: [5], fault: { type: 'status', code: 429, retryAfterSeconds: 0 } },
        { at: [7], fault: { type: 'status', code: 503 } },
      ],
    });
    const r = await load({ pageSize: 50, concurrency: 1 });
    expect(r.stats.retries).toBe(4);
    expect(api.requests.filter((q) => q.fault).map((q) => q.fault)).toEqual(['status-500', 'reset', 'status-429', 'status-503']);
    expect(comparable(r.snapshot)).toEqual(comparable((await loadFiles([DEMO])).snapshot));
  });

  it('gives up after maxAttempts on a persistent 500: exit 69 naming the list', async () => {
    resetServer({ faults: [{ path: '/api/v1/serviceaccounts', fault: { type: 'status', code: 500 } }] });
    const e = await loadError({ maxAttempts: 3 });
    expect(listRequests('serviceaccounts')).toHaveLength(3);
    expect(e.code).toBe('unreachable');
    expect(toExitCode(e)).toBe(69);
    expect(e.message).toMatch(/reading serviceaccounts \(page 1\) from https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) failed: 500 InternalError/);
  });

  it('a gateway timeout (504) is retried too, up to maxAttempts', async () => {
    resetServer({ faults: [{ path: '/api/v1/pods', fault: { type: 'status', code: 504 } }] });
    expect((await loadError({ maxAttempts: 2 })).message).toContain('504 Timeout');
    expect(listRequests('pods')).toHaveLength(2);
  });

  it('one deadline bounds the whole load (slow server)', async () => {
    resetServer({ latencyMs: (r) => (r.path.endsWith('/pods') ? 5_000 : 0) });
    const started = performance.now();
    const e = await loadError({ timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^timed out after 0\.3 s reading pods \(page 1\) from https:.* \(context "fake"\); .*--request-timeout/);
  });

  it('a server that never answers times out too', async () => {
    resetServer({ faults: [{ path: '/version', fault: { type: 'hang' } }] });
    const e = await loadError({ timeoutMs: 200 });
    expect(e.message).toMatch(/^timed out after 0\.2 s reading the server version/);
  });

  it('a caller can cancel', async () => {
    resetServer({ latencyMs: 2_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('user switched context')), 50);
    const e = await loadError({ signal: ac.signal });
    expect(e.message).toMatch(/was cancelled/);
  });
});

describe('unreachable clusters (exit 69)', () => {
  it.each([
    ['fake-bad-token', 'a wrong token'],
    ['fake-no-token', 'no token'],
  ])('context %s (%s): 401, named server and context, no retry', async (context) => {
    const e = await loadError({ context });
    expect(e.code).toBe('unreachable');
    expect(e.message).toBe(`the API server ${api.url} (context "${context}") rejected the credentials (401 Unauthorized): log in again or check the user of the context in kubeconfig`);
    expect(api.requests).toHaveLength(1);
  });

  it('connection refused: fails at once', async () => {
    const file = path.join(tmp, 'refused.yaml');
    const kc = parse(await readFile(api.kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string } }[] };
    const closed = await startFakeKubeApi({});
    const port = new URL(closed.url).port;
    await closed.close();
    for (const c of kc.clusters) c.cluster.server = `https://127.0.0.1:${port}`;
    await writeFile(file, stringify(kc));
    const e = await loadError({ kubeconfig: file });
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(new RegExp(`^cannot reach the API server https://127\\.0\\.0\\.1:${port} \\(context "fake"\\): .*ECONNREFUSED`));
  });

  it('an exec credential plugin that fails: exit 69 naming the context', async () => {
    const file = path.join(tmp, 'exec.yaml');
    const kc = parse(await readFile(api.kubeconfigPath, 'utf8')) as { users: { name: string; user: Record<string, unknown> }[] };
    for (const u of kc.users) u.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'process.stderr.write("token expired, run login"); process.exit(3)'], interactiveMode: 'Never' } };
    await writeFile(file, stringify(kc));
    const e = await loadError({ kubeconfig: file });
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^https:\/\/127\.0\.0\.1:\d+ \(context "fake"\): the exec credential plugin "node" exited with code 3/);
    expect(e.message).not.toContain('token expired'); // the plugin's stderr is never quoted
    expect(api.requests).toHaveLength(0);
  });

  it('a server certificate the kubeconfig CA did not sign: TLS error', async () => {
    const other = await makeTestCertificates();
    const file = path.join(tmp, 'wrong-ca.yaml');
    const kc = parse(await readFile(api.kubeconfigPath, 'utf8')) as { clusters: { cluster: Record<string, string> }[] };
    for (const c of kc.clusters) c.cluster['certificate-authority-data'] = Buffer.from(other.caPem).toString('base64');
    await writeFile(file, stringify(kc));
    const e = await loadError({ kubeconfig: file });
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^TLS verification failed for https:.* \(context "fake"\): .*check certificate-authority in kubeconfig/);
  });
});

describe('kubeconfig and contexts', () => {
  const env = (extra: Record<string, string>) => ({ HOME: path.join(tmp, 'empty-home'), ...extra });

  it('an unknown --context is a usage error listing the contexts', async () => {
    const e = await loadError({ context: 'prod' });
    expect(e.code).toBe('usage');
    expect(e.message).toBe(`context "prod" not found in kubeconfig ${api.kubeconfigPath} (available contexts: fake, fake-bad-token, fake-no-token)`);
  });

  it('KUBECONFIG with several files: merged, the first file to set a value wins, missing files skipped', async () => {
    const second = path.join(tmp, 'second.yaml');
    await writeFile(second, stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'other',
      clusters: [{ name: 'other', cluster: { server: 'https://127.0.0.1:1' } }, { name: 'fake', cluster: { server: 'https://127.0.0.1:2' } }],
      users: [{ name: 'other', user: { token: 'x' } }],
      contexts: [{ name: 'other', context: { cluster: 'other', user: 'other' } }],
    }));
    const KUBECONFIG = [path.join(tmp, 'missing.yaml'), api.kubeconfigPath, second].join(path.delimiter);
    expect(listKubeContexts({ env: env({ KUBECONFIG }) })).toMatchObject({ contexts: ['fake', 'fake-bad-token', 'fake-no-token', 'other'], current: 'fake' });
    const r = await loadCluster({ env: env({ KUBECONFIG }), backoffMs: 1 });
    expect([r.context, r.server]).toEqual(['fake', api.url]); // cluster "fake" from the first file, not the second
    const e = await loadError({ kubeconfig: undefined, env: env({ KUBECONFIG }), context: 'other', timeoutMs: 2_000 } as ClusterLoadOptions);
    expect(e.message).toMatch(/https:\/\/127\.0\.0\.1:1 \(context "other"\)/);
  });

  it('~/.kube/config when KUBECONFIG is not set', async () => {
    const home = path.join(tmp, 'home');
    await mkdir(path.join(home, '.kube'), { recursive: true });
    await writeFile(path.join(home, '.kube', 'config'), await readFile(api.kubeconfigPath));
    const r = await loadCluster({ env: { HOME: home } });
    expect(r.context).toBe('fake');
  });

  it('in-cluster mode: service host/port and the mounted token and CA', async () => {
    const { root, env: podEnv } = await api.writeInClusterFiles();
    const r = await loadCluster({ env: env(podEnv), inClusterRoot: root });
    expect([r.context, r.server, r.snapshot.meta.source]).toEqual(['in-cluster', api.url, 'cluster in-cluster']);
    expect(r.snapshot.clusterRoles).toHaveLength(api.counts.clusterroles);
    expect(api.requests.every((q) => q.auth === 'valid')).toBe(true);
  });

  it('no kubeconfig and not in a pod: a usage error that says what to do', async () => {
    const e = await loadError({ kubeconfig: undefined, env: env({ KUBECONFIG: path.join(tmp, 'nope') }), context: 'prod' } as ClusterLoadOptions);
    expect(e.code).toBe('usage');
    expect(e.message).toBe(`cannot use context "prod": no kubeconfig found (KUBECONFIG=${path.join(tmp, 'nope')}: no such file) and not running inside a cluster; point --kubeconfig or KUBECONFIG at one, or read a dump with -f FILE (kubectl get roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,pods,namespaces -A -o yaml > dump.yaml), or use --demo`);
  });

  it('a missing --kubeconfig file and a broken one', async () => {
    expect((await loadError({ kubeconfig: path.join(tmp, 'absent.yaml') })).message).toMatch(/^--kubeconfig .*absent\.yaml: no such file$/);
    const broken = path.join(tmp, 'broken.yaml');
    await writeFile(broken, 'clusters: [\n');
    const e = await loadError({ kubeconfig: broken });
    expect([e.code, e.message.startsWith(`cannot read kubeconfig ${broken}:`)]).toEqual(['usage', true]);
  });
});

describe('sanitizing', () => {
  const pod = {
    metadata: {
      name: 'web-1', namespace: 'shop', uid: 'u1', labels: { app: 'web' }, annotations: { note: 'x' },
      managedFields: [{ manager: 'kubectl' }],
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'r1', controller: true, blockOwnerDeletion: true }],
    },
    spec: { serviceAccountName: 'web', automountServiceAccountToken: false, nodeName: 'n1', containers: [{ name: 'c', env: [{ name: 'PASSWORD', value: 'hunter2' }] }] },
    status: { phase: 'Running', podIP: '10.0.0.1' },
  };
  it.each([
    ['a Pod keeps only what RBAC answers use', pod, 'Pod', 'v1', {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'r1', controller: true }] },
      spec: { serviceAccountName: 'web', automountServiceAccountToken: false, nodeName: 'n1' },
      status: { phase: 'Running' },
    }],
    ['a Role loses managedFields and last-applied, keeps other annotations', {
      metadata: { name: 'r', namespace: 'a', managedFields: [{}], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' } },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    }, 'Role', 'rbac.authorization.k8s.io/v1', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'a', annotations: { keep: 'me' } },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    }],
    ['an object that already has kind and apiVersion keeps them', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }, 'Namespace', 'v1', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }],
    ['a Secret is dropped whole', { metadata: { name: 's' }, data: { a: 'b' } }, 'Secret', 'v1', undefined],
    ['not an object: left for normalize to report', 'junk', 'Role', 'v1', 'junk'],
  ])('%s', (_name, item, kind, apiVersion, want) => {
    expect(sanitizeItem(item, kind, apiVersion)).toEqual(want);
  });
});

describe('snapshot document', () => {
  it('is a kind: List JSON that the file loader reads back to the same snapshot, with context, version and time', async () => {
    resetServer({ forbid: ['pods'] });
    const r = await load();
    const text = [...snapshotJsonChunks(r)].join('');
    const doc = JSON.parse(text) as { kind: string; metadata: { annotations: Record<string, string> }; items: unknown[] };
    expect(doc.kind).toBe('List');
    expect(doc.metadata.annotations).toEqual({
      'rbac-atlas/context': 'fake',
      'rbac-atlas/server-version': 'v1.31.4-fake',
      'rbac-atlas/captured-at': r.loadedAt,
      'rbac-atlas/partial': 'not readable: Pod',
    });
    expect(text).not.toContain(api.url);
    const file = path.join(tmp, 'snap.json');
    await writeFile(file, text);
    const back = await loadFiles([file]);
    const { diagnostics: _d1, ...fromCluster } = comparable(r.snapshot);
    const { diagnostics: _d2, ...fromFile } = comparable(back.snapshot);
    expect(fromFile).toEqual(fromCluster);
  });
});

describe('scale: a generated cluster with 1,000 team namespaces, page size 500', () => {
  it('loads every object in the minimum number of requests', async () => {
    const list = generateCluster({ namespaces: 1000 });
    const counts = new Map<string, number>();
    for (const o of list.items) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
    const m = await measureClusterLoad({ objects: [list] }, 500);
    const pages = Object.fromEntries(CLUSTER_KINDS.map((k) => [k.resource, Math.max(1, Math.ceil((counts.get(k.kind) ?? 0) / 500))]));
    expect(m.objects).toBe(list.items.length);
    expect(m.pages).toEqual(pages);
    expect(m.requests).toBe(Object.values(pages).reduce((a, b) => a + b, 0) + 1); // + /version
    console.log(`1,000 namespaces: ${m.objects} objects in ${m.ms.toFixed(0)} ms, ${m.requests} requests, ${(m.bytes / 1048576).toFixed(1)} MiB on the wire (gzip)`);
  });
});

function fetchWithToken(p: string): Promise<string> {
  return import('node:https').then(
    (https) =>
      new Promise<string>((resolve, reject) => {
        https.get(`${api.url}${p}`, { ca: api.caPem, headers: { authorization: `Bearer ${api.token}` } }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      }),
  );
}

afterAll(() => {
  // every request of every test above, checked once more: nothing asked for Secrets except the control
  seen.push(...api.requests);
  bodies.push(...api.responses.map((r) => r.body));
  const control = seen.filter((q) => q.query.control === '1');
  expect(seen.filter((q) => q.resource === 'secrets' && q.query.control !== '1')).toEqual([]);
  expect(bodies.filter((b) => b.includes(SECRET_VALUE))).toHaveLength(control.length);
});
