// Web UI benchmark (a measurement, not a pass/fail timer): time from submitting "who can get secrets
// -A" to the end of the graph layout, the same from a click on the "read secrets" preset, and time of
// a namespace drill-down (click in the namespace list until the access matrix is shown). Each is
// measured twice: by the test (Playwright's click, which first finds the element by role, and the
// wait for the layout, checked every animation frame) and in the page (the app's timing marks,
// components/graph/timings.ts: from the click's handler to the end of the layout). On the demo
// (the suite's server), on lib/testdata/datasets/realistic-large.json and on a generated
// 1,000-namespace cluster (each on a server of its own, started here with RBAC_ATLAS_SOURCE).
// Results: console, attachment, test-results/bench-web.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ExplorerPage } from './pages/ExplorerPage';
import { startAppServer, type AppServer } from './support/app-server';
import { NamespacesPage } from './pages/NamespacesPage';
import { expect, test } from './fixtures';

const ROOT = path.resolve(__dirname, '..');
const REPS = 3;
const GOAL_MS = 1500;

interface Row {
  dataset: string;
  objects: number;
  whoCanMs: number[];
  whoCanInPageMs: number[];
  presetMs: number[];
  presetInPageMs: number[];
  drillDownMs: number[];
  drillDownNamespace: string;
  nodesDrawn: number;
}

const rows: Row[] = [];

async function startServer(sourceFile: string): Promise<AppServer> {
  const server = await startAppServer({ RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [sourceFile] }) });
  // load the data source before measuring (the store loads it on first use)
  const source = (await (await fetch(`${server.url}/api/source`)).json()) as { objects: number };
  expect(source.objects).toBeGreaterThan(0);
  return server;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Waits for the layout numbered `seq` (checked every animation frame, not at expect's polling steps). */
async function layoutNumber(page: Page, seq: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset.layoutSeq === String(n), seq, { polling: 'raf', timeout: 60_000 });
}

const inPageMs = (page: Page) => page.evaluate(() => Math.round(window.__atlasTimings?.lastQueryMs ?? NaN));

async function measure(page: Page, base: string, dataset: string): Promise<Row> {
  const explorer = new ExplorerPage(page);
  const source = (await (await page.request.get(`${base}/api/source`)).json()) as { objects: number };
  const row: Row = { dataset, objects: source.objects, whoCanMs: [], whoCanInPageMs: [], presetMs: [], presetInPageMs: [], drillDownMs: [], drillDownNamespace: '', nodesDrawn: 0 };

  for (let i = 0; i < REPS; i++) {
    // start from another answer so that the graph really changes
    await page.goto(`${base}/?verb=delete&resource=namespaces&ns=_cluster`);
    await explorer.waitForLayout();
    const seq = Number(await explorer.canvas.getAttribute('data-layout-seq'));
    await explorer.verb.fill('get');
    await explorer.resource.fill('secrets');
    await explorer.namespace.selectOption({ label: 'All namespaces' });
    const started = Date.now();
    await explorer.ask.click();
    await layoutNumber(page, seq + 1);
    row.whoCanMs.push(Date.now() - started);
    await expect(explorer.answerTitle).toHaveText('Who can get secrets in any namespace?');
    row.whoCanInPageMs.push(await inPageMs(page));
    row.nodesDrawn = Number(await explorer.graphNodes.getAttribute('data-count'));
  }

  for (let i = 0; i < REPS; i++) {
    await page.goto(`${base}/?verb=delete&resource=namespaces&ns=_cluster`);
    await explorer.waitForLayout();
    const seq = Number(await explorer.canvas.getAttribute('data-layout-seq'));
    const started = Date.now();
    await explorer.preset('read secrets').click();
    await layoutNumber(page, seq + 1);
    row.presetMs.push(Date.now() - started);
    await expect(explorer.answerTitle).toHaveText('Who can read secrets?');
    row.presetInPageMs.push(await inPageMs(page));
  }

  const namespaces = new NamespacesPage(page);
  const list = (await (await page.request.get(`${base}/api/namespaces`)).json()) as { namespaces: { name: string; roleBindings: number }[] };
  const busiest = [...list.namespaces].sort((a, b) => b.roleBindings - a.roleBindings)[0]!.name;
  row.drillDownNamespace = busiest;
  for (let i = 0; i < REPS; i++) {
    await page.goto(`${base}/namespaces`);
    await namespaces.filter.fill(busiest);
    const link = namespaces.namespaceLink(busiest);
    await expect(link).toBeVisible();
    const started = Date.now();
    await link.click();
    await expect(namespaces.matrix).toBeVisible({ timeout: 60_000 });
    row.drillDownMs.push(Date.now() - started);
  }
  return row;
}

test.describe('benchmark: web UI', () => {
  test.describe.configure({ mode: 'serial', timeout: 240_000 });

  // eslint-disable-next-line no-empty-pattern -- Playwright hooks take fixtures by destructuring; none needed
  test.afterAll(async ({}, testInfo) => {
    const summary = rows.map((r) => ({
      dataset: r.dataset,
      objects: r.objects,
      nodesDrawn: r.nodesDrawn,
      whoCanMedianMs: median(r.whoCanMs),
      whoCanInPageMedianMs: median(r.whoCanInPageMs),
      presetMedianMs: median(r.presetMs),
      presetInPageMedianMs: median(r.presetInPageMs),
      drillDownMedianMs: median(r.drillDownMs),
      drillDownNamespace: r.drillDownNamespace,
      runs: { whoCanMs: r.whoCanMs, whoCanInPageMs: r.whoCanInPageMs, presetMs: r.presetMs, presetInPageMs: r.presetInPageMs, drillDownMs: r.drillDownMs },
      goalMs: GOAL_MS,
    }));
    const json = JSON.stringify({ cpus: os.cpus().length, at: new Date().toISOString(), results: summary }, null, 2);
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results/bench-web.json'), json);
    await testInfo.attach('bench-web.json', { body: json, contentType: 'application/json' });
    console.table(summary.map(({ runs: _runs, ...rest }) => rest));
  });

  test('demo snapshot', async ({ page, baseURL }) => {
    rows.push(await measure(page, baseURL!, 'demo'));
  });

  test('realistic-large', async ({ page }) => {
    const server = await startServer(path.join(ROOT, 'lib/testdata/datasets/realistic-large.json'));
    try {
      rows.push(await measure(page, server.url, 'realistic-large'));
    } finally {
      await server.stop();
    }
  });

  test('generated 1,000-namespace cluster', async ({ page }, testInfo) => {
    const file = testInfo.outputPath('cluster-1000.json');
    const gen = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-cluster.mjs'), '--namespaces', '1000', '--out', file], { cwd: ROOT, encoding: 'utf8' });
    test.skip(gen.status !== 0, `generator failed: ${gen.stderr}`);
    const server = await startServer(file);
    try {
      rows.push(await measure(page, server.url, 'generated 1,000 namespaces'));
    } finally {
      await server.stop();
    }
  });
});
