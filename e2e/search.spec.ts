import { expect, test } from './fixtures';

test.describe('global search', () => {
  test('keyboard: type, arrows, Enter opens the hit', async ({ explorer, page }) => {
    await explorer.goto();
    await page.keyboard.press('/');
    await expect(explorer.shell.search).toBeFocused();
    await page.keyboard.type('team-a');
    await expect(explorer.shell.option(/Namespace\s*team-a/)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/namespaces\/team-a$/);

    await explorer.shell.searchFor('cluster-admin');
    const options = explorer.shell.searchResults.getByRole('option');
    await expect(options.first()).toContainText('ClusterRole');
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/object\?id=ClusterRole%2Fcluster-admin/);
    await expect(page.getByTestId('object-title')).toHaveText('cluster-admin');
    await expect(page.getByLabel('Object YAML')).toContainText('kind: ClusterRole');

    await explorer.shell.searchFor('gitlab-runner');
    await explorer.shell.option(/ServiceAccount\s*ci\/gitlab-runner$/).click();
    await expect(page).toHaveURL(/\/subjects\?subject=ServiceAccount%3Aci%2Fgitlab-runner/);

    await explorer.shell.search.fill('zzz-nothing');
    await expect(explorer.shell.searchResults).toContainText('Nothing named like');
    await page.keyboard.press('Escape');
    await expect(explorer.shell.searchResults).toHaveCount(0);
  });
});
