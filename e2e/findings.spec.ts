import { ExplorerPage } from './pages/ExplorerPage';
import { NamespacesPage } from './pages/NamespacesPage';
import { useRealisticLarge } from './support/large-source';
import { expect, test } from './fixtures';

const PLATFORM_TEAM = 'cluster-admin:Group/platform-team@cluster';
const GITLAB_RUNNER = 'cluster-admin:ServiceAccount/ci/gitlab-runner@cluster';

test.describe('findings on realistic-large', () => {
  test.describe.configure({ timeout: 120_000 });

  test('a namespace lists the cluster-wide findings that apply there; a row opens its finding', async ({ findings, page, baseURL }) => {
    await useRealisticLarge(page, baseURL!);
    await findings.goto('?ns=payments-prod');
    await expect(findings.matched).toHaveText(/^\d+ of \d+ findings$/);
    await expect(page.getByTestId('applies-here').first()).toHaveText('applies in payments-prod');
    await findings.rows.first().click({ position: { x: 30, y: 12 } });
    await expect(page).toHaveURL(/\/findings\/finding\?id=/);
    await expect(page.getByTestId('finding-remediation')).not.toBeEmpty();
    await expect(page.getByRole('list', { name: 'Grants to change' }).getByRole('listitem').first()).toBeVisible();
  });
});

