import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** /namespaces and /namespaces/[ns]. */
export class NamespacesPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly filter: Locator;
  readonly table: Locator;
  readonly heading: Locator;
  readonly counts: Locator;
  readonly matrix: Locator;
  readonly roleBindings: Locator;
  readonly clusterBindingsToggle: Locator;
  readonly serviceAccounts: Locator;
  readonly pods: Locator;
  readonly matrixCsv: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.filter = page.getByRole('searchbox', { name: 'Filter namespaces' });
    this.table = page.getByRole('table', { name: 'Namespaces' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.counts = page.getByRole('definition');
    this.matrix = page.getByRole('table', { name: /^Access matrix of / });
    this.roleBindings = page.getByRole('table', { name: /^RoleBindings in / });
    this.clusterBindingsToggle = page.getByText(/^ClusterRoleBindings \(apply in every namespace\)/);
    this.serviceAccounts = page.getByRole('list', { name: /^Service accounts in / });
    this.pods = page.getByRole('list', { name: /^Pods in / });
    this.matrixCsv = page.getByRole('link', { name: 'matrix CSV' });
  }

  async goto(ns?: string): Promise<void> {
    await this.page.goto(ns ? `/namespaces/${ns}` : '/namespaces');
  }

  row(ns: string): Locator {
    return this.table.locator(`tr[data-namespace="${ns}"]`);
  }

  namespaceLink(ns: string): Locator {
    return this.table.getByRole('link', { name: ns, exact: true });
  }

  matrixRow(subjectId: string): Locator {
    return this.matrix.locator(`tr[data-subject-id="${subjectId}"]`);
  }

  /** The verb link of a matrix cell ("<subject> can <verb> <resource>: show the path"). */
  matrixCell(subjectLabel: string, verb: string, resource: string): Locator {
    return this.matrix.getByRole('link', { name: `${subjectLabel} can ${verb} ${resource}: show the path`, exact: true });
  }
}
