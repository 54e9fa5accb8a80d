// The effective view answers "which service accounts and pods can do this": it lists them (pod,
// namespace, node, owner, token mounted or not), filters and exports them (JSON: the
// `who-can --effective` document; CSV: one line per account or pod), and its checkbox follows the
// click at once. On the demo and on realistic-large.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { ExplorerPage } from './pages/ExplorerPage';
import { expect, test } from './support/dataset-server';

async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
}

const countIn = async (tab: ReturnType<ExplorerPage['tab']>) => Number((await tab.textContent())!.match(/\((\d+)\)/)![1]);

/** The accounts and pods tabs list what the counts say, and their exports hold every line. */
async function expectListsAndExports(explorer: ExplorerPage, page: Page, slug: string): Promise<void> {
  const accounts = await countIn(explorer.tab('Service accounts'));
  const pods = await countIn(explorer.tab('Pods'));
  expect(accounts).toBeGreaterThan(0);
  expect(pods).toBeGreaterThan(0);

  await explorer.tab('Service accounts').click();
  await expect(explorer.tab('Service accounts')).toHaveAttribute('aria-selected', 'true');
  await expect(explorer.serviceAccounts.getByRole('listitem')).toHaveCount(Math.min(accounts, 200));
  await expect(explorer.serviceAccounts.getByRole('listitem').first()).toContainText(/via /);
  const saCsv = await download(page, explorer.answer.getByRole('link', { name: 'CSV' }));
  expect(saCsv.name).toBe(`rbac-atlas-${slug}-service-accounts.csv`);
  const saLines = saCsv.text.trim().split('\r\n');
  expect(saLines[0]).toBe('namespace,service_account,in_snapshot,allowed_through,scopes,pods');
  expect(saLines).toHaveLength(accounts + 1);

  await explorer.tab('Pods').click();
  const rows = explorer.pods.getByRole('listitem');
  await expect(rows).toHaveCount(Math.min(pods, 200));
  await expect(rows.first()).toContainText(/token mounted|no token/);
  await expect(rows.first()).toContainText(/as \S+/);
  const podsCsv = await download(page, explorer.answer.getByRole('link', { name: 'CSV' }));
  expect(podsCsv.name).toBe(`rbac-atlas-${slug}-pods.csv`);
  const podLines = podsCsv.text.trim().split('\r\n');
  expect(podLines[0]).toBe('namespace,pod,node,owner_kind,owner_name,service_account,token_mounted,allowed_through,scopes');
  expect(podLines).toHaveLength(pods + 1);
  const json = JSON.parse((await download(page, explorer.answer.getByRole('link', { name: 'JSON' }))).text);
  const answers = 'answers' in json ? json.answers : [json];
  expect(answers[0]).toHaveProperty('serviceAccounts');
  expect(answers[0]).toHaveProperty('pods');

  // the filter keeps the pods of one namespace
  const ns = podLines[1]!.split(',')[0]!;
  await explorer.answer.getByRole('searchbox', { name: 'Filter pods' }).fill(ns);
  for (const text of await rows.allTextContents()) expect(text).toContain(`${ns}/`);
}

test.describe('explorer: effective answers (demo)', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the checkbox ticks at once, before the server answers', async ({ explorer, page }) => {
    await explorer.goto('?verb=create&resource=pods/exec&ns=team-a');
    // hold the navigation's server answer for a while
    await page.route('**/*', async (route) => {
      if (route.request().headers()['rsc']) await new Promise((r) => setTimeout(r, 2_000));
      await route.fallback();
    });
    await explorer.effective.click();
    await expect(explorer.effective).toBeChecked({ timeout: 500 });
    await expect(explorer.graph.getByRole('status')).toContainText('Updating');
    await expect(page).toHaveURL(/effective=1/, { timeout: 15_000 });
    await expect(explorer.effectiveCounts).toBeVisible({ timeout: 15_000 });
    await expect(explorer.effective).toBeChecked();
  });

  test('service accounts and pods are listed, filtered and exported', async ({ explorer, page }, testInfo) => {
    await explorer.goto('?preset=read-secrets&effective=1');
    await expect(explorer.effectiveCounts).toContainText(/Effective: \d+ service accounts allowed .*, \d+ pods run as them, \d+ with a token mounted/);
    await expect(explorer.tab('Subjects')).toHaveAttribute('aria-selected', 'true');
    // the graph groups the accounts allowed through system:authenticated under it
    await expect(explorer.edge('Collapsed/effective:Group/system:authenticated', 'Group/system:authenticated')).toHaveAttribute('data-relation', 'member-of');
    await expect(explorer.node('Collapsed/effective:Group/system:authenticated')).toHaveAttribute('data-label', /^\d+ service accounts\n\d+ pods, \d+ with a token$/);
    await explorer.shell.screenshot('explorer-effective', (n) => testInfo.outputPath(n));
    await expectListsAndExports(explorer, page, 'read-secrets');
    await explorer.shell.screenshot('explorer-effective-pods', (n) => testInfo.outputPath(n));
  });

  test('turning it off drops the pods', async ({ explorer, page }) => {
    await explorer.goto('?verb=create&resource=pods/exec&ns=team-a&effective=1');
    await expect(explorer.graphNodes.locator('li[data-kind="Pod"], li[data-node-id^="Collapsed/pods:"], li[data-node-id^="Collapsed/effective:"]').first()).toBeAttached();
    await explorer.effective.click();
    await expect(page).not.toHaveURL(/effective=1/);
    await expect(explorer.answerTabs).toHaveCount(0);
    await expect(explorer.graphNodes.locator('li[data-kind="Pod"]')).toHaveCount(0);
  });
});

test.describe('explorer: effective answers (realistic-large)', () => {
  // several hundred list rows and three downloads: slow when the machine is loaded
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  test('read secrets: service accounts and pods are listed, filtered and exported', async ({ explorer, page, large }) => {
    await explorer.goto('?preset=read-secrets&effective=1', large.url);
    await expect(explorer.effectiveCounts).toBeVisible();
    await expectListsAndExports(explorer, page, 'read-secrets');
  });
});
