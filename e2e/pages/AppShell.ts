import { expect, type Locator, type Page } from '@playwright/test';

/** The frame of every page: navigation, global search, data source badge. */
export class AppShell {
  readonly page: Page;
  readonly nav: Locator;
  readonly search: Locator;
  readonly searchResults: Locator;
  readonly sourceBadge: Locator;
  readonly searchMore: Locator;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.search = page.getByRole('combobox', { name: 'Search objects and subjects' });
    this.searchResults = page.getByRole('listbox', { name: 'Search results' });
    this.sourceBadge = page.getByRole('link', { name: /^Current data source/ });
    this.searchMore = page.getByTestId('search-more');
  }

  navLink(name: 'Explore' | 'Findings' | 'Namespaces' | 'Subjects' | 'Data source'): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
    await expect(this.searchResults.getByRole('option').first()).toBeVisible();
  }

  option(name: string | RegExp): Locator {
    return this.searchResults.getByRole('option', { name });
  }

  /** Saves a full-page screenshot into the test's output folder (and e2e/screenshots with SCREENSHOTS=1). */
  async screenshot(name: string, outputPath: (name: string) => string): Promise<void> {
    await this.page.screenshot({ path: outputPath(`${name}.png`) });
    if (process.env.SCREENSHOTS) await this.page.screenshot({ path: `e2e/screenshots/${name}.png` });
  }
}
