import { expect, test } from './fixtures';

test.describe('smoke', () => {
  test('home page answers a question and shows the data source', async ({ explorer }) => {
    await explorer.goto();
    await expect(explorer.page).toHaveTitle('RBAC Atlas');
    await expect(explorer.answerTitle).toBeVisible();
    await expect(explorer.shell.sourceBadge).toContainText('demo snapshot');
  });

  test('health endpoint answers ok', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/json');
    expect(res.headers()['x-powered-by']).toBeUndefined();
    expect(await res.json()).toEqual({ ok: true });
  });
});
