// Security headers and the Content-Security-Policy, in the browser: every page (with the graph
// drawn, a search, a detail, exports) renders under the CSP with no violation (console and
// `securitypolicyviolation` events), and pages, API answers, static files and 404s carry the headers.
// Also what the gate in front of Next (lib/server/gate.ts) answers itself: unsupported methods,
// malformed paths, Next's redirects and error pages, all with the headers and no stack trace.
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { APIResponse, Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { startAppServer, type AppServer } from './support/app-server';

const FIXED_HEADERS: Record<string, string | RegExp> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': /camera=\(\)/,
};

function expectSecurityHeaders(res: Response | APIResponse | { headers: () => Record<string, string> } | null, what: string): string {
  expect(res, what).not.toBeNull();
  const headers = res!.headers();
  for (const [name, value] of Object.entries(FIXED_HEADERS)) {
    if (typeof value === 'string') expect(headers[name], `${what}: ${name}`).toBe(value);
    else expect(headers[name], `${what}: ${name}`).toMatch(value);
  }
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, `${what}: CSP`).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'; /);
  for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'", "img-src 'self' data: blob:"]) {
    expect(csp, `${what}: CSP`).toContain(d);
  }
  expect(csp, `${what}: no eval in production`).not.toContain('unsafe-eval');
  expect(csp.match(/script-src[^;]*/)?.[0], `${what}: no inline scripts`).not.toContain('unsafe-inline');
  return csp;
}

