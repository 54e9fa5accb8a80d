// The data-source picker on a live cluster: two fake Kubernetes API servers (one whose identity may
// not list pods and service accounts), their kubeconfigs merged through KUBECONFIG, and an app
// server of its own that sees them. Serial: the tests share that server's state.
import path from 'node:path';
import { generateCluster } from '../testing/cluster/generate';
import { expect, test as base } from './fixtures';
import { startAppServer, type AppServer } from './support/app-server';
import { startFakeKubeApi, type FakeKubeApi } from '../testing/fake-kube-api';

interface Live {
  app: AppServer;
  full: FakeKubeApi;
  partial: FakeKubeApi;
}

const test = base.extend<object, { live: Live }>({
  live: [
    // eslint-disable-next-line no-empty-pattern -- worker fixtures take fixtures by destructuring; none needed
    async ({}, use) => {
      const objects = [generateCluster({ namespaces: 4 })];
      const slow = { pageSizeCap: 25, latencyMs: 100 };
      const full = await startFakeKubeApi({ objects, contextName: 'fake', ...slow });
      const partial = await startFakeKubeApi({ objects, contextName: 'restricted', forbid: ['pods', 'serviceaccounts'], ...slow });
      const app = await startAppServer({ KUBECONFIG: `${full.kubeconfigPath}:${partial.kubeconfigPath}`, RBAC_ATLAS_SOURCE: undefined });
      await use({ app, full, partial });
      await app.stop();
      await Promise.all([full.close(), partial.close()]);
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ live }, use) => use(live.app.url),
});

test.describe('data source: kubeconfig contexts', () => {
  test.describe.configure({ mode: 'serial' });

  test('lists the server kubeconfig contexts; loading one shows its objects, progress and the load time', async ({ source, live }) => {
    await source.goto();
    await expect(source.name).toHaveText('demo snapshot (demo-cluster)');
    await expect(source.contexts.getByRole('listitem')).toHaveCount(6);
    await expect(source.context('fake')).toContainText('current');
    await expect(source.context('restricted-bad-token')).toBeVisible();

    await source.loadContext('fake');
    await expect(source.loadStatus).toHaveAttribute('data-status', 'loading');
    await expect(source.kindsLoaded).toBeVisible();
    await source.loadEnded('done');
    await expect(source.name).toHaveText('cluster fake');
    await expect(source.context('fake')).toContainText('in use');
    const c = live.full.counts;
    for (const [kind, n] of [['Namespace', c.namespaces], ['ClusterRole', c.clusterroles], ['RoleBinding', c.rolebindings], ['Pod', c.pods]] as const) {
      await expect(source.counts.getByRole('row', { name: new RegExp(`^${kind}\\s+${n}$`) })).toBeVisible();
    }
    await expect(source.loaded).toContainText(/Last load: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    await expect(source.shell.sourceBadge).toContainText('cluster fake');
    await expect(source.partialBanner).toHaveCount(0);
    // only list requests were made, never one for Secrets
    expect(live.full.requests.filter((r) => r.resource === 'secrets')).toHaveLength(0);
  });

  test('context names only: no server, user or token reaches the browser; names outside the kubeconfig are refused', async ({ request, live }) => {
    const contexts = await request.get('/api/source/contexts');
    const text = await contexts.text();
    expect(JSON.parse(text).contexts.map((c: { name: string }) => c.name)).toEqual(['fake', 'fake-bad-token', 'fake-no-token', 'restricted', 'restricted-bad-token', 'restricted-no-token']);
    for (const secret of [live.full.token, live.full.url, live.partial.url, 'fake-user', path.dirname(live.full.kubeconfigPath), path.dirname(live.partial.kubeconfigPath)]) expect(text).not.toContain(secret);

    const unknown = await request.post('/api/source/load', { data: { context: 'prod' } });
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).error).toContain('context "prod" is not in the server\'s kubeconfig');
    const url = await request.post('/api/source/load', { data: { context: 'fake', server: 'https://evil.example' } });
    expect(url.status()).toBe(400);
    const kubeconfig = await request.post('/api/source/load', { data: { kubeconfig: '/etc/passwd' } });
    expect(kubeconfig.status()).toBe(400);
    const form = await request.post('/api/source/load', { form: { context: 'fake' } });
    expect(form.status()).toBe(415);
  });

  test('a context whose identity may not list some kinds: a partial-data banner on every page', async ({ source, explorer, findings }, testInfo) => {
    await source.goto();
    await source.loadContext('restricted');
    await source.loadEnded('done');
    await expect(source.name).toHaveText('cluster restricted');
    await expect(source.partialBanner).toContainText('may not list serviceaccounts, pods (403 Forbidden)');
    await expect(source.partialWarnings.getByRole('listitem')).toHaveCount(2);
    await expect(source.partialWarnings).toContainText('needs list pods (core group) cluster-wide');
    await source.shell.screenshot('source-contexts', (n) => testInfo.outputPath(n));

    await explorer.goto();
    await expect(explorer.shell.page.getByRole('status', { name: 'Partial data' })).toContainText('cluster restricted may not list');
    await findings.goto();
    await expect(findings.page.getByRole('status', { name: 'Partial data' })).toBeVisible();
  });

  test('a context with a bad token: a readable error, and the previous source keeps serving', async ({ source, request }) => {
    await source.goto();
    await source.loadContext('fake-bad-token');
    await source.loadEnded('failed');
    await expect(source.loadStatus).toContainText('Loading context "fake-bad-token" failed');
    await expect(source.loadStatus).toContainText('rejected the credentials (401 Unauthorized)');
    await expect(source.loadStatus).not.toContainText('127.0.0.1'); // no cluster URL in the browser
    await expect(source.loadStatus).toContainText('The previous data source is still in use.');
    await source.goto();
    await expect(source.name).toHaveText('cluster restricted');
    expect((await (await request.get('/api/source')).json()).name).toBe('cluster restricted');
  });

  test('refresh reloads the cluster in use: once the identity may list everything, the banner goes', async ({ source, live }) => {
    live.partial.reset({ forbid: [] });
    await source.goto();
    await expect(source.partialBanner).toBeVisible();
    await source.refreshCluster();
    await source.loadEnded('done');
    await expect(source.partialBanner).toHaveCount(0);
    await expect(source.counts.getByRole('row', { name: new RegExp(`^Pod\\s+${live.partial.counts.pods}$`) })).toBeVisible();
  });
});
