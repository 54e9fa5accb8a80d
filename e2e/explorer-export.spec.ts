// Graph image exports: the SVG holds every node (its glyph and box) and every label line, without a
// console error; the PNG is a PNG. On the demo (a summary and a whole graph) and on realistic-large.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { ExplorerPage } from './pages/ExplorerPage';
import { expect, test } from './support/dataset-server';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

async function expectCompleteSvg(explorer: ExplorerPage, page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const [file] = await Promise.all([page.waitForEvent('download'), explorer.svg.click()]);
  expect(file.suggestedFilename()).toMatch(/\.svg$/);
  const svg = await readFile((await file.path())!, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  const texts = new Set([...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!)));
  const labels = await explorer.nodeLabels();
  expect(labels.length).toBeGreaterThan(2);
  for (const line of labels.flatMap((l) => l.split('\n'))) expect(texts, `label line "${line}"`).toContain(line);
  // one glyph image per node, and a box (a filled path) per node
  expect((svg.match(/<image /g) ?? []).length).toBe(labels.length);
  expect((svg.match(/<path fill="rgb/g) ?? []).length).toBeGreaterThanOrEqual(labels.length);
  expect(errors).toEqual([]);
}

test.describe('explorer: graph exports (demo)', () => {
  // two exports in a test: slow when the machine is loaded
  test.describe.configure({ timeout: 90_000 });

  test('SVG of a summary and of a whole graph: every shape and label, no console error', async ({ explorer, page }) => {
    await explorer.goto('?preset=read-secrets');
    await expectCompleteSvg(explorer, page);
    await explorer.goto('?preset=escalate-bind-impersonate');
    await expect(explorer.graphNodes.locator('li[data-kind="ClusterRoleBinding"]').first()).toBeAttached();
    await expectCompleteSvg(explorer, page);
  });

  test('SVG of the effective view (pods, groups, dashed edges)', async ({ explorer, page }) => {
    await explorer.goto('?preset=read-secrets&effective=1');
    await expectCompleteSvg(explorer, page);
  });

  test('PNG', async ({ explorer, page }) => {
    await explorer.goto('?preset=read-secrets');
    const [png] = await Promise.all([page.waitForEvent('download'), explorer.png.click()]);
    expect(png.suggestedFilename()).toBe('rbac-atlas-read-secrets.png');
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');
  });
});

test.describe('explorer: graph exports (realistic-large)', () => {
  test.describe.configure({ timeout: 90_000 });

  test('SVG of read secrets: every shape and label, no console error', async ({ explorer, page, large }) => {
    await explorer.goto('?preset=read-secrets', large.url);
    await expectCompleteSvg(explorer, page);
  });
});
