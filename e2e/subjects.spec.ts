import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

test.describe('subject view', () => {
  test('search, pick, and see what the subject can do per scope, how, and its pods', async ({ subjects, page }, testInfo) => {
    await subjects.goto();
    await expect(page.getByText('Pick a subject')).toBeVisible();
    await subjects.search.fill('gitlab');
    await subjects.results.getByRole('link', { name: /ci\/gitlab-runner/ }).click();
    await expect(page).toHaveURL(/subject=ServiceAccount%3Aci%2Fgitlab-runner/);
    await expect(subjects.title).toHaveText('ci/gitlab-runner');
    await expect(subjects.scope('cluster')).toContainText('gitlab-runner-cluster-admin');
    await expect(subjects.scope('cluster')).toContainText('cluster-admin');
    await expect(page.getByText('RoleBinding/team-a/old-deployer names this subject but Role/team-a/deployer-legacy does not exist')).toBeVisible();
    await expect(subjects.pods.getByRole('listitem')).toHaveCount(1);
    await expect(subjects.graphNodes.locator('li[data-node-id="ClusterRoleBinding/gitlab-runner-cluster-admin"]')).toBeAttached();
    await expect(subjects.graphNodes.locator('li[data-kind="Pod"]')).toHaveCount(1);
    await subjects.shell.screenshot('subject-gitlab-runner', (n) => testInfo.outputPath(n));

    const [json] = await Promise.all([page.waitForEvent('download'), subjects.exportJson.click()]);
    const body = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(body.subject).toEqual({ kind: 'ServiceAccount', name: 'gitlab-runner', namespace: 'ci' });
    expect(body.scopes[0].scope).toBe('cluster');
  });

  test('kind filter and groups', async ({ subjects, page }) => {
    await subjects.goto();
    await subjects.kind('Group').click();
    await expect(subjects.results.getByRole('link').first()).toBeVisible();
    await subjects.search.fill('developers');
    await subjects.results.getByRole('link', { name: /developers/ }).click();
    await expect(subjects.title).toHaveText('developers');
    await expect(subjects.scope('team-a')).toContainText('pods/exec');
    await expect(page).toHaveURL(/subject=Group%3Adevelopers/);
    // developers -> one RoleBinding -> one Role: the binding sits in the middle of the canvas; click it
    const canvas = page.getByTestId('graph-canvas');
    await expect(canvas).toHaveAttribute('data-layout-done', 'true');
    await expect(subjects.graphNodes.getByRole('listitem')).toHaveCount(3);
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('details-title')).toHaveText('team-a/developers');
    await expect(page.getByLabel('Object YAML')).toContainText('name: developer');
  });
});
