import { readFile } from 'node:fs/promises';
import { PRESETS } from '../lib/service/presets';
import { ALL_NS } from '../lib/url-params';
import { expect, test } from './fixtures';

test.describe('explorer: the landing view answers a question', () => {
  // several navigations each: slow when the machine is loaded
  test.describe.configure({ timeout: 90_000 });

  test('a question with a small answer: the whole graph, subject -> binding -> role -> permission', async ({ explorer }) => {
    await explorer.goto('?verb=create&resource=pods/exec&ns=team-a');
    await expect(explorer.page).toHaveTitle('RBAC Atlas');
    await expect(explorer.answerCounts).toHaveText(/^\d+ subjects: \d+ users? · \d+ groups? · \d+ service accounts?$/);
    await expect(explorer.subject('Group/system:masters')).toBeVisible();
    await expect(explorer.subject('Group/system:masters')).toContainText('cluster-wide');
    await expect(explorer.collapseNotice).toHaveCount(0);
    await expect(explorer.node('Permission/create pods/exec')).toBeAttached();
    await expect(explorer.node('ClusterRole/cluster-admin')).toBeAttached();
    await expect(explorer.edge('Group/system:masters', 'ClusterRoleBinding/cluster-admin')).toHaveAttribute('data-relation', 'bound-by');
    await expect(explorer.edge('ClusterRoleBinding/cluster-admin', 'ClusterRole/cluster-admin')).toHaveAttribute('data-relation', 'grants');
    await expect(explorer.edge('ClusterRole/cluster-admin', 'Permission/create pods/exec')).toHaveAttribute('data-relation', 'allows');
    await expect(explorer.edge('Group/system:masters', 'ClusterRoleBinding/cluster-admin')).toHaveAttribute('data-cluster-wide', 'true');
    await expect(explorer.legend).toContainText('ClusterRoleBinding');
    await expect(explorer.legend).toContainText('cluster-wide grant');
  });

  test('every preset question: chip -> URL -> merged answer and its permission nodes', async ({ explorer }) => {
    await explorer.goto('?verb=get&resource=configmaps');
    for (const preset of PRESETS) {
      const chip = explorer.preset(preset.title.replace(/^Who can /, '').replace(/\?$/, ''));
      await chip.click();
      await expect(explorer.page).toHaveURL(new RegExp(`[?&]preset=${preset.id}(&|$)`));
      await expect(explorer.answerTitle).toHaveText(preset.title);
      await expect(chip).toHaveAttribute('aria-pressed', 'true');
      // system:masters is allowed everything, so every question lists it
      await expect(explorer.subject('Group/system:masters')).toBeVisible();
      // every request of the preset is allowed by some drawn permission node (one per set a role allows)
      await explorer.waitForLayout();
      const permissions = (await explorer.graphNodes.locator('li[data-kind="Permission"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!.slice('Permission/'.length)))).flatMap((id) => id.split(' | '));
      for (const r of preset.requests) expect(permissions.some((p) => p.startsWith(`${r.verb} `)), `${preset.id}: ${r.verb} ${r.resource}`).toBe(true);
    }
  });

  test('free query: form -> URL -> answer, and the URL reproduces it', async ({ explorer, page }) => {
    await explorer.goto();
    await explorer.askQuestion({ verb: 'create', resource: 'pods/exec', namespace: 'team-a' });
    await expect(page).toHaveURL(/\?verb=create&resource=pods%2Fexec&ns=team-a$/);
    await expect(explorer.answerTitle).toHaveText('Who can create pods/exec in team-a?');
    await expect(explorer.subject('Group/developers')).toBeVisible();
    await explorer.waitForLayout();
    await expect(explorer.node('Permission/create pods/exec')).toBeAttached();

    await page.reload();
    await expect(explorer.answerTitle).toHaveText('Who can create pods/exec in team-a?');
    await expect(explorer.verb).toHaveValue('create');
    await expect(explorer.resource).toHaveValue('pods/exec');
    await expect(explorer.namespace).toHaveValue('team-a');
    await expect(explorer.subject('Group/developers')).toBeVisible();

    await explorer.askQuestion({ namespace: 'argocd' });
    await expect(explorer.answerTitle).toHaveText('Who can create pods/exec in argocd?');
    await expect(explorer.subject('Group/developers')).toHaveCount(0);
  });

  test('free query: API group, resource name, cluster scope and non-resource URLs', async ({ explorer, page }) => {
    await explorer.goto('?verb=delete&resource=namespaces&ns=_cluster');
    await expect(explorer.answerTitle).toHaveText('Who can delete namespaces (cluster-scoped)?');
    await expect(explorer.subject('ServiceAccount/kube-system/namespace-controller')).toBeVisible();

    await expect(explorer.answerScope).toContainText('cluster-scoped');
    await explorer.askQuestion({ verb: 'patch', resource: 'deployments', group: 'apps', name: 'web', namespace: ALL_NS, url: '' });
    await expect(page).toHaveURL(/verb=patch&resource=deployments&group=apps&name=web&ns=_all$/);
    await expect(explorer.answerTitle).toHaveText('Who can patch deployments.apps web in any namespace?');
    await expect(explorer.answerScope).toContainText('in any namespace or cluster-wide');

    // a non-resource request has no namespace: "all namespaces" asks the same question, and says so
    await explorer.askQuestion({ verb: 'get', resource: '', group: '', name: '', url: '/healthz' });
    await expect(explorer.answerTitle).toHaveText('Who can get /healthz?');
    await expect(explorer.answerScope).toContainText('non-resource URL (no namespace)');
    await expect(explorer.answerScope).not.toContainText('any namespace');
    await expect(explorer.subject('Group/system:unauthenticated')).toBeVisible();

    // ... and one namespace is refused, as the CLI and query lines refuse it
    await explorer.askQuestion({ namespace: 'team-a' });
    await expect(explorer.error).toContainText('a non-resource request has no namespace');
  });

  test('a question that cannot be asked gets a readable error', async ({ explorer, page }) => {
    await page.goto('/?verb=get&resource=pods/');
    await expect(explorer.error).toContainText('The question cannot be asked');
    await expect(explorer.error).toContainText('SUBRESOURCE');
  });

  test('details: paths through a node, YAML, rules with the matching rule highlighted, related links', async ({ explorer, page }, testInfo) => {
    await explorer.goto('?verb=get&resource=secrets&ns=team-a');
    await explorer.subject('User/jane@example.com').click();
    await expect(page).toHaveURL(/sel=User%2Fjane%40example\.com/);
    await expect(explorer.detailsTitle).toHaveText('jane@example.com');
    await expect(explorer.paths.first()).toHaveAttribute('data-path', 'User/jane@example.com > RoleBinding/team-a/jane-edit > ClusterRole/edit > Permission/get secrets');
    await expect(explorer.details).toContainText('Users are not Kubernetes objects');

    // related node in the path: select the role from the details panel
    await explorer.details.getByRole('region', { name: 'Paths' }).getByRole('button', { name: 'CR edit', exact: true }).first().click();
    await expect(explorer.detailsTitle).toHaveText('edit');
    await expect(page).toHaveURL(/sel=ClusterRole%2Fedit/);
    await expect(explorer.rules).toBeVisible();
    const matched = explorer.rules.locator('tr[data-matched="true"]');
    await expect(matched).not.toHaveCount(0);
    await expect(matched.first()).toContainText('secrets');
    await expect(explorer.yaml).toContainText('kind: ClusterRole');
    await explorer.shell.screenshot('explorer-details-role', (n) => testInfo.outputPath(n));

    // a binding, selected from the accessible node list
    await explorer.selectNode('RoleBinding/team-a/jane-edit');
    await expect(explorer.yaml).toContainText('kind: RoleBinding');
    await expect(explorer.yaml).toContainText('name: jane@example.com');
    await expect(explorer.details.getByRole('region', { name: 'Related' })).toContainText('edit');

    // the selection survives a reload (the URL holds it)
    await page.reload();
    await expect(explorer.detailsTitle).toHaveText('team-a/jane-edit');
    await explorer.details.getByRole('button', { name: 'Close details' }).click();
    await expect(explorer.details).toHaveCount(0);
    await expect(page).not.toHaveURL(/sel=/);
  });

  test('layout switch, namespace boxes, fit and zoom; the URL keeps the layout', async ({ explorer, page }, testInfo) => {
    await explorer.goto('?preset=exec-pods');
    await expect(explorer.layoutOption('Layered')).toHaveAttribute('aria-checked', 'true');
    await expect(explorer.namespaceBoxes).toBeDisabled();
    await explorer.layoutOption('Force').click();
    await expect(page).toHaveURL(/layout=fcose/);
    await explorer.waitForLayout();
    await expect(explorer.namespaceBoxes).toBeChecked();
    await explorer.fit.click();
    await explorer.zoomIn.click();
    await explorer.shell.screenshot('explorer-force-layout', (n) => testInfo.outputPath(n));
    await page.reload();
    await expect(explorer.layoutOption('Force')).toHaveAttribute('aria-checked', 'true');
    await explorer.namespaceBoxes.click();
    await expect(page).toHaveURL(/boxes=0/);
    await expect(explorer.namespaceBoxes).not.toBeChecked();
  });

  test('exports: answer JSON and CSV, graph PNG and SVG', async ({ explorer, page }) => {
    await explorer.goto('?verb=get&resource=secrets&ns=team-a');
    const [json] = await Promise.all([page.waitForEvent('download'), explorer.exportJson.click()]);
    expect(json.suggestedFilename()).toBe('rbac-atlas-get-secrets.json');
    const body = JSON.parse(await readFile((await json.path())!, 'utf8'));
    expect(body.request).toMatchObject({ verb: 'get', resource: 'secrets', namespace: 'team-a' });
    expect(body.subjects.map((s: { name: string }) => s.name)).toContain('jane@example.com');

    const [csv] = await Promise.all([page.waitForEvent('download'), explorer.exportCsv.click()]);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('permission,subject_kind,subject_namespace,subject_name,scope,binding,role,rule_index,rule');
    expect(text).toContain('get secrets,User,,jane@example.com,team-a,RoleBinding/team-a/jane-edit,ClusterRole/edit');

    const [png] = await Promise.all([page.waitForEvent('download'), explorer.png.click()]);
    expect(png.suggestedFilename()).toBe('rbac-atlas-answer.png');
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');

    const [svg] = await Promise.all([page.waitForEvent('download'), explorer.svg.click()]);
    expect(svg.suggestedFilename()).toBe('rbac-atlas-answer.svg');
    expect(await readFile((await svg.path())!, 'utf8')).toContain('<svg');
  });

  test('dark mode and a 1024 px wide window', async ({ explorer, page }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await explorer.goto('?preset=read-secrets&sel=Group%2Fsystem%3Aauthenticated');
    await expect(explorer.details).toBeVisible();
    await explorer.shell.screenshot('explorer-dark', (n) => testInfo.outputPath(n));
    await page.setViewportSize({ width: 1024, height: 720 });
    await expect(explorer.ask).toBeInViewport();
    await expect(explorer.details.getByRole('button', { name: 'Close details' })).toBeInViewport();
    await explorer.shell.screenshot('explorer-1024', (n) => testInfo.outputPath(n));
  });
});
