// The fault matrix of the live-cluster loader (docs/reliability.md, "Faults"): every fault the test
// API server injects, in the middle of a load (after some pages of a list succeeded), once transient
// (it recovers within the retries) and once persistent. For each: how many times the request was
// tried, and the outcome (the same snapshot as without faults / partial data, flagged / a failure
// with a clear message and exit code 69). cluster.test.ts covers the first-request cases, 410 relists
// and the deadline; this file is about faults that strike mid-load.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { atlasErrorOf } from '../../testing/atlas-error';
import { startFakeKubeApi, type FakeKubeApi, type FakeKubeApiOptions, type Fault } from '../../testing/fake-kube-api';
import { generateCluster } from '../../testing/cluster/generate';
import { toExitCode } from '../errors';
import { loadCluster, type ClusterLoadOptions, type ClusterLoadResult } from './cluster';

const PAGE = 20;
/** the list the faults hit: several pages long */
const LIST = '/apis/rbac.authorization.k8s.io/v1/rolebindings';

let api: FakeKubeApi;
let baseline: ClusterLoadResult;

const load = (o: ClusterLoadOptions = {}) => loadCluster({ kubeconfig: api.kubeconfigPath, backoffMs: 1, pageSize: PAGE, concurrency: 1, ...o });

const loadError = (o: ClusterLoadOptions = {}) => atlasErrorOf(load(o));

/** requests to the faulty list that got the fault (pages 1 and 2 always succeed) */
const hits = () => api.requests.filter((r) => r.path === LIST && r.fault !== undefined);
const attemptsOfPage3 = () => hits().length;
const midLoad = (fault: Fault, times?: number): Partial<FakeKubeApiOptions> => ({ faults: [{ path: LIST, fromPage: 3, ...(times !== undefined ? { times } : {}), fault }] });

function sameObjects(r: ClusterLoadResult) {
  expect(r.objects).toEqual(baseline.objects);
  expect(r.snapshot.meta.partial).toBe(false);
}

beforeAll(async () => {
  api = await startFakeKubeApi({ objects: [generateCluster({ namespaces: 6, seed: 4 })] });
  baseline = await load();
  expect(baseline.stats.perKind.RoleBinding.pages).toBeGreaterThanOrEqual(4);
});
afterAll(async () => {
  await api?.close();
});
beforeEach(() => api.reset());

