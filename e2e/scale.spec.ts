import { SUMMARY_ROWS } from '../lib/engine/graph-summary';
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
  test.describe.configure({ timeout: 90_000 });

  test('240 equal subjects: summarised by role, a group names more on a click, a hidden subject opens its own paths', async ({ explorer, page }, testInfo) => {
    const upload = await page.request.post('/api/upload', { data: { files: [{ name: 'many.json', text: manyServiceAccounts(40, 6) }] } });
    expect(upload.status()).toBe(201);

    await explorer.goto('?verb=get&resource=secrets');
    await expect(explorer.answerCounts).toHaveText('240 subjects: 0 users · 0 groups · 240 service accounts');
    await expect(explorer.collapseNotice).toContainText('of 240 subjects by name');
    const group = explorer.graphNodes.locator('li[data-node-id^="Collapsed/subjects:"]').first();
    await expect(group).toBeAttached();
    expect(await explorer.graphNodes.locator('li[data-kind="ServiceAccount"]').count()).toBeLessThanOrEqual(SUMMARY_ROWS);
    await explorer.shell.screenshot('explorer-collapsed', (n) => testInfo.outputPath(n));

    const named = await explorer.graphNodes.locator('li[data-kind="ServiceAccount"]').count();
    await explorer.activateNode((await group.getAttribute('data-node-id'))!);
    await expect(page).toHaveURL(/[?&]expand=/);
    await explorer.waitForLayout();
    await expect(explorer.graphNodes.locator('li[data-kind="ServiceAccount"]')).toHaveCount(named + 8);

    // a subject hidden in a group: choosing it in the list draws only its paths
    await explorer.subject('ServiceAccount/ns-20/sa-3').click();
    await expect(page).toHaveURL(/focus=ServiceAccount%2Fns-20%2Fsa-3/);
    await expect(explorer.detailsTitle).toHaveText('ns-20/sa-3');
    await expect(explorer.paths.first()).toHaveAttribute('data-path', 'ServiceAccount/ns-20/sa-3 > RoleBinding/ns-20/read > ClusterRole/secret-reader > Permission/get secrets');
  });
});
