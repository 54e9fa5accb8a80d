// The web app reads the same .rbac-atlas.yaml as `rbac-atlas scan`: a server of its own on the demo,
// given a config (RBAC_ATLAS_CONFIG, as `rbac-atlas serve --config` sets it) with a live suppression,
// an expired one and a severity override. The Findings page, its API and its downloads all follow it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from './fixtures';
import { startAppServer, type AppServer } from './support/app-server';

const CONFIG = `suppressions:
  - kind: cluster-admin
    subject: Group:platform-team
    reason: break-glass group, membership reviewed monthly
    expires: 2999-12-31
  - kind: dangling-binding
    object: RoleBinding/team-a/*
    reason: cleanup ticket OPS-1234
    expires: 2000-01-31
severity:
  wildcard-rule: high
`;
const SUPPRESSED = 'cluster-admin:Group/platform-team@cluster';

const test = base.extend<object, { configServer: AppServer & { file: string } }>({
  configServer: [
    // eslint-disable-next-line no-empty-pattern -- worker fixtures take fixtures by destructuring; none needed
    async ({}, use) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-e2e-config-'));
      const file = path.join(dir, '.rbac-atlas.yaml');
      writeFileSync(file, CONFIG);
      const app = await startAppServer({ RBAC_ATLAS_SOURCE: undefined, RBAC_ATLAS_CONFIG: file });
      await use({ ...app, file });
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ configServer }, use) => use(configServer.url),
});

test('the Findings page, its API and its downloads follow the config: suppressed, expired, severities', async ({ findings, request, configServer }, testInfo) => {
  await findings.goto();
  await expect(findings.total).toHaveText('60'); // 61 on the demo, one suppressed
  await expect(findings.config.getByTestId('scan-config')).toContainText(configServer.file);
  await expect(findings.config).toContainText('1 finding suppressed by the config file');
  await expect(findings.config).toContainText('suppression #2 (line 6) kind=dangling-binding object=RoleBinding/team-a/* expired on 2000-01-31: 1 finding reported again');
  await findings.config.getByText('Suppressed findings (1)').click();
  await expect(findings.suppressed.locator(`tr[data-suppressed-id="${SUPPRESSED}"]`).getByRole('cell')).toContainText([SUPPRESSED, 'break-glass group, membership reviewed monthly', '2999-12-31', 'suppression #1']);
  await expect(findings.row(SUPPRESSED)).toHaveCount(0);
  await expect(findings.row('dangling-binding:RoleBinding/team-a/old-deployer@team-a')).toBeVisible();
  await expect(findings.row('wildcard-rule:ClusterRole/cluster-reader@cluster').locator('[data-severity]')).toHaveAttribute('data-severity', 'high');
  await findings.shell.screenshot('findings-config', (n) => testInfo.outputPath(n));

  // the API: `scan -o json` of the same report, plus "view"
  const api = (await (await request.get('/api/findings')).json()) as { summary: { total: number; suppressed: number }; suppressed: { id: string; reason: string }[]; expiredSuppressions: unknown[]; findings: { id: string }[]; view: { total: number; matched: number } };
  expect(api.summary).toMatchObject({ total: 60, suppressed: 1 });
  expect(api.suppressed.map((x) => x.id)).toEqual([SUPPRESSED]);
  expect(api.expiredSuppressions).toHaveLength(1);
  expect(api.view).toEqual({ total: 60, matched: 60 });

  // the JSON download is the same document without "view"
  const json = JSON.parse((await findings.download('JSON')).text) as Record<string, unknown>;
  const { view: _view, ...document } = api;
  expect(json).toEqual(document);

  // a suppressed finding can still be opened from the list
  await findings.suppressed.getByRole('link', { name: SUPPRESSED }).click();
  await expect(findings.page.getByTestId('finding-message')).toContainText('holds every verb on every resource');
});
