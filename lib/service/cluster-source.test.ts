// Loading kubeconfig contexts in the web app's store, against the fake API server: names only,
// validation against the server's kubeconfig, progress, the previous source serving until a load
// succeeds, failures kept readable, refresh.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeKubeApi, type FakeKubeApi } from '../../testing/fake-kube-api';
import { generateCluster } from '../../testing/cluster/generate';

vi.mock('server-only', () => ({}));

const { contextList, loadProgress, pickerState, startClusterLoad } = await import('./cluster-source');
const { getSource } = await import('./store');

let full: FakeKubeApi;
let restricted: FakeKubeApi;

beforeAll(async () => {
  const objects = [generateCluster({ namespaces: 3 })];
  full = await startFakeKubeApi({ objects, contextName: 'fake' });
  restricted = await startFakeKubeApi({ objects, contextName: 'restricted', forbid: ['pods'] });
  vi.stubEnv('KUBECONFIG', `${full.kubeconfigPath}:${restricted.kubeconfigPath}`);
  vi.stubEnv('RBAC_ATLAS_SOURCE', '');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all([full?.close(), restricted?.close()]);
});

async function settled(seq: number) {
  await vi.waitFor(() => {
    const p = loadProgress();
    expect(p.seq).toBe(seq);
    expect(p.status).not.toBe('loading');
  }, { timeout: 15_000, interval: 20 });
  return loadProgress();
}

describe('cluster sources in the web app', () => {
  it('lists the context names of the server kubeconfig, the current one marked, and nothing else', () => {
    const list = contextList();
    expect(list.contexts).toEqual([
      { name: 'fake', current: true },
      { name: 'fake-bad-token', current: false },
      { name: 'fake-no-token', current: false },
      { name: 'restricted', current: false },
      { name: 'restricted-bad-token', current: false },
      { name: 'restricted-no-token', current: false },
    ]);
    const text = JSON.stringify(list);
    for (const secret of [full.token, full.url, full.caPem.slice(30, 60)]) expect(text).not.toContain(secret);
  });

  it('refuses a context that is not in the kubeconfig, and refresh when the source is not a cluster', async () => {
    expect(() => startClusterLoad({ context: 'prod' })).toThrow(/context "prod" is not in the server's kubeconfig/);
    expect(() => startClusterLoad({ refresh: true })).toThrow(/not a live cluster/);
    expect(loadProgress().status).toBe('idle');
    expect((await getSource()).summary.kind).toBe('demo');
  });

  it('loads a context in the background with progress per kind; then it is the configured source', async () => {
    const started = startClusterLoad({ context: 'fake' });
    expect(started).toMatchObject({ status: 'loading', context: 'fake', objects: 0 });
    expect(started.kinds.map((k) => k.resource)).toEqual(['namespaces', 'clusterroles', 'clusterrolebindings', 'roles', 'rolebindings', 'serviceaccounts', 'pods']);
    const done = await settled(started.seq);
    expect(done.status).toBe('done');
    expect(done.kinds.find((k) => k.kind === 'Pod')).toMatchObject({ objects: full.counts.pods, state: 'done' });
    const source = await getSource();
    expect(source.summary).toMatchObject({ kind: 'cluster', name: 'cluster fake', context: 'fake', partial: false, partialWarnings: [] });
    expect(source.summary.loadedAt).toMatch(/^\d{4}-/);
    expect((await pickerState()).inUse).toBe('fake');
  });

  it('a failed load is reported and the previous source keeps serving', async () => {
    const before = await getSource();
    const done = await settled(startClusterLoad({ context: 'fake-bad-token' }).seq);
    expect(done).toMatchObject({ status: 'failed', context: 'fake-bad-token' });
    expect(done.error).toMatch(/rejected the credentials \(401 Unauthorized\)/);
    expect(await getSource()).toBe(before);
  });

  it('a partial load carries its warnings; refresh reloads the same context', async () => {
    await settled(startClusterLoad({ context: 'restricted' }).seq);
    const partial = (await getSource()).summary;
    expect(partial).toMatchObject({ name: 'cluster restricted', partial: true });
    expect(partial.partialWarnings).toEqual([expect.stringMatching(/^partial data: may not list pods with context "restricted" \(403 Forbidden/)]);
    restricted.reset({ forbid: [] });
    const refreshed = await settled(startClusterLoad({ refresh: true }).seq);
    expect(refreshed).toMatchObject({ status: 'done', refresh: true, context: 'restricted' });
    expect((await getSource()).summary).toMatchObject({ partial: false, counts: { Pod: restricted.counts.pods } });
  });

  it('a load that fails mid-load (500s from page 3 on, after retries) is reported; the previous source keeps serving', async () => {
    full.reset({ pageSizeCap: 10 });
    expect((await settled(startClusterLoad({ context: 'fake' }).seq)).status).toBe('done');
    const before = await getSource();
    full.reset({ pageSizeCap: 10, faults: [{ path: '/rolebindings', fromPage: 3, fault: { type: 'status', code: 500 } }] });
    const failed = await settled(startClusterLoad({ refresh: true }).seq);
    expect(failed).toMatchObject({ status: 'failed', context: 'fake', refresh: true });
    // what the browser sees: the context, not the server's URL
    expect(failed.error).toBe('reading rolebindings (page 3) from context "fake" failed: 500 InternalError');
    expect(full.requests.filter((r) => r.fault === 'status-500')).toHaveLength(5);
    expect(failed.kinds.find((k) => k.kind === 'RoleBinding')).toMatchObject({ pages: 2, state: 'loading' });
    expect(await getSource()).toBe(before);
    // transient: the same fault twice only, then the load succeeds and replaces the source
    full.reset({ pageSizeCap: 10, faults: [{ path: '/rolebindings', fromPage: 3, times: 2, fault: { type: 'status', code: 500 } }] });
    expect((await settled(startClusterLoad({ refresh: true }).seq)).status).toBe('done');
    expect(await getSource()).not.toBe(before);
    expect((await getSource()).summary).toMatchObject({ partial: false, counts: { RoleBinding: full.counts.rolebindings } });
    full.reset();
  });

  it('a newer load replaces a running one', async () => {
    restricted.reset({ latencyMs: 200 });
    const first = startClusterLoad({ context: 'restricted' });
    const second = startClusterLoad({ context: 'fake' });
    expect(second.seq).toBe(first.seq + 1);
    expect((await settled(second.seq)).status).toBe('done');
    expect((await getSource()).summary.context).toBe('fake');
  });
});
