// The explorer's first screen is readable at any size: every preset's default view draws labels of
// 10 px or more that do not overlap, large answers are summarised (the riskiest subjects by name, the
// others grouped by role) and open up on a click, no internal id shows, and the details panel sits
// beside the graph. On the demo and on realistic-large.
import { SUMMARY_ROWS } from '../lib/engine/graph-summary';
import { PRESETS } from '../lib/service/presets';
import { MIN_READABLE_ZOOM } from '../components/graph/cy/tokens';
import type { ExplorerPage } from './pages/ExplorerPage';
import { expect, test } from './support/dataset-server';

const chipName = (title: string) => title.replace(/^Who can /, '').replace(/\?$/, '');
const INTERNAL_ID = /(^|\s)(kind|ns|more|subjects|roles|effective|pods):|Collapsed\/|Permission\//;

/** The default view of the current answer: readable zoom, no overlap, no internal id, a summary when large. */
async function expectReadable(explorer: ExplorerPage): Promise<void> {
  expect(await explorer.zoom()).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM - 0.001);
  expect(await explorer.overlaps()).toBe(0);
  for (const label of await explorer.nodeLabels()) expect(label).not.toMatch(INTERNAL_ID);
  await expect(explorer.graphEdges).not.toContainText(INTERNAL_ID);
  const total = Number((await explorer.answerCounts.textContent())?.match(/^(\d+)/)?.[1]);
  const subjectColumn = explorer.graphNodes.locator('li[data-kind="User"], li[data-kind="Group"], li[data-kind="ServiceAccount"], li[data-node-id^="Collapsed/subjects:"]');
  if (total > SUMMARY_ROWS) {
    await expect(explorer.collapseNotice).toContainText(`of ${total} subjects by name`);
    expect(await subjectColumn.count()).toBeLessThanOrEqual(SUMMARY_ROWS);
  }
}

/** Subjects' risk marks in list order: critical, then high, then none. */
async function expectRiskFirst(explorer: ExplorerPage): Promise<void> {
  const risks = await explorer.subjects.locator('li[data-subject-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-risk') ?? ''));
  const rank = risks.map((r) => (r === 'critical' ? 0 : r === 'high' ? 1 : 2));
  expect(rank).toEqual([...rank].sort((a, b) => a - b));
}

