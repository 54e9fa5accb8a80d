// Secret values never reach the browser, an export or the server's log. A server of its own is
// started on files that carry Secrets with known values (its configured source), the same files are
// uploaded through the browser, and every page, API answer, export and log line is searched for
// the values, plain and base64.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SECRET_FIXTURE_FILES, leakedNeedles } from '../testing/secret-fixtures';
import { expect, test as base } from './fixtures';
import { startAppServer, type AppServer } from './support/app-server';

const test = base.extend<object, { secretServer: AppServer }>({
  secretServer: [
    // eslint-disable-next-line no-empty-pattern -- worker fixtures take fixtures by destructuring; none needed
    async ({}, use) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-e2e-secrets-'));
      for (const f of SECRET_FIXTURE_FILES) writeFileSync(path.join(dir, f.name), f.text);
      const app = await startAppServer({ RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [dir] }) });
      await use(app);
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ secretServer }, use) => use(secretServer.url),
});

test('no Secret value in any page, API answer, export or server log', async ({ page, request, source, explorer, secretServer }) => {
  const bodies: string[] = [];
  page.on('response', (res) => {
    const type = res.headers()['content-type'] ?? '';
    if (/json|text|javascript|html|csv|yaml|sarif|markdown/.test(type)) void res.text().then((t) => bodies.push(`${res.url()}\n${t}`), () => undefined);
  });

  // the configured source: loaded from the files at start
  await source.goto();
  await expect(source.diagnostics).toContainText('Secret data dropped unread');
  await expect(source.counts.getByRole('row', { name: /RoleBinding\s+1/ })).toBeVisible();

  // the same files uploaded through the browser
  await source.fileInput.setInputFiles(SECRET_FIXTURE_FILES.map((f) => ({ name: f.name, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })));
  await expect(source.uploadResult).toContainText('Loaded upload: with-secrets.yaml');

  // every view of the upload: the answer, the graph and the details of each node on the path
  await explorer.goto('?verb=get&resource=secrets&ns=team-a');
  await expect(explorer.subject('ServiceAccount/team-a/ci')).toBeVisible();
  for (const node of ['RoleBinding/team-a/ci-reads-secrets', 'Role/team-a/secret-reader', 'ServiceAccount/team-a/ci']) {
    await explorer.selectNode(node);
    await expect(explorer.yaml).toContainText('team-a');
  }
  const pages = ['/findings?builtin=1', '/namespaces', '/namespaces/team-a', '/subjects?subject=ServiceAccount%3Ateam-a%2Fci', '/source'];
  for (const p of pages) {
    await page.goto(p);
    await expect(page.getByRole('main')).toBeVisible();
    bodies.push(`${p} (DOM)\n${await page.content()}`);
  }

  // API answers and every export format, on the upload (this browser's cookie) and on the configured source
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const urls = [
    '/api/source?diagnostics=1', '/api/who-can?verb=get&resource=secrets', '/api/graph?verb=list&resource=secrets&ns=team-a',
    '/api/namespaces', '/api/namespace/team-a', '/api/subjects?q=ci', '/api/subject?subject=ServiceAccount%3Ateam-a%2Fci',
    '/api/search?q=secret', '/api/search?q=ci-token', '/api/search?q=app-config', '/api/findings?builtin=1',
    '/api/export?verb=get&resource=secrets&format=json', '/api/export?verb=get&resource=secrets&format=csv',
    '/api/export?view=matrix&namespace=team-a&format=csv', '/api/export?view=subject&subject=ServiceAccount%3Ateam-a%2Fci&format=json',
    ...['json', 'csv', 'sarif', 'markdown', 'html'].map((f) => `/api/findings/export?builtin=1&format=${f}`),
  ];
  for (const headers of [{ cookie: cookies }, {}] as Record<string, string>[]) {
    for (const u of urls) {
      const res = await request.get(u, { headers });
      expect(res.status(), u).toBe(200);
      bodies.push(`${u}\n${await res.text()}`);
    }
  }
  expect(bodies.some((b) => b.includes('ci-reads-secrets'))).toBe(true);
  const leaks = bodies.flatMap((b) => leakedNeedles(b).map((n) => `${n} in ${b.split('\n')[0]}`));
  expect(leaks).toEqual([]);
  expect(leakedNeedles(secretServer.output())).toEqual([]);
});