describe('faults in the middle of a list (page 3 of rolebindings)', () => {
  it.each([
    ['connection reset', { type: 'reset' }],
    ['500', { type: 'status', code: 500 }],
    ['502', { type: 'status', code: 502 }],
    ['503', { type: 'status', code: 503 }],
    ['504', { type: 'status', code: 504 }],
    ['429 with Retry-After: 0', { type: 'status', code: 429, retryAfterSeconds: 0 }],
  ] as [string, Fault][])('%s, transient (twice): retried, then the same snapshot as without faults', async (_name, fault) => {
    api.reset(midLoad(fault, 2));
    const r = await load();
    expect(hits()).toHaveLength(2);
    expect(r.stats.retries).toBe(2);
    sameObjects(r);
  });

  it.each([
    ['connection reset', { type: 'reset' }, /^cannot reach the API server https:\/\/127\.0\.0\.1:\d+ \(context "fake"\): .*(socket hang up|ECONNRESET).* \(after retries\)$/],
    ['500', { type: 'status', code: 500 }, /^reading rolebindings \(page 3\) from https:\/\/127\.0\.0\.1:\d+ \(context "fake"\) failed: 500 InternalError: injected fault: InternalError$/],
    ['502', { type: 'status', code: 502 }, /^reading rolebindings \(page 3\) from .* failed: 502 BadGateway/],
    ['503', { type: 'status', code: 503 }, /^reading rolebindings \(page 3\) from .* failed: 503 ServiceUnavailable/],
    ['429 with Retry-After: 0', { type: 'status', code: 429, retryAfterSeconds: 0 }, /^reading rolebindings \(page 3\) from .* failed: 429 TooManyRequests/],
  ] as [string, Fault, RegExp][])('%s, persistent: 5 attempts, then a failure naming the list, the page and the server (exit 69)', async (_name, fault, message) => {
    api.reset(midLoad(fault));
    const e = await loadError();
    expect(attemptsOfPage3()).toBe(5);
    expect(e.code).toBe('unreachable');
    expect(toExitCode(e)).toBe(69);
    expect(e.message).toMatch(message);
  });

  it('429 honours Retry-After (1 s) before trying again', async () => {
    api.reset(midLoad({ type: 'status', code: 429, retryAfterSeconds: 1 }, 1));
    const started = performance.now();
    const r = await load();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.stats.retries).toBe(1);
    sameObjects(r);
  });

  it('429 persistent with Retry-After longer than the deadline: the deadline ends it with a hint', async () => {
    api.reset(midLoad({ type: 'status', code: 429, retryAfterSeconds: 5 }));
    const started = performance.now();
    const e = await loadError({ timeoutMs: 1_500 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(e.message).toMatch(/^timed out after 1\.5 s reading rolebindings \(page 3\) from .*--request-timeout/);
  });

  it('slow answers within the deadline (300 ms per page from page 3): the load succeeds', async () => {
    api.reset({ latencyMs: (c) => (c.path === LIST && c.page >= 3 ? 300 : 0) });
    sameObjects(await load());
  });

  it('slow answers beyond the deadline: a timeout naming the page being read', async () => {
    api.reset({ latencyMs: (c) => (c.path === LIST && c.page >= 3 ? 5_000 : 0) });
    const e = await loadError({ timeoutMs: 800 });
    expect(e.message).toMatch(/^timed out after 0\.8 s reading rolebindings \(page 3\) from https:.* \(context "fake"\); a slow or large cluster may need a longer --request-timeout/);
    expect(toExitCode(e)).toBe(69);
  });

  it('a hung request (no answer, once): abandoned after the idle timeout and retried; the load succeeds', async () => {
    api.reset(midLoad({ type: 'hang' }, 1));
    const r = await load({ idleTimeoutMs: 300 });
    expect(hits()).toHaveLength(1);
    expect(r.stats.retries).toBe(1);
    sameObjects(r);
  });

  it('the default idle timeout is a quarter of the deadline (2 s here): a hang does not cost the whole load', async () => {
    api.reset(midLoad({ type: 'hang' }, 1));
    const started = performance.now();
    const r = await load({ timeoutMs: 8_000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(performance.now() - started).toBeLessThan(6_000);
    sameObjects(r);
  });

  it('a server that hangs every time: attempts until maxAttempts, then a clear failure', async () => {
    api.reset(midLoad({ type: 'hang' }));
    const e = await loadError({ idleTimeoutMs: 200, maxAttempts: 3, timeoutMs: 10_000 });
    expect(attemptsOfPage3()).toBe(3);
    expect(e.message).toMatch(/^cannot reach the API server https:.* \(context "fake"\): no answer from the server for 0\.2 s \(GET \/apis\/rbac\.authorization\.k8s\.io\/v1\/rolebindings\) \(after retries\)$/);
    expect(toExitCode(e)).toBe(69);
  });

  it('403 from page 3 on (a binding removed mid-load): not retried; the pages read are kept, the data is flagged partial', async () => {
    api.reset(midLoad({ type: 'forbidden' }));
    const r = await load();
    expect(attemptsOfPage3()).toBe(1);
    expect(r.forbidden).toEqual(['RoleBinding']);
    expect(r.snapshot.meta.partial).toBe(true);
    expect(r.snapshot.roleBindings).toHaveLength(2 * PAGE);
    const warnings = r.snapshot.diagnostics.filter((d) => d.code === 'partial-data').map((d) => d.message);
    expect(warnings).toEqual([
      expect.stringMatching(/^partial data: may not list rolebindings with context "fake" \(403 Forbidden: rolebindings is forbidden: User ".*" cannot list resource "rolebindings" in API group "rbac\.authorization\.k8s\.io" at the cluster scope; refused at page 3, after 40 rolebindings had been read, which are kept\), so namespaced grants are missing; needs list rolebindings/),
    ]);
    // every other kind is whole
    expect(r.snapshot.roles).toEqual(baseline.snapshot.roles);
    expect(r.snapshot.pods).toHaveLength(baseline.snapshot.pods.length);
  });

  it('403 once (transient): also not retried, so also partial (a 403 is an answer, not an outage)', async () => {
    api.reset(midLoad({ type: 'forbidden' }, 1));
    const r = await load();
    expect(r.snapshot.meta.partial).toBe(true);
    expect(r.forbidden).toEqual(['RoleBinding']);
  });

  it('401 from page 3 on (a token revoked mid-load): no retry, a failure that says to log in again (exit 69)', async () => {
    api.reset(midLoad({ type: 'unauthorized' }));
    const e = await loadError();
    expect(attemptsOfPage3()).toBe(1);
    expect(e.message).toBe(`the API server ${api.url} (context "fake") rejected the credentials (401 Unauthorized): log in again or check the user of the context in kubeconfig`);
    expect(toExitCode(e)).toBe(69);
  });

  it('faults on several kinds at once, all transient: one load still gives the same snapshot', async () => {
    api.reset({
      faults: [
        { path: '/api/v1/pods', fromPage: 2, times: 1, fault: { type: 'reset' } },
        { path: LIST, fromPage: 3, times: 2, fault: { type: 'status', code: 503 } },
        { path: '/api/v1/serviceaccounts', fromPage: 2, times: 1, fault: { type: 'status', code: 429, retryAfterSeconds: 0 } },
      ],
      expireContinue: { afterPages: 4, times: 1 },
    });
    const r = await load({ concurrency: 3 });
    expect(r.stats.retries).toBe(4);
    expect(r.stats.relists).toBe(1);
    sameObjects(r);
  });
});