test.describe('explorer: readable at any size (demo)', () => {
  // several navigations and layouts each: slow when the machine is loaded
  test.describe.configure({ timeout: 90_000 });

  test('every preset: labels of 10 px or more, no overlap, no internal id, a summary when large', async ({ explorer }) => {
    test.setTimeout(120_000);
    for (const preset of PRESETS) {
      await explorer.goto(`?preset=${preset.id}`);
      await expect(explorer.answerTitle).toHaveText(preset.title);
      await expectReadable(explorer);
    }
  });

  test('landing: the chip is marked, the riskiest subjects are listed first and drawn by name', async ({ explorer }, testInfo) => {
    await explorer.goto();
    await expect(explorer.preset('read secrets')).toHaveAttribute('aria-pressed', 'true');
    await expect(explorer.answerCounts).toHaveText(/^23 subjects/);
    await expectReadable(explorer);
    await expectRiskFirst(explorer);
    await expect(explorer.subjects.locator('li').first()).toHaveAttribute('data-risk', 'critical');
    // the first subjects of the list are in the graph by name
    const named = Number((await explorer.collapseNotice.textContent())?.match(/the (\d+) riskiest/)?.[1]);
    expect(named).toBeGreaterThan(3);
    const first = await explorer.subjects.locator('li[data-subject-id]').evaluateAll((els, n) => els.slice(0, n).map((e) => e.getAttribute('data-subject-id')!), named);
    for (const id of first) await expect(explorer.node(id)).toBeAttached();
    // system:authenticated reads every secret: drawn, with its role and the permissions
    await expect(explorer.node('Group/system:authenticated')).toBeAttached();
    await expect(explorer.edge('Group/system:authenticated', 'ClusterRole/cluster-reader')).toHaveAttribute('data-relation', 'holds');
    await expect(explorer.graphNodes.locator('li[data-kind="Permission"]').first()).toHaveAttribute('data-label', /get, list, watch secrets/);
    await explorer.shell.screenshot('explorer-read-secrets', (n) => testInfo.outputPath(n));
  });

  test('the subject list has a filter box', async ({ explorer }) => {
    await explorer.goto();
    await explorer.filterSubjects.fill('argocd');
    const rows = explorer.subjects.locator('li[data-subject-id]');
    await expect(rows).not.toHaveCount(0);
    for (const id of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-subject-id')!))) expect(id).toContain('argocd');
    await expect(explorer.answer.getByTestId('filter-count')).toHaveText(/^\d+ of 23$/);
    await explorer.filterSubjects.fill('no such subject anywhere');
    await expect(explorer.answer).toContainText('No subject matches the filter.');
  });

  test('a click on a group names more of its members; back to the summary', async ({ explorer, page }) => {
    await explorer.goto();
    const group = explorer.graphNodes.locator('li[data-node-id^="Collapsed/subjects:"]').first();
    const id = (await group.getAttribute('data-node-id'))!;
    const hidden = Number((await group.getAttribute('data-label'))!.match(/^(\d+)/)![1]);
    const named = await explorer.graphNodes.locator('li[data-kind="ServiceAccount"], li[data-kind="User"], li[data-kind="Group"]').count();
    await explorer.activateNode(id);
    await expect(page).toHaveURL(/[?&]expand=/);
    await explorer.waitForLayout();
    await expect(explorer.details).toHaveCount(0);
    await expect(explorer.graphNodes.locator('li[data-kind="ServiceAccount"], li[data-kind="User"], li[data-kind="Group"]')).toHaveCount(named + Math.min(8, hidden));
    if (hidden > 8) await expect(explorer.node(id)).toHaveAttribute('data-label', new RegExp(`^${hidden - 8} `));
    else await expect(explorer.node(id)).toHaveCount(0);
    await page.getByRole('button', { name: 'Back to the summary' }).click();
    await expect(page).not.toHaveURL(/expand=/);
    await expect(explorer.node(id)).toHaveAttribute('data-label', new RegExp(`^${hidden} `));
  });

  test('a subject hidden in a group opens its own paths, with the binding, beside the graph', async ({ explorer, page }, testInfo) => {
    await explorer.goto();
    const last = explorer.subjects.locator('li[data-subject-id]').last();
    const id = (await last.getAttribute('data-subject-id'))!;
    await expect(explorer.node(id)).toHaveCount(0);
    await last.getByRole('button').click();
    await expect(page).toHaveURL(/[?&]focus=/);
    await expect(explorer.details).toBeVisible();
    await explorer.waitForLayout();
    await expect(explorer.paths.first()).toHaveAttribute('data-path', new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} > (Cluster)?RoleBinding/`));
    // the details panel is beside the canvas, never over it
    const canvas = (await explorer.canvas.boundingBox())!;
    const details = (await explorer.details.boundingBox())!;
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(details.x + 1);
    await explorer.shell.screenshot('explorer-focus', (n) => testInfo.outputPath(n));
  });

  test('selecting a drawn subject keeps its whole path in view beside the details panel', async ({ explorer }) => {
    await explorer.goto('?preset=read-secrets&sel=Group%2Fsystem%3Aauthenticated');
    await expect(explorer.details).toBeVisible();
    await explorer.waitForLayout();
    await expect(explorer.paths.first()).toContainText('cluster-reader');
    const canvas = (await explorer.canvas.boundingBox())!;
    const details = (await explorer.details.boundingBox())!;
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(details.x + 1);
  });

  test('force layout: boxes hold their labels and do not overlap', async ({ explorer, page }) => {
    for (const preset of ['read-secrets', 'escalate-bind-impersonate']) {
      await explorer.goto(`?preset=${preset}`);
      await explorer.layoutOption('Force').click();
      await expect(page).toHaveURL(/layout=fcose/);
      await explorer.waitForLayout();
      await expect.poll(() => explorer.overlaps()).toBe(0);
      expect(await explorer.zoom()).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM - 0.001);
    }
  });

  test('every preset chip is fully visible at 1280 and 1024 px', async ({ explorer, page }) => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 720 });
      await explorer.goto();
      for (const preset of PRESETS) await expect(explorer.preset(chipName(preset.title))).toBeInViewport({ ratio: 1 });
    }
  });
});

test.describe('explorer: readable at any size (realistic-large)', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  test('every preset: labels of 10 px or more, no overlap, no internal id, a summary when large', async ({ explorer, large }) => {
    test.setTimeout(180_000);
    for (const preset of PRESETS) {
      await explorer.goto(`?preset=${preset.id}`, large.url);
      await expect(explorer.answerTitle).toHaveText(preset.title);
      await expectReadable(explorer);
      await expectRiskFirst(explorer);
    }
  });

  test('139 secret readers: the riskiest by name, groups that open on a click', async ({ explorer, large, page }, testInfo) => {
    await explorer.goto('', large.url);
    await expect(explorer.answerCounts).toHaveText(/^139 subjects/);
    await expect(explorer.collapseNotice).toContainText('of 139 subjects by name');
    await expect(explorer.subjects.locator('li').first()).toHaveAttribute('data-risk', 'critical');
    await explorer.shell.screenshot('explorer-large-read-secrets', (n) => testInfo.outputPath(n));
    const group = explorer.graphNodes.locator('li[data-node-id^="Collapsed/subjects:"]').first();
    const id = (await group.getAttribute('data-node-id'))!;
    const hidden = Number((await group.getAttribute('data-label'))!.match(/^(\d+)/)![1]);
    await explorer.activateNode(id);
    await expect(page).toHaveURL(/[?&]expand=/);
    await explorer.waitForLayout();
    await expect(explorer.node(id)).toHaveAttribute('data-label', new RegExp(`^${hidden - 8} `));
    expect(await explorer.overlaps()).toBe(0);
  });

  test('escalate, bind or impersonate: 50 subjects summarised', async ({ explorer, large }) => {
    await explorer.goto('?preset=escalate-bind-impersonate', large.url);
    await expect(explorer.answerCounts).toHaveText(/^50 subjects/);
    await expectReadable(explorer);
    await expect(explorer.collapseNotice).toContainText('of 50 subjects by name');
  });
});

test.describe('explorer: readable at any size (generated, 1,000 namespaces)', () => {
  test.describe.configure({ mode: 'serial' });

  test('every preset: labels of 10 px or more, no overlap, no internal id, a summary when large', async ({ explorer, generated }, testInfo) => {
    test.setTimeout(240_000);
    for (const preset of PRESETS) {
      await explorer.goto(`?preset=${preset.id}`, generated.url);
      await expect(explorer.answerTitle).toHaveText(preset.title);
      await expectReadable(explorer);
      await expectRiskFirst(explorer);
      if (preset.id === 'read-secrets') await explorer.shell.screenshot('explorer-generated-read-secrets', (n) => testInfo.outputPath(n));
    }
  });
});
