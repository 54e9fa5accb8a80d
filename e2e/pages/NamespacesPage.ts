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
  readonly matrixFilter: Locator;
  readonly matrixLocalOnly: Locator;
  readonly matrixCount: Locator;
  readonly matrixLegend: Locator;

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
    this.matrixFilter = page.getByRole('searchbox', { name: 'Filter matrix subjects' });
    this.matrixLocalOnly = page.getByRole('checkbox', { name: /^Only subjects bound in / });
    this.matrixCount = page.getByTestId('matrix-count');
    this.matrixLegend = page.getByLabel('Matrix legend');
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

  /** The verb link of a matrix cell ("<subject> can <verb> <resource>: show the path"); verb "all" for "all verbs". */
  matrixCell(subjectLabel: string, verb: string, resource: string): Locator {
    const name = verb === 'all' ? `${subjectLabel} can do every verb on ${resource}: show the path` : `${subjectLabel} can ${verb} ${resource}: show the path`;
    return this.matrix.getByRole('link', { name, exact: true });
  }

  /** The cell of a subject (by NodeId) and a resource column. */
  matrixCellOf(subjectId: string, resource: string): Locator {
    return this.matrixRow(subjectId).locator(`td[data-resource="${resource}"]`);
  }

  /** The matrix's rows in display order, as their subject ids. */
  matrixRows(): Locator {
    return this.matrix.locator('tbody tr[data-subject-id]');
  }

  /** The risky-powers chips of a subject's row. */
  riskChips(subjectId: string): Locator {
    return this.matrixRow(subjectId).getByRole('list', { name: 'Risky powers' }).getByRole('listitem');
  }
}
