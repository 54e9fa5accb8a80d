// The routes of "try a change", called as Next calls them: POST /api/upload?as=change applies the
// files on the browser's source (cookie), GET /api/change answers exactly what
// `rbac-atlas diff DEMO --apply FILE -o json` prints, POST /api/change {"action":"drop"} goes back.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCli, runCli } from '../../cli/run-cli';

vi.mock('server-only', () => ({}));

const upload = await import('../../app/api/upload/route');
const change = await import('../../app/api/change/route');
const source = await import('../../app/api/source/route');
const whoCan = await import('../../app/api/who-can/route');

const FILE = 'e2e/testdata/try-change.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const ctx = { params: Promise.resolve({}) };
const base = 'http://127.0.0.1:3000';

function post(path: string, body: unknown, cookie?: string): Request {
  return new Request(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}
const get = (path: string, cookie?: string) => new Request(`${base}${path}`, cookie ? { headers: { cookie } } : {});
/** the cookie a response sets, as the browser sends it back ("" when it clears it) */
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;

beforeAll(buildCli);

describe('try a change through the API', () => {
  it('apply -> the same document as the CLI, answers on the changed source, drop -> back to the base', async () => {
    const applied = await upload.POST(post('/api/upload?as=change', { files: [{ name: 'try-change.yaml', text: TEXT }] }), ctx);
    expect(applied.status).toBe(201);
    const body = (await applied.json()) as { source: { id: string; name: string; overlay: Record<string, unknown> } };
    expect(body.source.id).toMatch(/^change-/);
    expect(body.source.overlay).toMatchObject({ baseId: 'default', files: ['try-change.yaml'], objects: 3, replaced: 1, subjects: 2, gained: 1, lost: 1, findingsAdded: 2, findingsResolved: 1 });
    const cookie = cookieOf(applied);
    expect(cookie).toBe(`atlas-source=${body.source.id}`);

    const doc = await (await change.GET(get('/api/change', cookie), ctx)).json();
    // the same files under the names the web gives them (the demo as demo-cluster.json, the upload by its name)
    const dir = mkdtempSync(path.join(tmpdir(), 'atlas-change-'));
    copyFileSync('public/demo/demo-cluster.json', path.join(dir, 'demo-cluster.json'));
    copyFileSync(FILE, path.join(dir, 'try-change.yaml'));
    const cli = runCli(['diff', 'demo-cluster.json', '--apply', 'try-change.yaml', '-o', 'json', '-q'], undefined, dir);
    expect(cli.code).toBe(0);
    expect(doc).toEqual(JSON.parse(cli.stdout));

    // the explorer's answers come from the changed source
    const readers = async (c?: string) =>
      ((await (await whoCan.GET(get('/api/who-can?verb=list&resource=secrets&ns=team-a', c), ctx)).json()) as { subjects: { name: string; namespace?: string }[] }).subjects.map((s) => `${s.namespace ?? ''}/${s.name}`);
    expect(await readers(cookie)).toContain('ci/default');
    expect(await readers(cookie)).not.toContain('team-a/api');
    expect(await readers()).toContain('team-a/api');

    const dropped = await change.POST(post('/api/change', { action: 'drop' }, cookie), ctx);
    expect(dropped.status).toBe(200);
    expect(((await dropped.json()) as { source: { id: string } }).source.id).toBe('default');
    expect(dropped.headers.get('set-cookie')).toMatch(/^atlas-source=; .*Max-Age=0/);
  });

  it('a second change replaces the first (applied on the same base)', async () => {
    const first = await upload.POST(post('/api/upload?as=change', { files: [{ name: 'a.yaml', text: TEXT }] }), ctx);
    const only = TEXT.split('\n---\n').slice(0, 2).join('\n---\n');
    const second = await upload.POST(post('/api/upload?as=change', { files: [{ name: 'b.yaml', text: only }] }, cookieOf(first)), ctx);
    expect(second.status).toBe(201);
    const s = ((await second.json()) as { source: { overlay: Record<string, unknown> } }).source;
    expect(s.overlay).toMatchObject({ baseId: 'default', files: ['b.yaml'], gained: 1, lost: 0 });
  });

  // prettier-ignore
  const refusals: [name: string, req: () => Request, status: number, error: RegExp][] = [
    ['bad manifest: named, nothing changes', () => post('/api/upload?as=change', { files: [{ name: 'pr.yaml', text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: a}\nrules: [{verbs: get}]\n' }] }), 422, /the change cannot be applied: 1 error in the manifests/],
    ['no RBAC object', () => post('/api/upload?as=change', { files: [{ name: 'notes.yaml', text: 'just: a map\n' }] }), 422, /no Kubernetes RBAC object found/],
    ['unknown mode', () => post('/api/upload?as=patch', { files: [{ name: 'a.yaml', text: TEXT }] }), 400, /^as: /],
    ['no change to show', () => get('/api/change'), 404, /no change is applied to this data source/],
    ['drop: wrong body', () => post('/api/change', { action: 'remove' }), 400, /action/],
  ];
  it.each(refusals)('%s', async (_name, req, status, error) => {
    const r = req();
    const res = r.method === 'GET' ? await change.GET(r, ctx) : new URL(r.url).pathname === '/api/upload' ? await upload.POST(r, ctx) : await change.POST(r, ctx);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; diagnostics?: { text: string }[] };
    expect(body.error).toMatch(error);
    expect(res.headers.get('set-cookie')).toBeNull();
    if (_name.startsWith('bad manifest')) expect(body.diagnostics?.[0]?.text).toMatch(/^pr\.yaml:4:\d+: error: Role "a\/r": rules\[0\]\.verbs/);
  });

  it('the ordinary upload still replaces the source (no overlay)', async () => {
    const res = await upload.POST(post('/api/upload', { files: [{ name: 'a.yaml', text: TEXT }] }), ctx);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { source: { id: string; overlay?: unknown } };
    expect(body.source.id).toMatch(/^upload-/);
    expect(body.source.overlay).toBeUndefined();
    expect((await (await source.GET(get('/api/source', cookieOf(res)), ctx)).json()).id).toBe(body.source.id);
  });
});