test.describe('findings', () => {
  test('a click anywhere on a row opens the finding: what to do, the grants to change, notes in words', async ({ findings, page }, testInfo) => {
    await findings.goto('?kind=cluster-admin');
    // the severity cell is no link: the row's link covers it
    await findings.row(GITLAB_RUNNER).click({ position: { x: 30, y: 12 } });
    await expect(page).toHaveURL(/\/findings\/finding\?id=cluster-admin%3AServiceAccount%2Fci%2Fgitlab-runner%40cluster$/);
    const detail = page.getByTestId('finding-detail');
    await expect(detail.getByRole('heading', { level: 1 })).toHaveText('Cluster-admin equivalent: ServiceAccount ci/gitlab-runner');
    await expect(page.getByTestId('finding-remediation')).toContainText('Bind a role with the verbs and resources the subject needs');
    const grants = detail.getByRole('list', { name: 'Grants to change' }).getByRole('listitem');
    await expect(grants.first()).toHaveAttribute('data-binding', 'ClusterRoleBinding/gitlab-runner-cluster-admin');
    await expect(grants.first()).toContainText('Rule 1 of cluster-admin');
    await expect(grants.first().getByLabel('kubectl commands')).toContainText('kubectl delete clusterrolebinding gitlab-runner-cluster-admin');
    // notes name finding kinds by title, never by id
    const notes = detail.getByRole('list', { name: 'Notes' });
    await expect(notes).toContainText('Also covers: “');
    await expect(notes).not.toContainText('read-secrets');
    await findings.shell.screenshot('finding-detail', (n) => testInfo.outputPath(n));
    await detail.getByRole('link', { name: 'Show its grant paths in the graph' }).click();
    await expect(page).toHaveURL(/\/\?finding=cluster-admin%3AServiceAccount%2Fci%2Fgitlab-runner%40cluster/);
  });

  test('team-a/api reading secrets: the RoleBinding to delete and the role to narrow; an unknown finding is a readable error', async ({ findings, page }) => {
    await findings.goto('?ns=team-a&kind=read-secrets');
    await findings.openFinding('read-secrets:ServiceAccount/team-a/api@team-a').click();
    const grant = page.getByRole('list', { name: 'Grants to change' }).getByRole('listitem');
    await expect(grant).toHaveCount(1);
    await expect(grant.getByTestId('grant-change')).toContainText('Delete RoleBinding api-secrets (it binds only ServiceAccount team-a/api)');
    await expect(grant.getByLabel('kubectl commands')).toHaveText('kubectl delete rolebinding api-secrets -n team-a\nkubectl edit role api-secrets -n team-a');
    await expect(page.getByRole('table', { name: 'Pods' }).locator('tbody tr')).toHaveCount(2);
    await page.goto('/findings/finding?id=nope');
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('This finding is not in the data source');
  });

  test('counts by severity, the chart by namespace and the table on the demo', async ({ findings }, testInfo) => {
    await findings.goto();
    await expect(findings.shell.navLink('Findings')).toHaveAttribute('aria-current', 'page');
    await expect(findings.total).toHaveText('61');
    await expect(findings.severityCard('critical')).toHaveAccessibleName('20 critical');
    await expect(findings.severityCard('high')).toHaveAccessibleName('17 high');
    await expect(findings.severityCard('medium')).toHaveAccessibleName('20 medium');
    await expect(findings.severityCard('low')).toHaveAccessibleName('4 low');
    await expect(findings.matched).toHaveText('61 findings');
    await expect(findings.rows).toHaveCount(61);
    for (const id of [PLATFORM_TEAM, GITLAB_RUNNER]) {
      await expect(findings.row(id).getByRole('cell')).toContainText(['critical', 'Cluster-admin equivalent', /platform-team|gitlab-runner/, 'cluster-wide']);
    }
    await expect(findings.chart.locator('[data-scope="cluster"]').first()).toBeAttached();
    await expect(findings.chart).toContainText('argocd');
    await findings.shell.screenshot('findings', (n) => testInfo.outputPath(n));
  });

  test('filter by severity, kind, namespace and text; sort by a column', async ({ findings, page }) => {
    await findings.goto();
    await findings.severity.selectOption('critical');
    await expect(page).toHaveURL(/sev=critical/);
    await expect(findings.matched).toHaveText('20 of 61 findings');
    await expect(findings.rows.locator('[data-severity]:not([data-severity="critical"])')).toHaveCount(0);

    await findings.kind.selectOption('cluster-admin');
    await expect(page).toHaveURL(/sev=critical&kind=cluster-admin/);
    await expect(findings.rows).toHaveCount(3);
    await expect(findings.row(GITLAB_RUNNER)).toBeVisible();

    await findings.text.fill('gitlab');
    await expect(findings.rows).toHaveCount(1);
    await expect(findings.row(GITLAB_RUNNER)).toBeVisible();

    await findings.clearFilters.click();
    await expect(findings.matched).toHaveText('61 findings');
    // a namespace: its own findings and the cluster-wide ones that apply there, marked as such
    await findings.namespace.selectOption('team-a');
    await expect(findings.matched).toHaveText(/^\d+ of 61 findings$/);
    await expect(findings.row('read-secrets:ServiceAccount/team-a/api@team-a')).toBeVisible();
    await expect(findings.row(GITLAB_RUNNER).getByTestId('applies-here')).toHaveText('applies in team-a');
    await expect(findings.rows.filter({ hasText: 'cluster-wide' }).first()).toBeVisible();
    await findings.namespace.selectOption('_cluster');
    await expect(findings.matched).toHaveText('43 of 61 findings');

    // a severity card filters too; a column header sorts (the sort is in the URL)
    await findings.goto('?sort=target&dir=asc');
    await expect(findings.table.getByRole('columnheader', { name: /Subject \/ object/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(findings.rows.first()).toContainText('ClusterRole/argocd-application-controller');
    await findings.severityCard('low').click();
    await expect(findings.matched).toHaveText('4 of 61 findings');
  });

  test('the built-in switch adds the findings of the bootstrap policy', async ({ findings, page }) => {
    await findings.goto();
    await expect(findings.filters).toContainText('(84 hidden)');
    await findings.builtin.check();
    await expect(page).toHaveURL(/builtin=1/);
    await expect(findings.total).toHaveText('145');
    await expect(findings.row('escalate:ServiceAccount/kube-system/clusterrole-aggregation-controller@cluster')).toContainText('built-in');
    await findings.builtin.uncheck();
    await expect(findings.total).toHaveText('61');
  });

  test('a row opens the explorer on its grant paths with the subject selected and marked', async ({ findings, page }, testInfo) => {
    await findings.goto('?kind=cluster-admin');
    await findings.openInGraph(GITLAB_RUNNER).click();
    await expect(page).toHaveURL(/\/\?finding=cluster-admin%3AServiceAccount%2Fci%2Fgitlab-runner%40cluster&sel=ServiceAccount%2Fci%2Fgitlab-runner$/);
    const explorer = new ExplorerPage(page);
    await explorer.waitForLayout();
    await expect(explorer.answerTitle).toHaveText('Cluster-admin equivalent: ServiceAccount ci/gitlab-runner (cluster-wide)');
    await expect(page.getByTestId('finding-message')).toContainText('holds every verb on every resource');
    await expect(explorer.detailsTitle).toHaveText('ci/gitlab-runner');
    await expect(explorer.node('ServiceAccount/ci/gitlab-runner')).toHaveAttribute('data-risk', 'critical');
    await expect(explorer.edge('ServiceAccount/ci/gitlab-runner', 'ClusterRoleBinding/gitlab-runner-cluster-admin')).toBeAttached();
    await expect(explorer.edge('ClusterRoleBinding/gitlab-runner-cluster-admin', 'ClusterRole/cluster-admin')).toBeAttached();
    await expect(explorer.graphEdges.locator('li[data-relation="runs-as"]')).toHaveCount(1);
    await expect(explorer.paths.first()).toHaveAttribute('data-path', /ServiceAccount\/ci\/gitlab-runner > ClusterRoleBinding\/gitlab-runner-cluster-admin > ClusterRole\/cluster-admin/);
    await expect(explorer.legend).toContainText('critical / high finding');
    await explorer.shell.screenshot('explorer-finding', (n) => testInfo.outputPath(n));
  });

  test('every export downloads the shown findings in its format', async ({ findings }) => {
    await findings.goto();
    const json = await findings.download('JSON');
    expect(json.download.suggestedFilename()).toBe('rbac-atlas-findings.json');
    const report = JSON.parse(json.text) as { summary: { total: number; hiddenBuiltin: number }; findings: { id: string }[] };
    expect(report.summary.total).toBe(61);
    expect(report.summary.hiddenBuiltin).toBe(84);
    expect(report.findings.map((f) => f.id)).toContain(PLATFORM_TEAM);

    const csv = await findings.download('CSV');
    expect(csv.text.split('\r\n')[0]).toMatch(/^id,severity,base_severity,kind,title,subject_kind,subject_namespace,subject_name,/);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(62);

    const sarif = await findings.download('SARIF');
    expect(sarif.download.suggestedFilename()).toBe('rbac-atlas-findings.sarif');
    const log = JSON.parse(sarif.text) as { version: string; runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results).toHaveLength(61);
    expect(log.runs[0]!.tool.driver.rules.length).toBeGreaterThan(20);

    const markdown = await findings.download('Markdown');
    expect(markdown.text).toMatch(/^# RBAC Atlas scan/);
    expect(markdown.text).toContain('61 findings (20 critical, 17 high, 20 medium, 4 low)');

    const html = await findings.download('HTML report');
    expect(html.download.suggestedFilename()).toBe('rbac-atlas-findings.html');
    expect(html.text).toMatch(/^<!doctype html>/);
    expect(html.text).not.toMatch(/<script|<link /i);

    // the filters apply to the downloads
    await findings.severity.selectOption('critical');
    await expect(findings.matched).toHaveText('20 of 61 findings');
    const critical = JSON.parse((await findings.download('JSON')).text) as { summary: { total: number } };
    expect(critical.summary.total).toBe(20);
  });

  test('the scan configuration line: no .rbac-atlas.yaml for the shared server, nothing suppressed', async ({ findings }) => {
    await findings.goto();
    await expect(findings.config.getByTestId('scan-config')).toContainText('No .rbac-atlas.yaml');
    await expect(findings.suppressed).toHaveCount(0);
  });

  test("findings through groups: the group's finding counts its ServiceAccounts and pods; a ServiceAccount lists its groups' findings", async ({ findings, subjects }) => {
    await findings.goto('?kind=read-secrets');
    await expect(findings.row('read-secrets:Group/system:authenticated@cluster')).toContainText('69 ServiceAccounts, 27 pods (24 with token)');
    // issue 12: team-a/api reads every Secret of the cluster through system:authenticated
    await subjects.goto('ServiceAccount:team-a/api');
    const row = subjects.findings.locator('li[data-finding-id="read-secrets:Group/system:authenticated@cluster"]');
    await expect(row.getByTestId('finding-through')).toHaveText('through Group system:authenticated');
    await expect(subjects.findings.locator('li[data-finding-id="read-secrets:ServiceAccount/team-a/api@team-a"] [data-testid="finding-through"]')).toHaveCount(0);
  });

  test('risk badges: on graph subjects with a high or critical finding, and per namespace', async ({ explorer, page }) => {
    await explorer.goto();
    await expect(explorer.node('Group/system:authenticated')).toHaveAttribute('data-risk', 'critical');
    await expect(explorer.node('ServiceAccount/argocd/argocd-applicationset-controller')).toHaveAttribute('data-risk', 'high');
    // built-in: never marked (drawn by name or not: the answer is summarised)
    await expect(explorer.graphNodes.locator('li[data-node-id="Group/system:masters"][data-risk]')).toHaveCount(0);
    await expect(explorer.legend).toContainText('critical / high finding');

    const namespaces = new NamespacesPage(page);
    await namespaces.goto();
    await expect(namespaces.row('argocd').getByTestId('namespace-findings')).toHaveText('1 critical, 2 high');
    await expect(namespaces.row('team-a').getByRole('cell').nth(1)).toHaveText('0');
    await namespaces.row('argocd').getByTestId('namespace-findings').click();
    await expect(page).toHaveURL(/\/findings\?ns=argocd&sev=critical,high$/);
    // its 3, and the cluster-wide high and critical findings about subjects, which apply in argocd too
    await expect(page.getByTestId('findings-matched')).toHaveText(/^(\d+) of 61 findings$/);
    await expect(page.getByTestId('applies-here').first()).toHaveText('applies in argocd');
    await expect(page.locator('tr[data-finding-id$="@argocd"]')).toHaveCount(3);
  });
});
