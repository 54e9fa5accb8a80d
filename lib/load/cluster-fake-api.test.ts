// The fake Kubernetes API server (testing/fake-kube-api.ts) answers like a real one: these
// tests pin the shapes the loader relies on, so that a loader test passing means something.
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeKubeApi, type FakeKubeApi } from '../../testing/fake-kube-api';
import { generateCluster } from '../../testing/cluster/generate';

let api: FakeKubeApi;

const SECRET = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'team-a' }, type: 'Opaque', data: { password: 'aHVudGVyMg==' } };

beforeAll(async () => {
  api = await startFakeKubeApi({ snapshot: 'public/demo/demo-cluster.json', objects: [SECRET] });
});
afterAll(async () => {
  await api?.close();
});
beforeEach(() => api.reset());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown> & { items?: Record<string, unknown>[]; metadata?: Record<string, unknown> };
  raw: Buffer;
}

function get(path: string, opts: { token?: string | null; accept?: string; gzip?: boolean } = {}): Promise<Answer> {
  const token = opts.token === undefined ? api.token : opts.token;
  return new Promise((resolve, reject) => {
    const req = https.request(`${api.url}${path}`, {
      ca: api.caPem,
      headers: {
        ...(token !== null ? { authorization: `Bearer ${token}` } : {}),
        ...(opts.accept ? { accept: opts.accept } : {}),
        ...(opts.gzip ? { 'accept-encoding': 'gzip' } : {}),
      },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        let json = {};
        try {
          json = JSON.parse(text);
        } catch {
          json = { text };
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: json as Answer['json'], raw });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('fake API server: list shapes', () => {
  it('a typed list: kind RoleList, apiVersion, resourceVersion, items without kind/apiVersion', async () => {
    const r = await get('/apis/rbac.authorization.k8s.io/v1/roles');
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('RoleList');
    expect(r.json.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    expect(r.json.metadata).toEqual({ resourceVersion: expect.any(String) });
    expect(r.json.items).toHaveLength(api.counts.roles);
    for (const item of r.json.items ?? []) {
      expect(item).not.toHaveProperty('kind');
      expect(item).not.toHaveProperty('apiVersion');
    }
  });

  it.each([
    ['/api/v1/namespaces', 'NamespaceList', 'v1'],
    ['/api/v1/pods', 'PodList', 'v1'],
    ['/api/v1/serviceaccounts', 'ServiceAccountList', 'v1'],
    ['/apis/rbac.authorization.k8s.io/v1/clusterroles', 'ClusterRoleList', 'rbac.authorization.k8s.io/v1'],
    ['/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', 'ClusterRoleBindingList', 'rbac.authorization.k8s.io/v1'],
    ['/apis/rbac.authorization.k8s.io/v1/rolebindings', 'RoleBindingList', 'rbac.authorization.k8s.io/v1'],
  ])('%s is a %s', async (path, kind, apiVersion) => {
    const r = await get(path);
    expect([r.status, r.json.kind, r.json.apiVersion]).toEqual([200, kind, apiVersion]);
  });

  it('namespaced paths list one namespace; cluster-scoped resources have none', async () => {
    const r = await get('/api/v1/namespaces/argocd/pods');
    expect(r.json.items?.length).toBeGreaterThan(0);
    expect(new Set(r.json.items?.map((i) => (i.metadata as { namespace: string }).namespace))).toEqual(new Set(['argocd']));
    expect((await get('/apis/rbac.authorization.k8s.io/v1/namespaces/argocd/clusterroles')).status).toBe(404);
  });

  it('get by name, and 404 NotFound as a Status', async () => {
    const ok = await get('/apis/rbac.authorization.k8s.io/v1/clusterroles/cluster-admin');
    expect([ok.status, ok.json.kind, (ok.json.metadata as { name: string }).name]).toEqual([200, 'ClusterRole', 'cluster-admin']);
    const missing = await get('/apis/rbac.authorization.k8s.io/v1/clusterroles/nope');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  });

  it('discovery and /version', async () => {
    expect((await get('/version')).json).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
    expect((await get('/api')).json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await get('/apis')).json).toMatchObject({ kind: 'APIGroupList', groups: [{ name: 'rbac.authorization.k8s.io' }] });
    const core = await get('/api/v1');
    expect((core.json.resources as { name: string }[]).map((r) => r.name)).toContain('pods');
  });
});

describe('fake API server: paging', () => {
  it('limit/continue walks the whole list once, in key order, with remainingItemCount', async () => {
    const names: string[] = [];
    let cont = '';
    let pages = 0;
    do {
      const r = await get(`/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=30${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      expect(r.status).toBe(200);
      names.push(...(r.json.items ?? []).map((i) => (i.metadata as { name: string }).name));
      cont = (r.json.metadata?.continue as string | undefined) ?? '';
      if (cont) expect(r.json.metadata?.remainingItemCount).toBe(api.counts.clusterroles - names.length);
      pages++;
    } while (cont);
    expect(pages).toBe(Math.ceil(api.counts.clusterroles / 30));
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(api.counts.clusterroles);
  });

  it('pageSizeCap caps the chunk whatever limit asks', async () => {
    api.reset({ pageSizeCap: 7 });
    const r = await get('/api/v1/serviceaccounts?limit=500');
    expect(r.json.items).toHaveLength(7);
    expect(r.json.metadata?.continue).toEqual(expect.any(String));
  });

  it('an expired continue token is 410 Gone with reason Expired; a bad one is 400', async () => {
    api.reset({ expireContinue: { afterPages: 1 } });
    const first = await get('/api/v1/serviceaccounts?limit=10');
    const gone = await get(`/api/v1/serviceaccounts?limit=10&continue=${first.json.metadata?.continue as string}`);
    expect(gone.status).toBe(410);
    expect(gone.json).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410, message: expect.stringContaining('too old') });
    expect((await get('/api/v1/serviceaccounts?limit=10&continue=garbage')).status).toBe(400);
  });

  it('tokens also expire by age', async () => {
    api.reset({ expireContinue: { afterMs: 1 } });
    const first = await get('/api/v1/serviceaccounts?limit=10');
    await new Promise((r) => setTimeout(r, 20));
    expect((await get(`/api/v1/serviceaccounts?limit=10&continue=${first.json.metadata?.continue as string}`)).status).toBe(410);
  });
});

describe('fake API server: auth, authorization, failures', () => {
  it.each([
    ['no token', null],
    ['a wrong token', 'wrong'],
  ])('%s: 401 Unauthorized Status, recorded without the Authorization header', async (_name, token) => {
    const r = await get('/api/v1/pods', { token });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect(api.requests[0]?.auth).toBe(token === null ? 'missing' : 'invalid');
    expect(JSON.stringify(api.requests)).not.toContain(api.token);
    expect(api.requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('403 Forbidden Status for a forbidden resource, as the real message reads', async () => {
    api.reset({ forbid: ['pods'] });
    const r = await get('/api/v1/pods');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403, details: { kind: 'pods' } });
    expect(r.json.message).toBe('pods is forbidden: User "system:serviceaccount:rbac-atlas:rbac-atlas" cannot list resource "pods" in API group "" at the cluster scope');
    expect((await get('/api/v1/namespaces/argocd/pods')).json.message).toContain('in the namespace "argocd"');
  });

  it('faults by request number: 500, 429 with Retry-After, reset', async () => {
    api.reset({ faults: [{ at: [1], fault: { type: 'status', code: 500 } }, { at: [2], fault: { type: 'status', code: 429, retryAfterSeconds: 3 } }, { at: [3], fault: { type: 'reset' } }] });
    expect((await get('/version')).status).toBe(500);
    const limited = await get('/version');
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '3']);
    await expect(get('/version')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await get('/version')).status).toBe(200);
    expect(api.requests.map((r) => r.fault ?? r.status)).toEqual(['status-500', 'status-429', 'reset', 200]);
  });

  it('Secrets: full objects to a plain request (flagged), metadata only with the PartialObjectMetadataList Accept header', async () => {
    const full = await get('/api/v1/secrets');
    expect(full.json.items?.[0]).toHaveProperty('data');
    expect(api.requests[0]?.secretData).toBe(true);
    const meta = await get('/api/v1/secrets', { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' });
    expect(meta.json).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1' });
    expect(meta.json.items?.[0]).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: SECRET.metadata });
    expect(api.requests[1]).toMatchObject({ secretData: false, metadataOnly: true });
  });

  it('Table-only Accept is 406; kubectl-style alternatives fall back to JSON', async () => {
    expect((await get('/api/v1/pods', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' })).status).toBe(406);
    expect((await get('/api/v1/pods', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' })).json.kind).toBe('PodList');
  });

  it('records fieldSelector/labelSelector (ignored) and other query parameters', async () => {
    await get('/api/v1/pods?labelSelector=app%3Dx&fieldSelector=spec.nodeName%3Dn1&limit=5');
    expect(api.requests[0]?.query).toEqual({ labelSelector: 'app=x', fieldSelector: 'spec.nodeName=n1', limit: '5' });
  });
});

describe('fake API server: large lists', () => {
  it('gzips answers over 128 KiB when asked to', async () => {
    const big = await startFakeKubeApi({ objects: [generateCluster({ namespaces: 30 })] });
    try {
      const r = await new Promise<{ encoding?: string; bytes: number }>((resolve, reject) => {
        https.get(`${big.url}/apis/rbac.authorization.k8s.io/v1/rolebindings`, { ca: big.caPem, headers: { authorization: `Bearer ${big.token}`, 'accept-encoding': 'gzip' } }, (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => resolve({ ...(res.headers['content-encoding'] ? { encoding: res.headers['content-encoding'] } : {}), bytes }));
        }).on('error', reject);
      });
      expect(r.encoding).toBe('gzip');
      expect(big.requests[0]?.bytes).toBe(r.bytes);
    } finally {
      await big.close();
    }
  });
});
