import { ExplorerPage } from './pages/ExplorerPage';
import { expect, test } from './fixtures';

const DUMP = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: bob-reads-secrets}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: User, name: bob@upload.example}]
---
apiVersion: v1
kind: Secret
metadata: {name: token, namespace: default}
data: {token: c3VwZXItc2VjcmV0}
---
kind: RoleBinding
metadata: {name: broken
`;

test.describe('data source', () => {
  test('shown at all times, with its diagnostics one click away', async ({ explorer, source, page }, testInfo) => {
    await explorer.goto();
    await expect(explorer.shell.sourceBadge).toContainText('demo snapshot (demo-cluster)');
    await expect(explorer.shell.sourceBadge).toContainText('327 objects');
    await expect(explorer.shell.sourceBadge).toContainText('2 diagnostics');
    await explorer.shell.sourceBadge.click();
    await expect(page).toHaveURL(/\/source$/);
    await expect(source.name).toHaveText('demo snapshot (demo-cluster)');
    await expect(source.counts.getByRole('row', { name: /ClusterRole\s+97/ })).toBeVisible();
    await expect(source.diagnostics.getByRole('listitem')).toHaveCount(2);
    await expect(source.diagnostics).toContainText('old-deployer references Role/team-a/deployer-legacy');
    await source.shell.screenshot('source', (n) => testInfo.outputPath(n));
  });

  test('upload with the file picker: parsed by the loader, diagnostics shown, explored without restart', async ({ source, page }, testInfo) => {
    await source.goto();
    await source.fileInput.setInputFiles({ name: 'dump.yaml', mimeType: 'application/yaml', buffer: Buffer.from(DUMP) });
    await expect(source.uploadResult).toContainText('Loaded upload: dump.yaml');
    await expect(source.uploadDiagnostics).toContainText('dump.yaml');
    await expect(source.shell.sourceBadge).toContainText('upload: dump.yaml');
    await source.shell.screenshot('upload', (n) => testInfo.outputPath(n));

    const explorer = new ExplorerPage(page);
    await explorer.goto('?verb=list&resource=secrets');
    await expect(explorer.subject('User/bob@upload.example')).toBeVisible();
    await expect(explorer.answerCounts).toHaveText('1 subject: 1 user · 0 groups · 0 service accounts');
    await explorer.selectNode('ClusterRoleBinding/bob-reads-secrets');
    await expect(explorer.yaml).toContainText('bob@upload.example');
    // Secret values never reach the browser
    expect(await page.content()).not.toContain('c3VwZXItc2VjcmV0');
    // nobody in this upload may read /metrics: the empty state says so
    await explorer.goto('?verb=get&url=/metrics');
    await expect(explorer.answer).toContainText('No subject is allowed this request');
    await expect(explorer.answerCounts).toHaveText('0 subjects: 0 users · 0 groups · 0 service accounts');

    // switch back to the configured source
    await source.goto();
    await source.sources.getByRole('listitem').filter({ hasText: 'demo snapshot' }).getByRole('button', { name: 'Use' }).click();
    await expect(source.shell.sourceBadge).toContainText('demo snapshot');
  });

  test('upload by drag and drop; an upload without RBAC objects is refused with a reason', async ({ source }) => {
    await source.goto();
    await source.dropFiles([{ name: 'notes.yaml', text: 'just: a map\n' }]);
    await expect(source.page.getByRole('alert').filter({ hasText: /\S/ })).toContainText('no Kubernetes RBAC object found');
    await source.dropFiles([{ name: 'dropped.yaml', text: DUMP }]);
    await expect(source.uploadResult).toContainText('upload: dropped.yaml');
  });
});
