import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { AppShell } from './AppShell';

export type FindingsFormat = 'JSON' | 'CSV' | 'SARIF' | 'Markdown' | 'HTML report';

/** /findings: counts by severity, the chart by namespace, filters, the table and the exports. */
export class FindingsPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly heading: Locator;
  readonly severityCounts: Locator;
  readonly total: Locator;
  readonly chart: Locator;
  readonly filters: Locator;
  readonly severity: Locator;
  readonly kind: Locator;
  readonly namespace: Locator;
  readonly text: Locator;
  readonly builtin: Locator;
  readonly clearFilters: Locator;
  readonly matched: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly exports: Locator;
  /** the scan configuration in use, what it suppresses and the expired suppressions */
  readonly config: Locator;
  readonly suppressed: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.heading = page.getByRole('heading', { level: 1 });
    this.severityCounts = page.getByRole('list', { name: 'Findings by severity' });
    this.total = page.getByTestId('findings-total');
    this.chart = page.getByRole('list', { name: 'Findings by namespace' });
    this.filters = page.getByRole('search', { name: 'Filter findings' });
    this.severity = this.filters.getByLabel('Severity');
    this.kind = this.filters.getByLabel('Kind');
    this.namespace = this.filters.getByLabel('Namespace');
    this.text = this.filters.getByLabel('Text');
    this.builtin = this.filters.getByLabel('Include built-in');
    this.clearFilters = this.filters.getByRole('button', { name: 'Clear filters' });
    this.matched = page.getByTestId('findings-matched');
    this.table = page.getByRole('table', { name: 'Findings' });
    this.rows = this.table.locator('tbody tr');
    this.exports = page.getByRole('group', { name: 'Export findings' });
    this.config = page.getByRole('region', { name: 'Scan configuration' });
    this.suppressed = page.getByRole('table', { name: 'Suppressed findings' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/findings${query}`);
    await expect(this.heading).toHaveText('Findings');
  }

  /** The count card of a severity, e.g. "19 critical". */
  severityCard(severity: 'critical' | 'high' | 'medium' | 'low'): Locator {
    return this.severityCounts.locator(`a[data-severity-card="${severity}"]`);
  }

  row(findingId: string): Locator {
    return this.table.locator(`tr[data-finding-id="${findingId}"]`);
  }

  /** The row's link to the explorer (its grant paths). */
  openInGraph(findingId: string): Locator {
    return this.row(findingId).getByRole('link', { name: /^Graph of / });
  }

  /** The row's own link (on the subject or object name; the whole row is clickable). */
  openFinding(findingId: string): Locator {
    return this.row(findingId).getByRole('link', { name: /^Open the finding/ });
  }

  /** Clicks an export button and returns the download with its text. */
  async download(format: FindingsFormat): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exports.getByRole('link', { name: format, exact: true }).click()]);
    return { download, text: await readFile((await download.path())!, 'utf8') };
  }
}
