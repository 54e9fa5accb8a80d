// Token mode (what a non-loopback bind turns on), tested on loopback with RBAC_ATLAS_TOKEN /
// --require-token: every page, API route, static file and /api/health needs the token; the
// /?token= link sets an HttpOnly SameSite=Strict cookie and redirects the token out of the URL;
// the app works in the browser with that cookie. Also `node scripts/start.mjs --require-token`:
// the generated token, the printed URL, the readiness wait with the token. And the upload caps.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { expect, test } from './fixtures';
import { freePort, startAppServer, type AppServer } from './support/app-server';

const TOKEN = 'e2e-token-0123456789-abcdefghij';
const auth = { authorization: `Bearer ${TOKEN}` };
const MAX_BYTES = 200_000;

let server: AppServer;

test.beforeAll(async () => {
  server = await startAppServer({
    RBAC_ATLAS_TOKEN: TOKEN,
    RBAC_ATLAS_REQUIRE_TOKEN: '1',
    RBAC_ATLAS_MAX_UPLOAD_BYTES: String(MAX_BYTES),
    RBAC_ATLAS_MAX_UPLOAD_FILES: '3',
  });
});

test.afterAll(async () => {
  await server?.stop();
});

const yaml = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: b}\n';

test.describe('access token', () => {
  test('without the token: 401 and no data on pages, API routes, health and static files', async ({ request }) => {
    for (const path of ['/', '/findings', '/namespaces/team-a', '/object?id=ClusterRole%2Fcluster-admin', '/no-such-page', '/icon.svg', '/demo/demo-cluster.json']) {
      const res = await request.get(server.url + path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(401);
      const text = await res.text();
      expect(text, path).toContain('Access token needed');
      expect(text, path).not.toMatch(/team-a|cluster-admin|ClusterRole/);
      expect(res.headers()['content-type'], path).toContain('text/html');
      expect(res.headers()['x-frame-options'], path).toBe('DENY');
    }
    for (const path of ['/api/health', '/api/who-can?preset=read-secrets', '/api/source', '/api/source/contexts', '/api/findings/export?format=csv']) {
      const res = await request.get(server.url + path);
      expect(res.status(), path).toBe(401);
      expect(res.headers()['www-authenticate']).toBe('Bearer realm="rbac-atlas"');
      expect(await res.json(), path).toEqual({ error: expect.stringMatching(/access token/), code: 'unauthorized' });
    }
    const post = await request.post(`${server.url}/api/source`, { data: { id: 'default' } });
    expect(post.status()).toBe(401);
    const upload = await request.post(`${server.url}/api/upload`, { data: { files: [{ name: 'a.yaml', text: yaml }] } });
    expect(upload.status()).toBe(401);
  });

  test('wrong tokens are refused: bearer, cookie, URL, token in an API URL', async ({ request }) => {
    const cases: [string, Record<string, string>][] = [
      ['/api/health', { authorization: `Bearer ${TOKEN}x` }],
      ['/api/health', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
      ['/api/health', { authorization: `Basic ${TOKEN}` }],
      ['/api/health', { cookie: `atlas-auth=${TOKEN}` }],
      [`/api/health?token=${TOKEN}`, {}],
      ['/?token=wrong-token-0123456789', {}],
    ];
    for (const [path, headers] of cases) {
      const res = await request.get(server.url + path, { headers, maxRedirects: 0 });
      expect(res.status(), `${path} ${JSON.stringify(headers)}`).toBe(401);
    }
  });

  test('with Authorization: Bearer every route answers', async ({ request }) => {
    expect((await request.get(`${server.url}/api/health`, { headers: auth })).status()).toBe(200);
    const who = await request.get(`${server.url}/api/who-can?verb=get&resource=secrets&ns=team-a`, { headers: auth });
    expect(who.status()).toBe(200);
    expect((await who.json()).request).toMatchObject({ verb: 'get', resource: 'secrets', namespace: 'team-a' });
    expect((await request.get(`${server.url}/findings`, { headers: auth })).status()).toBe(200);
  });

  test('/?token= sets an HttpOnly SameSite=Strict cookie, strips the token, and the app works in the browser', async ({ page, explorer, context }) => {
    const hops: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest()) hops.push(r.url());
    });
    await page.goto(`${server.url}/namespaces?token=${encodeURIComponent(TOKEN)}`);
    await expect(page).toHaveURL(`${server.url}/namespaces`);
    expect(hops).toEqual([`${server.url}/namespaces?token=${TOKEN}`, `${server.url}/namespaces`]);
    const cookies = await context.cookies(server.url);
    const session = cookies.find((c) => c.name === 'atlas-auth');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session?.value).not.toContain(TOKEN);
    await expect(page.getByRole('link', { name: 'team-a', exact: true }).first()).toBeVisible();

    // the explorer draws its graph (its API calls carry the cookie)
    await page.goto(`${server.url}/?verb=get&resource=secrets&ns=team-a`);
    await explorer.waitForLayout();
    await expect(explorer.answerTitle).toContainText('secrets');

    // the page's own fetches: an upload from the browser context
    const res = await page.request.post(`${server.url}/api/upload`, { multipart: { f: { name: 'a.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) } } });
    expect(res.status()).toBe(201);

    // the token stays out of the document and its history
    expect(await page.evaluate(() => location.href)).not.toContain('token=');
    await context.clearCookies();
    expect((await page.goto(`${server.url}/findings`))?.status()).toBe(401);
  });
});

/** Resident memory of the server process, in MiB. */
function rssMiB(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/**
 * Sends the head of a request declaring `declared` bytes of body, then `send` bytes of it, and
 * resolves with the status line of the answer and when it came (ms), or null after `waitMs`.
 */
function partialPost(port: string, headers: string, declared: number, send: number, waitMs = 3_000): Promise<{ status: string; ms: number } | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    const done = (v: { status: string; ms: number } | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\r\n')) done({ status: text.split('\r\n')[0] ?? '', ms: Date.now() - started });
    });
    socket.on('error', () => undefined);
    socket.write(`POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${declared}\r\n${headers}\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let sent = 0; sent < send; sent += chunk.length) socket.write(chunk);
  });
}

test.describe('bodies of refused requests are not read', () => {
  test('without the token, a 50 MB upload is refused at once, having sent only its first 3 MB', async () => {
    const port = new URL(server.url).port;
    const got = await partialPost(port, '', 50_000_000, 3 * 1024 * 1024);
    expect(got?.status).toBe('HTTP/1.1 401 Unauthorized');
    expect(got?.ms).toBeLessThan(2_500);
    // a cross-site one, with the token, is refused just as early
    const cross = await partialPost(port, `Authorization: Bearer ${TOKEN}\r\nOrigin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n`, 50_000_000, 1024 * 1024);
    expect(cross?.status).toBe('HTTP/1.1 403 Forbidden');
    // a body over the cap, with the token: 413 before it is read
    const big = await partialPost(port, `Authorization: Bearer ${TOKEN}\r\n`, 50_000_000, 1024 * 1024);
    expect(big?.status).toBe('HTTP/1.1 413 Payload Too Large');
  });

  test('twenty clients without the token sending 3 MB each: the server memory stays where it was', async () => {
    const port = new URL(server.url).port;
    const pid = server.child.pid!;
    const before = rssMiB(pid);
    const answers = await Promise.all(Array.from({ length: 20 }, () => partialPost(port, '', 50_000_000, 3 * 1024 * 1024, 15_000)));
    for (const a of answers) expect(a?.status).toBe('HTTP/1.1 401 Unauthorized');
    const after = rssMiB(pid);
    // 20 × 3 MB would be 60 MB (twice that, as Next's proxy kept two copies) if the bodies were read
    expect(after - before, `RSS ${before.toFixed(0)} -> ${after.toFixed(0)} MiB`).toBeLessThan(40);
    expect((await fetch(`${server.url}/api/health`, { headers: auth })).status).toBe(200);
  });
});

test.describe('upload caps (RBAC_ATLAS_MAX_UPLOAD_BYTES=200000, RBAC_ATLAS_MAX_UPLOAD_FILES=3)', () => {
  test('too many files, too many bytes: 413 with a readable message', async ({ request }) => {
    const many = await request.post(`${server.url}/api/upload`, { headers: auth, data: { files: Array.from({ length: 4 }, (_, i) => ({ name: `${i}.yaml`, text: yaml })) } });
    expect(many.status()).toBe(413);
    expect((await many.json()).error).toMatch(/too many files: 4 \(at most 3; the server's RBAC_ATLAS_MAX_UPLOAD_FILES\)/);

    const big = await request.post(`${server.url}/api/upload`, { headers: auth, multipart: { f: { name: 'big.yaml', mimeType: 'application/yaml', buffer: Buffer.alloc(MAX_BYTES + 10, 'a') } } });
    expect(big.status()).toBe(413);
    expect((await big.json()).error).toMatch(/upload too large.*at most 195 KiB/);

    const ok = await request.post(`${server.url}/api/upload`, { headers: auth, data: { files: [{ name: 'a.yaml', text: yaml }] } });
    expect(ok.status()).toBe(201);
  });

  test('a chunked body without Content-Length is cut off at the cap', async () => {
    const url = new URL(`${server.url}/api/upload`);
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: url.port, path: url.pathname, method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, ' ');
      // ~1.5 MiB of JSON whitespace: over the 200 KB cap + 1 MiB envelope
      let sent = 0;
      const write = () => {
        while (sent < 24) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).error).toMatch(/upload too large: the request body is over \d+ bytes/);
  });
});

test('npm start --require-token: prints a generated token and a ready-to-open URL, and waits with it', async () => {
  const port = await freePort();
  const root = path.resolve(__dirname, '..');
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.RBAC_ATLAS_TOKEN;
  delete env.RBAC_ATLAS_REQUIRE_TOKEN;
  const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--host', '127.0.0.1', '--port', String(port), '--require-token'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  try {
    await expect.poll(() => out, { timeout: 60_000 }).toMatch(/Open: \S+/);
    const token = /Access token \(generated\): ([A-Za-z0-9_-]{43})\n/.exec(out)?.[1];
    expect(token, out).toBeDefined();
    expect(out).toContain(`RBAC Atlas is ready: http://127.0.0.1:${port}`);
    expect(out).toContain(`Open: http://127.0.0.1:${port}/?token=${token}`);
    expect(out).not.toContain('warning: binding'); // loopback: no exposure warning
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/api/health`)).status).toBe(401);
    expect((await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const login = await fetch(`${base}/?token=${token}`, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    expect(login.headers.get('set-cookie')).toMatch(/^atlas-auth=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict$/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
});
