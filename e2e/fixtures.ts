import { test as base } from '@playwright/test';
import { ExplorerPage } from './pages/ExplorerPage';
import { FindingsPage } from './pages/FindingsPage';
import { NamespacesPage } from './pages/NamespacesPage';
import { SourcePage } from './pages/SourcePage';
import { SubjectsPage } from './pages/SubjectsPage';

type Fixtures = {
  explorer: ExplorerPage;
  findings: FindingsPage;
  namespaces: NamespacesPage;
  subjects: SubjectsPage;
  source: SourcePage;
};

export const test = base.extend<Fixtures>({
  explorer: async ({ page }, use) => use(new ExplorerPage(page)),
  findings: async ({ page }, use) => use(new FindingsPage(page)),
  namespaces: async ({ page }, use) => use(new NamespacesPage(page)),
  subjects: async ({ page }, use) => use(new SubjectsPage(page)),
  source: async ({ page }, use) => use(new SourcePage(page)),
});

export { expect } from '@playwright/test';
