import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** /subjects: search on the left, the chosen subject's permissions, pods and graph. */
export class SubjectsPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly search: Locator;
  readonly results: Locator;
  readonly title: Locator;
  readonly pods: Locator;
  readonly graphNodes: Locator;
  readonly exportJson: Locator;
  readonly exportCsv: Locator;
  readonly mode: Locator;
  readonly glance: Locator;
  readonly counting: Locator;
  readonly count: Locator;
  /** the subject's findings, with those of the groups its token carries */
  readonly findings: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.search = page.getByRole('searchbox', { name: 'Search subjects' });
    this.results = page.getByRole('list', { name: 'Subjects found' });
    this.title = page.getByTestId('subject-title');
    this.pods = page.getByRole('region', { name: 'Pods running as it' });
    this.graphNodes = page.getByRole('list', { name: 'Graph nodes' });
    this.exportJson = page.getByRole('main').getByRole('link', { name: 'JSON' });
    this.exportCsv = page.getByRole('main').getByRole('link', { name: 'CSV' });
    this.mode = page.getByRole('radiogroup', { name: 'Permissions shown' });
    this.glance = page.getByTestId('subject-glance');
    this.counting = page.getByTestId('subject-counting');
    this.count = page.getByTestId('subjects-count');
    this.findings = page.getByRole('region', { name: 'Findings' });
  }

  async goto(subject?: string): Promise<void> {
    await this.page.goto(subject ? `/subjects?subject=${encodeURIComponent(subject)}` : '/subjects');
  }

  kind(name: 'All' | 'User' | 'Group' | 'ServiceAccount'): Locator {
    return this.page.getByRole('radiogroup', { name: 'Subject kind' }).getByRole('radio', { name });
  }

  /** A risky power at a glance, e.g. glanceItem('read-secrets', 'cluster'). */
  glanceItem(risk: string, scope: string): Locator {
    return this.glance.locator(`li[data-risk="${risk}"][data-scope="${scope}"]`);
  }

  /** The subjects listed on the left, in order (their NodeIds in data-subject-id). */
  listed(): Locator {
    return this.results.locator('a[data-subject-id]');
  }

  scope(scope: string): Locator {
    return this.page.getByRole('table', { name: `Permissions in ${scope}` });
  }
}
