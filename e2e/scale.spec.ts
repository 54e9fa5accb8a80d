import { expect, test } from './fixtures';

/** A cluster of `namespaces` namespaces with `perNs` service accounts each, all allowed to get secrets. */
function manyServiceAccounts(namespaces: number, perNs: number): string {
  const items: unknown[] = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
  ];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${String(n).padStart(2, '0')}`;
    const subjects = Array.from({ length: perNs }, (_, i) => ({ kind: 'ServiceAccount', name: `sa-${i}`, namespace: ns }));
    items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'read', namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'secret-reader' }, subjects });
  }
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

test.describe('large answers', () => {
  test('collapse into groups by namespace that expand on click; hidden subjects open their own paths', async ({ explorer, page }, testInfo) => {
    const upload = await page.request.post('/api/upload', { data: { files: [{ name: 'many.json', text: manyServiceAccounts(40, 6) }] } });
    expect(upload.status()).toBe(201);

    await explorer.goto('?verb=get&resource=secrets');
    await expect(explorer.answerCounts).toHaveText('240 subjects: 0 users · 0 groups · 240 service accounts');
    await expect(explorer.collapseNotice).toContainText('Large answer: 282 nodes');
    await expect(explorer.layoutOption('Force')).toHaveAttribute('aria-checked', 'true');
    await expect(explorer.node('Collapsed/ns:ns-00')).toBeAttached();
    await expect(explorer.node('ServiceAccount/ns-00/sa-0')).toHaveCount(0);
    await explorer.shell.screenshot('explorer-collapsed', (n) => testInfo.outputPath(n));

    await explorer.selectNode('Collapsed/ns:ns-00');
    await expect(explorer.details).toContainText('Stands for 7 nodes: 6 ServiceAccount, 1 RoleBinding');
    await explorer.details.getByRole('button', { name: 'Expand group' }).click();
    await expect(page).toHaveURL(/expand=ns%3Ans-00/);
    await expect(explorer.node('ServiceAccount/ns-00/sa-0')).toBeAttached();
    await expect(explorer.node('Collapsed/ns:ns-00')).toHaveCount(0);

    // the namespaces merged into "more" can be expanded one by one
    await explorer.selectNode('Collapsed/more:namespaces');
    const more = explorer.details.getByRole('list', { name: 'Namespaces in this group' });
    await more.getByRole('listitem').filter({ hasText: 'ns-39' }).getByRole('button', { name: 'Expand' }).click();
    await expect(page).toHaveURL(/expand=ns%3Ans-00%2Cns%3Ans-39/);
    await expect(explorer.node('ServiceAccount/ns-39/sa-5')).toBeAttached();
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(explorer.node('ServiceAccount/ns-39/sa-5')).toHaveCount(0);

    // a subject hidden in a group: choosing it in the list draws only its paths
    await explorer.subject('ServiceAccount/ns-20/sa-3').click();
    await expect(page).toHaveURL(/focus=ServiceAccount%2Fns-20%2Fsa-3/);
    await expect(explorer.detailsTitle).toHaveText('ns-20/sa-3');
    await expect(explorer.paths.first()).toHaveAttribute('data-path', 'ServiceAccount/ns-20/sa-3 > RoleBinding/ns-20/read > ClusterRole/secret-reader > Permission/get secrets');
  });
});
