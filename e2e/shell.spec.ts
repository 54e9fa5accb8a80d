import { expect, test } from './fixtures';

test.describe('app shell', () => {
  test('navigation, search and the data source stay while a page loads', async ({ namespaces, page }) => {
    await namespaces.goto();
    await expect(namespaces.shell.sourceBadge).toBeVisible();
    // hold the next page's server render back, to see what is on screen meanwhile
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/findings(\?|$)/, async (route) => {
      // prefetches (the loading state of the page) pass; the page itself waits
      if (!Object.keys(route.request().headers()).some((h) => h.includes('prefetch'))) await held;
      await route.continue();
    });
    await namespaces.shell.navLink('Findings').click();
    await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();
    await expect(namespaces.shell.nav).toBeVisible();
    await expect(namespaces.shell.search).toBeVisible();
    await expect(namespaces.shell.sourceBadge).toBeVisible();
    release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Findings', { timeout: 15_000 });
    await expect(namespaces.shell.navLink('Findings')).toHaveAttribute('aria-current', 'page');
  });

  test('the current section is marked on sub-pages; a missing page keeps the shell', async ({ page, namespaces }) => {
    await namespaces.goto('team-a');
    await expect(namespaces.shell.navLink('Namespaces')).toHaveAttribute('aria-current', 'page');
    await expect(namespaces.shell.navLink('Explore')).not.toHaveAttribute('aria-current', /./);
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(namespaces.shell.nav).toBeVisible();
    await expect(namespaces.shell.sourceBadge).toContainText('demo snapshot');
  });

  test('search says how many matches are not listed, and lists up to 100 on request', async ({ explorer, page }, testInfo) => {
    await explorer.goto();
    await explorer.shell.searchFor('a');
    await expect(explorer.shell.searchMore).toHaveText(/^12 of (\d+) matches shown \((\d+) more\): type more of the name to narrow/);
    const total = Number((await explorer.shell.searchMore.textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(100);
    await explorer.shell.screenshot('search-more', (n) => testInfo.outputPath(n));
    await explorer.shell.searchMore.getByRole('button', { name: 'Show 100' }).click();
    await expect(explorer.shell.searchResults.getByRole('option')).toHaveCount(100);
    await expect(explorer.shell.searchMore).toContainText(`100 of ${total} matches shown`);
    await expect(explorer.shell.search).toBeFocused();
    await explorer.shell.search.fill('gitlab-runner');
    await expect(explorer.shell.searchMore).toHaveText(/^(All \d+ matches|1 match)$/);
    await page.keyboard.press('Escape');
  });

  test('the data source badge shows the whole name at 1280 px', async ({ page, explorer }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await explorer.goto();
    await expect(explorer.shell.sourceBadge).toContainText('demo snapshot (demo-cluster)');
    const name = explorer.shell.sourceBadge.getByText('demo snapshot (demo-cluster)');
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect(explorer.shell.sourceBadge).toContainText('327 objects');
  });
});
