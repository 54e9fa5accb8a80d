// Faults while the web app loads a live cluster (docs/reliability.md, "Faults"): the fake Kubernetes
// API server fails in the middle of a load (after two pages of rolebindings succeeded). A persistent
// fault ends the load with a readable error while the previous good snapshot keeps serving the
// explorer and the API; a transient one is retried and the load succeeds; a 403 mid-load gives
// partial data with a banner; the server never crashes. Serial: the tests share one app server.
import { generateCluster } from '../testing/cluster/generate';
import { expect, test as base } from './fixtures';
import { startAppServer, type AppServer } from './support/app-server';
import { startFakeKubeApi, type FakeKubeApi, type FakeKubeApiOptions, type Fault } from '../testing/fake-kube-api';

interface Live {
  app: AppServer;
  api: FakeKubeApi;
}

const SERVER: FakeKubeApiOptions = { pageSizeCap: 25, latencyMs: 20 };
const LIST = '/apis/rbac.authorization.k8s.io/v1/rolebindings';
const midLoad = (fault: Fault, times?: number): Partial<FakeKubeApiOptions> => ({
  ...SERVER,
  faults: [{ path: LIST, fromPage: 3, ...(times !== undefined ? { times } : {}), fault }],
});

const test = base.extend<object, { live: Live }>({
  live: [
    // eslint-disable-next-line no-empty-pattern -- worker fixtures take fixtures by destructuring; none needed
    async ({}, use) => {
      const api = await startFakeKubeApi({ objects: [generateCluster({ namespaces: 4 })], contextName: 'faulty', ...SERVER });
      const app = await startAppServer({ KUBECONFIG: api.kubeconfigPath, RBAC_ATLAS_SOURCE: undefined });
      await use({ app, api });
      await app.stop();
      await api.close();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ live }, use) => use(live.app.url),
});

test.describe('faults while loading a live cluster', () => {
  test.describe.configure({ mode: 'serial' });

  test.afterEach(async ({ request, live }) => {
    // whatever happened, the server is up and answers
    expect(live.app.child.exitCode, live.app.output()).toBeNull();
    expect(await (await request.get('/api/health')).json()).toEqual({ ok: true });
  });

  test('a good load first', async ({ source, live }) => {
    await source.goto();
    await source.loadContext('faulty');
    await source.loadEnded('done');
    await expect(source.name).toHaveText('cluster faulty');
    expect(live.api.requests.filter((r) => r.path === LIST).length).toBeGreaterThan(2);
  });

  test('500s from page 3 of rolebindings on: retried, then a readable error; the previous snapshot keeps serving', async ({ source, explorer, request, live }) => {
    const before = await (await request.get('/api/source')).json();
    const answerBefore = await (await request.get('/api/who-can?verb=get&resource=secrets')).json();
    live.api.reset(midLoad({ type: 'status', code: 500 }));
    await source.goto();
    await source.refreshCluster();
    await source.loadEnded('failed');
    await expect(source.loadStatus).toContainText('reading rolebindings (page 3) from context "faulty" failed: 500 InternalError');
    await expect(source.loadStatus).not.toContainText('127.0.0.1'); // no cluster URL in the browser
    await expect(source.loadStatus).toContainText('The previous data source is still in use.');
    // five attempts of page 3, then it gave up
    expect(live.api.requests.filter((r) => r.fault === 'status-500')).toHaveLength(5);

    // the previous snapshot: same load time, same answers, in the API and in the explorer
    const after = await (await request.get('/api/source')).json();
    expect(after).toMatchObject({ name: 'cluster faulty', loadedAt: before.loadedAt, partial: false });
    expect(await (await request.get('/api/who-can?verb=get&resource=secrets')).json()).toEqual(answerBefore);
    await explorer.goto('?verb=get&resource=secrets');
    await expect(explorer.answerCounts).toContainText(`${(answerBefore as { subjects: unknown[] }).subjects.length} subject`);
    await expect(explorer.shell.sourceBadge).toContainText('cluster faulty');
  });

  test('a connection reset and two 503s mid-load (transient): retried, and the load succeeds', async ({ source, request, live }) => {
    const before = (await (await request.get('/api/source')).json()).loadedAt;
    live.api.reset({
      ...SERVER,
      faults: [
        { path: LIST, fromPage: 3, times: 2, fault: { type: 'status', code: 503 } },
        { path: '/api/v1/pods', fromPage: 2, times: 1, fault: { type: 'reset' } },
      ],
    });
    await source.goto();
    await source.refreshCluster();
    await source.loadEnded('done');
    expect(live.api.requests.filter((r) => r.fault).map((r) => r.fault).sort()).toEqual(['reset', 'status-503', 'status-503']);
    const now = await (await request.get('/api/source')).json();
    expect(now.loadedAt).not.toBe(before);
    expect(now.partial).toBe(false);
    await expect(source.partialBanner).toHaveCount(0);
  });

  test('a 403 from page 3 on: the load ends with partial data, and a banner says what is missing', async ({ source, explorer, live }) => {
    live.api.reset(midLoad({ type: 'forbidden' }));
    await source.goto();
    await source.refreshCluster();
    await source.loadEnded('done');
    await expect(source.partialBanner).toContainText('may not list rolebindings (403 Forbidden)');
    await expect(source.partialWarnings).toContainText('refused at page 3, after 50 rolebindings had been read, which are kept');
    await explorer.goto();
    await expect(explorer.shell.page.getByRole('status', { name: 'Partial data' })).toContainText('cluster faulty may not list');
  });

  test('a token revoked mid-load (401): a failure that says to log in again; the partial snapshot keeps serving', async ({ source, request, live }) => {
    live.api.reset(midLoad({ type: 'unauthorized' }));
    await source.goto();
    await source.refreshCluster();
    await source.loadEnded('failed');
    await expect(source.loadStatus).toContainText('rejected the credentials (401 Unauthorized): log in again');
    expect((await (await request.get('/api/source')).json()).partial).toBe(true);
  });

  test('then the server recovers: a refresh loads everything again', async ({ source, request, live }) => {
    live.api.reset(SERVER);
    await source.goto();
    await source.refreshCluster();
    await source.loadEnded('done');
    await expect(source.partialBanner).toHaveCount(0);
    expect((await (await request.get('/api/source')).json()).counts.RoleBinding).toBe(live.api.counts.rolebindings);
  });
});
