// "Try a change" through the real UI: manifests uploaded on the Data source page are applied ON the
// demo snapshot (not instead of it); the banner says so on every page; answers, graph, the changes
// page and the Findings page show what is gained and lost; one click drops the change. A manifest
// with an error is refused, named, and the source stays as it was.
import { readFileSync } from 'node:fs';
import { ExplorerPage } from './pages/ExplorerPage';
import { FindingsPage } from './pages/FindingsPage';
import { expect, test } from './fixtures';

const CHANGE = readFileSync('e2e/testdata/try-change.yaml');
const BAD = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ok}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: eve}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: broken, namespace: team-a}
rules: [{apiGroups: [""], resources: [pods], verbs: get}]
`;

test.describe('try a change', () => {
  test('apply on the demo, see gained and lost everywhere, drop it in one click', async ({ source, page }, testInfo) => {
    test.slow(); // five pages, two of them with a graph
    await source.goto();
    const banner = page.getByRole('status', { name: 'Trying a change' });
    await expect(banner).toHaveCount(0);
    await page.getByLabel('Manifests to try').setInputFiles({ name: 'try-change.yaml', mimeType: 'application/yaml', buffer: CHANGE });
    await expect(page.getByTestId('change-result')).toContainText('Applied try-change.yaml on demo snapshot (demo-cluster): 1 subject gains and 1 subject loses permissions.');
    await expect(banner).toContainText('try-change.yaml applied on demo snapshot (demo-cluster) (3 objects, 1 replaced)');
    await expect(banner.getByTestId('change-counts')).toHaveText('1 subject gains, 1 loses permissions · findings: 2 added, 1 resolved');
    // an overlay, not a replacement: the demo's 327 objects plus the 2 new ones
    await expect(source.shell.sourceBadge).toContainText('329 objects');
    await source.shell.screenshot('change-source', (n) => testInfo.outputPath(n));

    // the explorer: who may list secrets in team-a, with the change
    const explorer = new ExplorerPage(page);
    await explorer.goto('?verb=list&resource=secrets&ns=team-a');
    await expect(banner).toBeVisible();
    const note = page.getByTestId('answer-change');
    await expect(note).toContainText('With the change (compared with demo snapshot (demo-cluster)): +1 gained, −1 lost');
    await expect(note).toContainText('− ServiceAccount team-a/api (listed after the answer)');
    const gained = explorer.subjects.locator('li[data-subject-id="ServiceAccount/ci/default"]');
    await expect(gained).toHaveAttribute('data-change', 'gained');
    await expect(gained).toContainText('+ gained');
    const lost = page.getByRole('list', { name: 'Lost access' });
    await expect(lost.locator('li[data-subject-id="ServiceAccount/team-a/api"]')).toContainText('was allowed via RoleBinding/team-a/api-secrets → Role/team-a/api-secrets');
    await expect(explorer.node('ServiceAccount/ci/default')).toHaveAttribute('data-change', 'gained');
    // (a summarised answer draws roles, not each binding: the gained subject and its edges carry the mark)
    await expect(page.getByRole('group', { name: 'Legend' })).toContainText('gained with the change');
    // subjects allowed before and after are not marked
    await expect(explorer.subjects.locator('li[data-change]')).toHaveCount(1);
    await expect(explorer.subjects.locator('li[data-subject-id="User/jane@example.com"]')).not.toHaveAttribute('data-change');
    // the gained subject's name in the note selects it: its path is highlighted, its details open
    await note.getByRole('button', { name: 'ServiceAccount ci/default' }).click();
    await expect(explorer.details).toBeVisible();
    await source.shell.screenshot('change-explorer', (n) => testInfo.outputPath(n));

    // the changes page, from the banner
    await banner.getByRole('link', { name: 'See the changes' }).click();
    await expect(page).toHaveURL(/\/source\/changes$/);
    const changed = page.getByRole('list', { name: 'Subjects whose permissions change' });
    const ci = changed.locator('li[data-subject-id="ServiceAccount/ci/default"]');
    await expect(ci.locator('li[data-change="gained"]')).toContainText('get,list secrets');
    await expect(ci.locator('li[data-change="gained"]')).toContainText('cluster-wide');
    await expect(ci.locator('li[data-change="gained"]')).toContainText('through ClusterRoleBinding/ci-default-secrets');
    await expect(changed.locator('li[data-subject-id="ServiceAccount/team-a/api"] li[data-change="lost"]')).toHaveCount(2);
    await expect(page.getByRole('list', { name: 'Findings added by the change' }).getByRole('listitem')).toHaveCount(2);
    await expect(page.getByRole('list', { name: 'Findings resolved by the change' })).toContainText('ServiceAccount team-a/api');
    await source.shell.screenshot('change-list', (n) => testInfo.outputPath(n));

    // the Findings page: added and resolved above the scan of the changed source
    const findings = new FindingsPage(page);
    await page.goto('/findings');
    const changeFindings = page.getByTestId('change-findings');
    await expect(changeFindings.getByRole('list', { name: 'Findings added by the change' })).toContainText('ServiceAccount ci/default');
    await expect(changeFindings.getByRole('list', { name: 'Findings resolved by the change' }).getByRole('listitem')).toHaveCount(1);
    await findings.shell.screenshot('change-findings', (n) => testInfo.outputPath(n));

    // one click drops it: back on the demo, no marks
    await banner.getByRole('button', { name: 'Drop the change' }).click();
    await expect(banner).toHaveCount(0);
    await expect(findings.shell.sourceBadge).toContainText('327 objects');
    await expect(page.getByTestId('change-findings')).toHaveCount(0);
    await explorer.goto('?verb=list&resource=secrets&ns=team-a');
    await expect(explorer.subject('ServiceAccount/team-a/api')).toBeVisible();
    await expect(page.getByTestId('answer-change')).toHaveCount(0);
    await expect(explorer.subjects.locator('li[data-subject-id="ServiceAccount/ci/default"]')).toHaveCount(0);
  });

  test('a manifest with an error is refused, named, and the source stays as it was', async ({ source, page }) => {
    await source.goto();
    await page.getByLabel('Manifests to try').setInputFiles({ name: 'bad.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BAD) });
    const alert = page.getByRole('alert').filter({ hasText: 'The change cannot be applied' });
    await expect(alert).toContainText('1 error in the manifests (the current data source is unchanged)');
    await expect(page.getByRole('list', { name: 'Change diagnostics' })).toContainText('bad.yaml:10:');
    await expect(page.getByRole('list', { name: 'Change diagnostics' })).toContainText('Role "team-a/broken": rules[0].verbs: expected a list');
    await expect(page.getByRole('status', { name: 'Trying a change' })).toHaveCount(0);
    await page.reload();
    await expect(source.shell.sourceBadge).toContainText('327 objects');
    await expect(page.getByRole('status', { name: 'Trying a change' })).toHaveCount(0);
  });
});
