import { expect, test } from './fixtures';

test.describe('route handlers', () => {
  // prettier-ignore
  const ok: { path: string; check: (body: Record<string, unknown>) => void }[] = [
    { path: '/api/source', check: (b) => expect(b).toMatchObject({ id: 'default', kind: 'demo', objects: 327 }) },
    { path: '/api/source?diagnostics=1', check: (b) => expect(b.diagnosticList).toHaveLength(2) },
    { path: '/api/who-can?verb=get&resource=secrets&ns=team-a', check: (b) => expect(b).toMatchObject({ request: { verb: 'get', resource: 'secrets', namespace: 'team-a', allNamespaces: false }, subjects: expect.any(Array), view: { hints: [] } }) },
    { path: '/api/who-can?verb=get&url=/metrics&ns=_all', check: (b) => expect(b).toMatchObject({ request: { verb: 'get', nonResourceURL: '/metrics' } }) },
    { path: '/api/who-can?preset=proxy-nodes&effective=1', check: (b) => expect(b).toMatchObject({ preset: 'proxy-nodes', answers: [{ pods: expect.any(Array) }, { pods: expect.any(Array) }] }) },
    { path: '/api/graph?preset=exec-pods', check: (b) => expect((b.graph as { nodes: unknown[] }).nodes.length).toBeGreaterThan(3) },
    { path: '/api/namespaces', check: (b) => expect((b.namespaces as { name: string }[]).map((n) => n.name)).toContain('team-a') },
    { path: '/api/namespace/team-a', check: (b) => expect(b).toMatchObject({ name: 'team-a', item: { roleBindings: 4 }, matrix: { namespace: 'team-a', rows: expect.arrayContaining([expect.objectContaining({ id: 'User/jane@example.com' })]) } }) },
    { path: '/api/subjects?q=gitlab', check: (b) => expect(b).toMatchObject({ total: 1 }) },
    { path: '/api/subject?subject=Group:developers', check: (b) => expect(b).toMatchObject({ subject: { kind: 'Group', name: 'developers' }, scopes: expect.any(Array), view: { known: true } }) },
    { path: '/api/search?q=cluster-admin', check: (b) => expect((b.hits as { id: string }[])[0]?.id).toBe('ClusterRole/cluster-admin') },
    { path: '/api/object?id=RoleBinding/team-a/jane-edit', check: (b) => expect(b.yaml).toContain('kind: RoleBinding') },
    { path: '/api/findings', check: (b) => expect(b).toMatchObject({ summary: { total: 61, hiddenBuiltin: 84 } }) },
    { path: '/api/findings?builtin=1&sev=critical&kind=cluster-admin', check: (b) => expect((b.findings as { id: string }[]).map((f) => f.id)).toContain('cluster-admin:Group/platform-team@cluster') },
  ];
  test('GET: every read endpoint answers JSON', async ({ request }) => {
    for (const { path, check } of ok) {
      const res = await request.get(path);
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      check(await res.json());
    }
  });

  // prettier-ignore
  const bad: { path: string; status: number; error: RegExp }[] = [
    { path: '/api/who-can?verb=get', status: 400, error: /^missing resource .* or url=PATH$/ },
    { path: '/api/who-can?verb=get&url=/metrics&ns=team-a', status: 400, error: /^url \(a non-resource request\) cannot be combined with ns: a non-resource request has no namespace$/ },
    { path: '/api/graph?preset=nope', status: 400, error: /preset/ },
    { path: '/api/namespace/nope', status: 404, error: /not in the data source/ },
    { path: '/api/subject?subject=Robot:x', status: 400, error: /unknown subject kind/ },
    { path: '/api/object?id=Role/x/y', status: 404, error: /not in the data source/ },
    { path: '/api/who-can?verb=get&resource=pods&src=upload-404', status: 404, error: /unknown data source/ },
    { path: '/api/findings?sev=urgent', status: 400, error: /sev/ },
    { path: '/api/findings/export?format=xml', status: 400, error: /format/ },
  ];
  test('GET: bad input gets a status and a readable error, never a stack trace', async ({ request }) => {
    for (const { path, status, error } of bad) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(status);
      const body = await res.json();
      expect(body.error, path).toMatch(error);
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
    }
  });

  test('who-can: the API answers what `who-can -o json` prints, plus "view"; the JSON export is that document', async ({ request }) => {
    for (const q of ['verb=get&resource=secrets&ns=team-a', 'verb=list&resource=secrets&effective=1', 'preset=exec-pods&ns=team-a']) {
      const { view: _view, ...doc } = await (await request.get(`/api/who-can?${q}`)).json();
      const exported = await (await request.get(`/api/export?${q}`)).json();
      const bare = 'answers' in doc ? { ...doc, answers: doc.answers.map(({ view: _v, ...a }: { view: unknown }) => a) } : doc;
      expect(exported, q).toEqual(bare);
    }
    const subject = await (await request.get('/api/subject?subject=ServiceAccount:ci/gitlab-runner')).json();
    const subjectExport = await (await request.get('/api/export?view=subject&subject=ServiceAccount:ci/gitlab-runner')).json();
    expect({ ...subject, view: undefined }).toEqual({ ...subjectExport, view: undefined });
    const matrix = (await (await request.get('/api/namespace/team-a')).json()).matrix;
    expect(await (await request.get('/api/export?view=matrix&namespace=team-a')).json()).toEqual(matrix);
  });

  test('export: attachment with the right type', async ({ request }) => {
    const res = await request.get('/api/export?preset=read-secrets&format=csv');
    expect(res.headers()['content-type']).toContain('text/csv');
    expect(res.headers()['content-disposition']).toBe('attachment; filename="rbac-atlas-read-secrets.csv"');
    const json = await (await request.get('/api/export?preset=read-secrets')).json();
    expect(json.answers).toHaveLength(3);
  });

  test('upload: JSON body -> 201 and a new source id; caps and content type are checked', async ({ request }) => {
    const text = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: x}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects: [{kind: User, name: api-user}]\n';
    const res = await request.post('/api/upload', { data: { files: [{ name: 'a.yaml', text }] } });
    expect(res.status()).toBe(201);
    const body = await res.json();
    expect(body.source).toMatchObject({ kind: 'upload', name: 'upload: a.yaml', counts: { ClusterRoleBinding: 1 } });
    expect(res.headers()['set-cookie']).toContain(`atlas-source=${body.source.id}`);
    const who = await (await request.get(`/api/who-can?verb=get&url=/healthz&src=${body.source.id}`)).json();
    expect(who.subjects).toEqual([]);

    const many = await request.post('/api/upload', { data: { files: Array.from({ length: 101 }, (_, i) => ({ name: `${i}.yaml`, text })) } });
    expect(many.status()).toBe(413);
    expect((await many.json()).error).toMatch(/too many files: 101 \(at most 100/);
    const plain = await request.post('/api/upload', { data: 'x', headers: { 'content-type': 'text/plain' } });
    expect(plain.status()).toBe(415);
    const empty = await request.post('/api/upload', { data: { files: [{ name: 'n.yaml', text: 'a: 1' }] } });
    expect(empty.status()).toBe(422);
  });

  // prettier-ignore
  const malformed: { method?: 'GET' | 'POST'; path: string; body?: string; type?: string; status: number; error: RegExp }[] = [
    { path: '/api/source?diagnostics=maybe', status: 400, error: /^diagnostics: / },
    { path: `/api/who-can?verb=${'g'.repeat(65)}&resource=pods`, status: 400, error: /^verb: / },
    { path: '/api/who-can?preset=read-secrets&effective=yes', status: 400, error: /^effective: / },
    { path: '/api/graph?preset=read-secrets&expand=' + 'x'.repeat(4001), status: 400, error: /^expand: / },
    { path: '/api/namespace/' + 'n'.repeat(254), status: 400, error: /^ns: / },
    { path: '/api/subjects?limit=lots', status: 400, error: /^limit: / },
    { path: '/api/subjects?kind=Robot', status: 400, error: /^kind: / },
    { path: '/api/subject', status: 400, error: /^subject: / },
    { path: '/api/search?limit=1000', status: 400, error: /^limit: / },
    { path: '/api/object', status: 400, error: /^id: / },
    { path: '/api/export?preset=read-secrets&view=everything', status: 400, error: /^view: / },
    { path: '/api/findings?dir=sideways', status: 400, error: /^dir: / },
    { path: '/api/findings/export?ns=Not%20A%20Namespace', status: 400, error: /^ns: / },
    { path: '/api/who-can?preset=read-secrets&src=..%2F..%2Fetc%2Fpasswd', status: 400, error: /^src: / },
    { method: 'POST', path: '/api/source', body: '{"id":"default"}', type: 'text/plain', status: 415, error: /application\/json/ },
    { method: 'POST', path: '/api/source', body: '{"id":', type: 'application/json', status: 400, error: /not JSON/ },
    { method: 'POST', path: '/api/source', body: '{"id":"default","extra":1}', type: 'application/json', status: 400, error: /extra/ },
    { method: 'POST', path: '/api/source', body: '{"id":"../x"}', type: 'application/json', status: 400, error: /^id: / },
    { method: 'POST', path: '/api/source/load', body: 'context=prod', type: 'application/x-www-form-urlencoded', status: 415, error: /application\/json/ },
    { method: 'POST', path: '/api/source/load', body: '{"context":"x","server":"https://example.invalid"}', type: 'application/json', status: 400, error: /server/ },
    { method: 'POST', path: '/api/upload', body: '{"files":', type: 'application/json', status: 400, error: /not JSON/ },
    { method: 'POST', path: '/api/upload', body: '{"files":[{"name":"a","text":"x","path":"/etc/passwd"}]}', type: 'application/json', status: 400, error: /^files\.0: / },
    { method: 'POST', path: '/api/upload', body: 'x', type: 'multipart/form-data; boundary=zz', status: 400, error: /malformed/ },
  ];
  test('malformed input on every route: 400 naming the field, 415 for a wrong content type', async ({ request }) => {
    for (const { method = 'GET', path, body, type, status, error } of malformed) {
      const res = method === 'GET' ? await request.get(path) : await request.post(path, { data: Buffer.from(body ?? ''), headers: { 'content-type': type ?? '' } });
      const what = `${method} ${path.slice(0, 80)} ${type ?? ''}`;
      expect(res.status(), what).toBe(status);
      const json = await res.json();
      expect(json.error, what).toMatch(error);
      expect(JSON.stringify(json), what).not.toMatch(/\n\s+at /);
    }
  });

  test('unknown query parameters are ignored', async ({ request }) => {
    const res = await request.get('/api/who-can?preset=read-secrets&utm_source=x&focus=User%2Fx');
    expect(res.status()).toBe(200);
  });
});