/** Collects CSP violations seen by the page: console reports and securitypolicyviolation events. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(msg.text())) seen.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => {
    if (/Content Security Policy|EvalError/i.test(err.message)) seen.push(`pageerror: ${err.message}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return async () => {
    const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
    return [...seen, ...inPage.map((v) => `event: ${v}`)];
  };
}

test.describe('security headers and CSP', () => {
  test('every page works under the CSP without a single violation', async ({ page, explorer }) => {
    const violations = await watchCsp(page);
    const visited: string[] = [];
    const visit = async (path: string) => {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expectSecurityHeaders(res, path);
      visited.push(path);
      // every framework script carries the request's nonce
      const nonce = /'nonce-([^']+)'/.exec(res!.headers()['content-security-policy'] ?? '')?.[1];
      const scripts = await page.locator('script').evaluateAll((els) => els.map((s) => (s as HTMLScriptElement).nonce));
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const n of scripts) expect(n, `${path}: script nonce`).toBe(nonce);
    };

    // explorer with a free query, the graph drawn, a node selected, exports
    // (focused on jane: a large answer is summarised and her binding drawn only in her paths)
    await visit('/?verb=get&resource=secrets&ns=team-a&focus=User%2Fjane%40example.com');
    await explorer.waitForLayout();
    await expect(explorer.answerTitle).toContainText('secrets');
    await explorer.selectNode('RoleBinding/team-a/jane-edit');
    await expect(explorer.detailsTitle).toBeVisible();
    const [png] = await Promise.all([page.waitForEvent('download'), explorer.png.click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const [svg] = await Promise.all([page.waitForEvent('download'), explorer.svg.click()]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), explorer.exportCsv.click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    // the force layout and the effective switch
    await visit('/?preset=exec-pods&effective=1');
    await explorer.waitForLayout();

    // global search
    await page.keyboard.press('/');
    await page.keyboard.type('cluster-admin');
    await expect(explorer.shell.searchResults.getByRole('option').first()).toBeVisible();

    await visit('/findings');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await visit('/namespaces');
    await visit('/namespaces/team-a');
    await visit('/subjects');
    await visit('/subjects?subject=Group%3Adevelopers');
    await visit('/source');
    await visit('/object?id=ClusterRole%2Fcluster-admin');
    await expect(page.getByLabel('Object YAML')).toContainText('kind: ClusterRole');

    // the built-in 404 page is rendered per request too (a prerendered one would have no nonce)
    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expectSecurityHeaders(missing, '404 page');

    expect(await violations(), `CSP violations on ${visited.join(', ')}`).toEqual([]);
  });

  test('a fresh nonce per request', async ({ request }) => {
    const a = (await request.get('/findings')).headers()['content-security-policy'];
    const b = (await request.get('/findings')).headers()['content-security-policy'];
    expect(a).not.toBe(b);
  });

  test('API answers, errors, downloads and static files carry the headers', async ({ request, page }) => {
    const paths = [
      '/api/health',
      '/api/source',
      '/api/who-can?preset=read-secrets',
      '/api/graph?preset=read-secrets',
      '/api/export?preset=read-secrets&format=csv',
      '/api/findings/export?format=html',
      '/api/who-can?ns=Bad_NS',
      '/api/namespace/nope',
      '/api/no-such-route',
      '/icon.svg',
    ];
    for (const path of paths) expectSecurityHeaders(await request.get(path), path);
    const post = await request.post('/api/source', { data: 'x', headers: { 'content-type': 'text/plain' } });
    expect(post.status()).toBe(415);
    expectSecurityHeaders(post, 'POST /api/source 415');
    await page.goto('/findings');
    const chunk = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
    expect(chunk).toBeTruthy();
    const res = await request.get(chunk!);
    expect(res.status()).toBe(200);
    expectSecurityHeaders(res, chunk!);
  });

  test('DNS rebinding and cross-site posts are refused (403)', async ({ baseURL }) => {
    const url = new URL(baseURL!);
    const send = (method: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: url.port, path: method === 'GET' ? '/api/source' : '/api/upload', method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'GET' ? undefined : '--x--\r\n');
      });
    expect(await send('GET', { host: `rebound.attacker.example:${url.port}` })).toBe(403);
    expect(await send('GET', { host: `127.0.0.1:${url.port}` })).toBe(200);
    const form = { host: `127.0.0.1:${url.port}`, 'content-type': 'multipart/form-data; boundary=x' };
    expect(await send('POST', { ...form, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await send('POST', { ...form, origin: 'null' })).toBe(403);
  });
});

/** A raw request (any method and target, as a hostile client sends it); the answer's status, headers and body. */
function raw(port: string | number, head: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      const [top = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = top.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n`);
  });
}

test.describe('what reaches Next, and what it answers', () => {
  let server: AppServer;
  test.beforeAll(async () => {
    server = await startAppServer({});
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  const port = () => new URL(server.url).port;
  const host = () => `Host: 127.0.0.1:${port()}`;

  test('unsupported methods get 405 and malformed paths 400, with the headers, and nothing in the log', async () => {
    const before = server.output().length;
    const cases: [string, number][] = [
      [`TRACE / HTTP/1.1\r\n${host()}`, 405],
      [`OPTIONS * HTTP/1.1\r\n${host()}`, 405],
      [`OPTIONS /api/who-can HTTP/1.1\r\n${host()}`, 405],
      [`DELETE /api/source HTTP/1.1\r\n${host()}`, 405],
      [`POST /findings HTTP/1.1\r\n${host()}\r\nContent-Length: 0`, 405],
      [`GET /namespaces/%E0%A4%A HTTP/1.1\r\n${host()}`, 400],
      [`GET /api/namespace/%ZZ HTTP/1.1\r\n${host()}`, 400],
      [`GET http://127.0.0.1:${port()}/ HTTP/1.1\r\n${host()}`, 400],
    ];
    for (const [head, status] of cases) {
      const res = await raw(port(), head);
      const what = head.split('\r\n')[0] ?? head;
      expect(res.status, what).toBe(status);
      expectSecurityHeaders({ headers: () => res.headers }, what);
      expect(res.headers['cache-control'], what).toBe('no-store');
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(server.output().slice(before)).not.toMatch(/\n\s+at |Error/);
  });

  test("Next's redirects and its error page carry the headers; the error page is not the prerendered one", async () => {
    const redirect = await raw(port(), `GET //findings HTTP/1.1\r\n${host()}`);
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe('/findings');
    expectSecurityHeaders({ headers: () => redirect.headers }, 'redirect');

    // a malformed range (Next would answer 500): ranges are not served
    const range = await raw(port(), `GET /icon.svg HTTP/1.1\r\n${host()}\r\nRange: bytes=999999-1`);
    expect(range.status).toBe(200);
    expectSecurityHeaders({ headers: () => range.headers }, 'range');

    const error = await raw(port(), `GET /_global-error HTTP/1.1\r\n${host()}`);
    expect(error.status).toBe(500);
    expectSecurityHeaders({ headers: () => error.headers }, 'global error page');
    expect(error.headers['cache-control']).toBe('no-store');
    expect(error.body).not.toMatch(/<script/);
    expect(error.body).toContain('Something went wrong');
  });

  test('every API answer is no-store', async ({ request }) => {
    for (const path of ['/api/health', '/api/source', '/api/source/contexts', '/api/source/progress', '/api/who-can?preset=read-secrets', '/api/graph?preset=read-secrets', '/api/namespaces', '/api/subjects', '/api/search?q=admin', '/api/findings', '/api/export?preset=read-secrets&format=csv', '/api/findings/export?format=csv', '/api/object?id=ClusterRole%2Fcluster-admin', '/api/namespace/team-a', '/api/subject?subject=Group%3Adevelopers', '/api/who-can?ns=Bad_NS', '/api/nope']) {
      const res = await request.get(server.url + path);
      expect(res.headers()['cache-control'], `${path} (${res.status()})`).toBe('no-store');
      expectSecurityHeaders(res, path);
    }
  });

  test('a client cannot hand Next a nonce or an internal header', async ({ request }) => {
    const res = await request.get(`${server.url}/findings`, { headers: { 'content-security-policy': "script-src 'nonce-mine'", 'x-middleware-subrequest': 'middleware:middleware:middleware' } });
    expect(res.status()).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(res.headers()['content-security-policy'] ?? '')?.[1];
    const html = await res.text();
    expect(html).not.toContain('nonce-mine');
    expect(html).not.toContain('nonce="mine"');
    expect(html).toContain(`nonce="${nonce}"`);
  });
});
