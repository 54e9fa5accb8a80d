import { readFile } from 'node:fs/promises';
import { ExplorerPage } from './pages/ExplorerPage';
import { expect, test } from './fixtures';

test.describe('namespace drill-down', () => {
  test('namespace list: counts, risk hint, filter, sort', async ({ namespaces }, testInfo) => {
    await namespaces.goto();
    await expect(namespaces.heading).toHaveText('Namespaces');
    const row = namespaces.row('team-a');
    await expect(row.getByRole('cell')).toHaveText(['team-a', '4', '2', '2', '4', /\d+/, /\d+/, '0']);
    await namespaces.shell.screenshot('namespaces', (n) => testInfo.outputPath(n));
    await namespaces.filter.fill('kube');
    await expect(namespaces.table.locator('tbody tr')).toHaveCount(4);
    await expect(namespaces.row('argocd')).toHaveCount(0);
    await namespaces.filter.fill('');
    await namespaces.table.getByRole('button', { name: 'Can read secrets' }).click();
    await expect(namespaces.table.getByRole('button', { name: 'Can read secrets' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('choosing a namespace shows bindings, the access matrix, service accounts and pods', async ({ namespaces, page }, testInfo) => {
    await namespaces.goto();
    await namespaces.namespaceLink('team-a').click();
    await expect(page).toHaveURL(/\/namespaces\/team-a$/);
    await expect(namespaces.heading).toHaveText('Namespace team-a');
    await expect(namespaces.roleBindings.getByRole('row')).toHaveCount(5);
    await expect(namespaces.roleBindings).toContainText('jane-edit');
    await namespaces.clusterBindingsToggle.click();
    await expect(page.getByRole('table', { name: 'ClusterRoleBindings' })).toContainText('cluster-admin');
    await expect(namespaces.matrixRow('User/jane@example.com')).toBeVisible();
    await expect(namespaces.serviceAccounts).toContainText('team-a/api');
    await expect(namespaces.pods.getByRole('listitem')).toHaveCount(4);
    await namespaces.shell.screenshot('namespace-team-a', (n) => testInfo.outputPath(n));

    const [csv] = await Promise.all([page.waitForEvent('download'), namespaces.matrixCsv.click()]);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^subject_kind,subject_namespace,subject_name,pods,pods\/exec/);
    expect(text).toContain('User,,jane@example.com');
  });

  test('a matrix cell opens the graph path for that subject, resource and verb', async ({ namespaces, page }) => {
    await namespaces.goto('team-a');
    await namespaces.matrixCell('jane@example.com', 'get', 'secrets').click();
    const explorer = new ExplorerPage(page);
    await expect(page).toHaveURL(/verb=get&resource=secrets&ns=team-a&focus=User%2Fjane%40example\.com&sel=User%2Fjane%40example\.com/);
    await expect(explorer.answerTitle).toHaveText('Who can get secrets in team-a?');
    await expect(explorer.detailsTitle).toHaveText('jane@example.com');
    await expect(explorer.paths.first()).toHaveAttribute('data-path', 'User/jane@example.com > RoleBinding/team-a/jane-edit > ClusterRole/edit > Permission/get secrets');
    // focused: only jane's paths are drawn
    await expect(explorer.graphNodes.locator('li[data-kind="Group"]')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the whole answer' }).click();
    await expect(explorer.node('Group/system:masters')).toBeAttached();
  });

  test('an unknown namespace is a readable error', async ({ namespaces, page }) => {
    await namespaces.goto('no-such-namespace');
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('namespace "no-such-namespace" is not in the data source');
  });
});
