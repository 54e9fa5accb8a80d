import { readFile } from 'node:fs/promises';
import { useRealisticLarge } from './support/large-source';
import { expect, test } from './fixtures';

test.describe('subject view', () => {
  test('search, pick, and see what the subject can do per scope, how, and its pods', async ({ subjects, page }, testInfo) => {
    await subjects.goto();
    await expect(page.getByText('Pick a subject')).toBeVisible();
    await subjects.search.fill('gitlab');
    await subjects.results.getByRole('link', { name: /ci\/gitlab-runner/ }).click();
    await expect(page).toHaveURL(/subject=ServiceAccount%3Aci%2Fgitlab-runner/);
    await expect(subjects.title).toHaveText('ci/gitlab-runner');
    await expect(subjects.scope('cluster')).toContainText('gitlab-runner-cluster-admin');
    await expect(subjects.scope('cluster')).toContainText('cluster-admin');
    await expect(page.getByText('RoleBinding/team-a/old-deployer applies to this subject but Role/team-a/deployer-legacy does not exist')).toBeVisible();
    await expect(subjects.pods.getByRole('listitem')).toHaveCount(1);
    await expect(subjects.graphNodes.locator('li[data-node-id="ClusterRoleBinding/gitlab-runner-cluster-admin"]')).toBeAttached();
    await expect(subjects.graphNodes.locator('li[data-kind="Pod"]')).toHaveCount(1);
    await subjects.shell.screenshot('subject-gitlab-runner', (n) => testInfo.outputPath(n));

    const [json] = await Promise.all([page.waitForEvent('download'), subjects.exportJson.click()]);
    const body = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(body.subject).toEqual({ kind: 'ServiceAccount', name: 'gitlab-runner', namespace: 'ci' });
    expect(body.scopes[0].scope).toBe('cluster');
  });

  test('effective by default: team-a/api reads every Secret through system:authenticated; the switch shows direct bindings only', async ({ subjects, page }, testInfo) => {
    await subjects.goto('ServiceAccount:team-a/api');
    await expect(subjects.mode.getByRole('radio', { name: 'Effective (with its groups)' })).toHaveAttribute('aria-checked', 'true');
    // at a glance: what, where, through whom
    await expect(subjects.glanceItem('read-secrets', 'cluster')).toContainText('reads secrets in every namespace (cluster-wide) through group system:authenticated');
    await expect(subjects.glanceItem('read-secrets', 'team-a')).toContainText('through its own binding');
    await expect(subjects.counting).toContainText('system:serviceaccounts:team-a');
    // each rule says through which group and binding
    const viaGroup = subjects.scope('cluster').locator('tr[data-via="Group/system:authenticated"]');
    await expect(viaGroup.first()).toContainText('through group system:authenticated');
    await expect(subjects.scope('team-a').locator('tr[data-via="itself"]')).toContainText('team-a/api-secrets');
    // the graph goes subject -> group -> binding
    await expect(subjects.graphNodes.locator('li[data-node-id="Group/system:authenticated"]')).toBeAttached();
    await subjects.shell.screenshot('subject-effective', (n) => testInfo.outputPath(n));

    // the exports are what the page shows: effective, each rule saying through whom (the what-can document)
    await expect(page.getByRole('main').getByText('Export (effective)')).toBeVisible();
    const [effectiveJson] = await Promise.all([page.waitForEvent('download'), subjects.exportJson.click()]);
    const effective = JSON.parse(await readFile((await effectiveJson.path())!, 'utf8'));
    expect(effective.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated']);
    expect(effective.scopes.map((s: { scope: string }) => s.scope)).toEqual(['cluster', 'team-a']);
    expect(effective.scopes[0].grants).toContainEqual(expect.objectContaining({ binding: { kind: 'ClusterRoleBinding', name: 'all-authenticated-cluster-reader' }, via: { kind: 'Group', name: 'system:authenticated' } }));
    const rows = await page.getByRole('table', { name: /^Permissions in / }).locator('tbody tr').count();
    expect(effective.scopes.reduce((n: number, s: { grants: unknown[] }) => n + s.grants.length, 0)).toBe(rows);
    const [effectiveCsv] = await Promise.all([page.waitForEvent('download'), subjects.exportCsv.click()]);
    const csv = (await readFile((await effectiveCsv.path())!, 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('scope,via,binding,role,rule_index,rule');
    expect(csv).toContainEqual(expect.stringMatching(/^cluster,Group\/system:authenticated,ClusterRoleBinding\/all-authenticated-cluster-reader,/));
    expect(csv.length - 1).toBe(rows);

    await subjects.mode.getByRole('radio', { name: 'Direct bindings only' }).click();
    await expect(page).toHaveURL(/direct=1/);
    await expect(page.getByRole('note')).toContainText('Direct bindings only: the groups its requests carry (system:serviceaccounts, system:serviceaccounts:team-a, system:authenticated) are left out');
    await expect(subjects.scope('cluster')).toHaveCount(0);
    await expect(subjects.scope('team-a')).toContainText('secrets');
    await expect(subjects.glance).toHaveCount(0);
    // near miss: the direct exports have its own bindings only, no via
    await expect(page.getByRole('main').getByText('Export (direct)')).toBeVisible();
    const [directJson] = await Promise.all([page.waitForEvent('download'), subjects.exportJson.click()]);
    const direct = JSON.parse(await readFile((await directJson.path())!, 'utf8'));
    expect(direct.scopes.map((s: { scope: string }) => s.scope)).toEqual(['team-a']);
    expect(direct.groups).toBeUndefined();
    expect(JSON.stringify(direct)).not.toContain('"via"');
    await page.getByRole('link', { name: 'Show what it can really do' }).click();
    await expect(subjects.glanceItem('read-secrets', 'cluster')).toBeVisible();
  });

  test('risky powers name the grant that gives them: its own binding before a group\'s, else through group X', async ({ subjects }) => {
    // platform-team reads secrets through its own binding (platform-superuser), and through system:authenticated (listed first in the scope)
    await subjects.goto('Group:platform-team');
    await expect(subjects.glanceItem('read-secrets', 'cluster')).toContainText('through its own binding');
    await expect(subjects.glanceItem('read-secrets', 'cluster')).toContainText('(platform-team-superuser → platform-superuser)');
    await expect(subjects.glanceItem('read-secrets', 'cluster')).not.toContainText('system:authenticated');
    // near miss: team-a/api's own bindings do not read secrets cluster-wide: the group's grant is named
    await subjects.goto('ServiceAccount:team-a/api');
    await expect(subjects.glanceItem('read-secrets', 'cluster')).toContainText('through group system:authenticated');
    await expect(subjects.glanceItem('read-secrets', 'cluster')).toContainText('(all-authenticated-cluster-reader → cluster-reader)');
  });

  test('riskiest subjects first, with their severity and cluster-wide bindings marked', async ({ subjects }) => {
    await subjects.goto();
    await expect(subjects.count).toContainText('riskiest first');
    await expect(subjects.listed().first()).toHaveAttribute('data-risk', 'critical');
    const risks = await subjects.listed().evaluateAll((as) => as.map((a) => a.getAttribute('data-risk')));
    const rank = { critical: 0, high: 1, 'cluster-wide': 2, none: 3 } as Record<string, number>;
    expect(risks.map((r) => rank[r!])).toEqual([...risks.map((r) => rank[r!])].sort((a, b) => a! - b!));
    await subjects.search.fill('developers');
    await expect(subjects.listed().first()).toHaveAttribute('data-subject-id', 'Group/developers');
  });

  test('kind filter and groups (direct bindings: one binding, one role)', async ({ subjects, page }) => {
    await subjects.goto();
    await subjects.kind('Group').click();
    await expect(subjects.results.getByRole('link').first()).toBeVisible();
    await subjects.search.fill('developers');
    await subjects.results.getByRole('link', { name: /developers/ }).click();
    await expect(subjects.title).toHaveText('developers', { timeout: 15_000 });
    await expect(subjects.scope('team-a')).toContainText('pods/exec');
    await expect(page).toHaveURL(/subject=Group%3Adevelopers/);
    await subjects.mode.getByRole('radio', { name: 'Direct bindings only' }).click();
    await expect(page).toHaveURL(/direct=1/);
    // developers -> one RoleBinding -> one Role; choose the binding from the graph's node list (keyboard)
    await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-layout-done', 'true');
    await expect(subjects.graphNodes.getByRole('listitem')).toHaveCount(3);
    await subjects.graphNodes.getByRole('button', { name: 'RoleBinding team-a/developers' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-title')).toHaveText('team-a/developers');
    await expect(page.getByLabel('Object YAML')).toContainText('name: developer');
  });
});

test.describe('subjects on realistic-large', () => {
  test.describe.configure({ timeout: 120_000 });

  test('riskiest first; a ServiceAccount holds what its groups are granted', async ({ subjects, page, baseURL }) => {
    await useRealisticLarge(page, baseURL!);
    await subjects.goto();
    // the first list of an upload waits for its findings (the risk order)
    await expect(subjects.count).toContainText(/^\d+ subjects, riskiest first/, { timeout: 20_000 });
    await expect(subjects.listed().first()).toHaveAttribute('data-risk', 'critical');
    await subjects.goto('ServiceAccount:payments-prod/default');
    await expect(subjects.title).toHaveText('payments-prod/default');
    await expect(subjects.counting).toContainText(/\d+ rules, 0 from bindings that name it, [1-9]\d* through its groups/);
    await expect(subjects.scope('cluster').locator('tr[data-via="Group/system:authenticated"]').first()).toBeVisible();
  });
});
