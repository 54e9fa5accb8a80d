// The Paths view over the demo: the list of every subject with a path, one subject's path drawn and
// explained step by step, a pod as the start (the form), the badge on the subject page, and
// /api/paths (the JSON of `rbac-atlas paths -o json` plus "view").
import { expect, test } from './fixtures';

const SERVER = 'ServiceAccount:argocd/argocd-server';

test.describe('paths view', () => {
  test('lists every subject with a path, with the fewest steps to each target', async ({ page }, testInfo) => {
    await page.goto('/paths');
    await expect(page.getByRole('link', { name: 'Paths', exact: true })).toHaveAttribute('aria-current', 'page');
    const table = page.getByRole('table', { name: 'Subjects with a path' });
    const row = table.getByRole('row').filter({ hasText: 'argocd/argocd-server' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('1 step');
    await expect(table.getByRole('row').filter({ hasText: 'platform-team' })).toContainText('holds it');
    await page.screenshot({ path: testInfo.outputPath('paths-all.png') });
    await row.getByRole('link').click();
    await expect(page).toHaveURL(/\/paths\?from=ServiceAccount%3Aargocd%2Fargocd-server/);
    await expect(page.getByTestId('paths-start')).toHaveText('From ServiceAccount argocd/argocd-server');
  });

  test('one subject: the chain and each step in words with its grant', async ({ page }, testInfo) => {
    await page.goto(`/paths?from=${encodeURIComponent(SERVER)}`);
    const admin = page.getByTestId('path-to-cluster-admin');
    await expect(admin.getByRole('heading')).toHaveText('To cluster-admin: 1 step');
    const chain = admin.getByTestId('path-chain');
    await expect(chain).toContainText('argocd/argocd-server');
    await expect(chain).toContainText('1. control-workloads');
    await expect(chain).toContainText('argocd/argocd-application-controller');
    await expect(chain).toContainText('cluster-admin');
    const step = admin.getByTestId('path-step');
    await expect(step).toHaveCount(1);
    await expect(step).toContainText('ServiceAccount argocd/argocd-server creates or changes a workload');
    await expect(step).toContainText('Reaches: ServiceAccount argocd/argocd-application-controller');
    // the grant: binding and role as links to their pages
    await expect(step.locator('a[href*="/object?id="]').filter({ hasText: 'argocd-server' })).toHaveCount(2);
    await expect(step.locator('code').first()).toContainText('-n argocd');
    const node = page.getByTestId('path-to-node');
    await expect(node.getByRole('heading')).toContainText('To root on a node: 1 step');
    await expect(node).toContainText('privileged-pod');
    await page.screenshot({ path: testInfo.outputPath('paths-subject.png'), fullPage: true });

    // the identity reached is a link to its own paths
    await step.getByRole('link', { name: 'ServiceAccount argocd/argocd-application-controller' }).click();
    await expect(page.getByTestId('path-to-cluster-admin').getByRole('heading')).toHaveText('To cluster-admin: holds it already');
  });

  test('a pod as the start, from the form', async ({ page }) => {
    await page.goto('/paths');
    await page.getByRole('combobox', { name: 'Start from' }).selectOption('pod');
    await page.getByRole('textbox', { name: 'Subject, pod or namespace' }).fill('argocd/argocd-server-d7ckpdqd86-pt5sl');
    await page.getByRole('combobox', { name: 'To' }).selectOption('cluster-admin');
    await page.getByRole('button', { name: 'Find paths' }).click();
    await expect(page.getByTestId('paths-start')).toHaveText('From Pod argocd/argocd-server-d7ckpdqd86-pt5sl (runs as ServiceAccount argocd/argocd-server)');
    await expect(page.getByTestId('path-to-cluster-admin').getByRole('heading')).toHaveText('To cluster-admin: 1 step');
    await expect(page.getByTestId('path-to-node')).toHaveCount(0);
  });

  test('an unknown pod says so', async ({ page }) => {
    await page.goto('/paths?pod=team-a/nope');
    await expect(page.getByRole('alert').filter({ hasText: 'Cannot show these paths' })).toContainText('no pod "team-a/nope"');
  });

  test('the subject page shows the badge, linking to the path', async ({ page }) => {
    await page.goto(`/subjects?subject=${encodeURIComponent(SERVER)}`);
    const badge = page.getByTestId('path-badge');
    await expect(badge).toHaveText('reaches cluster-admin in 1 step');
    await badge.click();
    await expect(page).toHaveURL(/\/paths\?from=/);
    await expect(page.getByTestId('path-to-cluster-admin')).toBeVisible();
  });

  test('/api/paths: the CLI document plus view; bad input is a 400 naming the field', async ({ request }) => {
    const res = await request.get(`/api/paths?from=${encodeURIComponent(SERVER)}&to=cluster-admin`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['paths', 'view', 'warnings']);
    expect(body.paths).toHaveLength(1);
    expect(body.paths[0].from).toEqual({ kind: 'ServiceAccount', name: 'argocd-server', namespace: 'argocd' });
    expect(body.paths[0].to).toBe('cluster-admin');
    expect(body.paths[0].steps[0].technique).toBe('control-workloads');
    expect(body.paths[0].steps[0].as).toEqual({ kind: 'ServiceAccount', name: 'argocd-application-controller', namespace: 'argocd' });
    expect(body.paths[0].steps[0].grant.binding.kind).toMatch(/Binding$/);

    const bad = await request.get('/api/paths?to=everything');
    expect(bad.status()).toBe(400);
    expect(await bad.text()).toContain('to');
    expect((await request.get('/api/paths?pod=team-a/nope')).status()).toBe(404);
  });
});
