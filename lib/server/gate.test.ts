// The gate over real sockets, in front of a stand-in for Next that behaves as Next does in the
// cases that matter (redirects, prerendered 500 pages, plain-text 500s, thrown errors, routes that
// read their body). The real server (Next behind the gate) is covered by e2e/security-headers.spec.ts.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthConfig } from './auth';
import { attachGate, createGate, LINGER_BYTES, type Gate } from './gate';
import { uploadLimits } from './limits';

const TOKEN = 'gate-test-token-0123456789';
const MAX_UPLOAD = 100_000;
const limits = uploadLimits({ RBAC_ATLAS_MAX_UPLOAD_BYTES: String(MAX_UPLOAD), RBAC_ATLAS_MAX_UPLOAD_FILES: '3', RBAC_ATLAS_MAX_CONCURRENT_UPLOADS: '2' });

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes?: number;
}

let server: Server;
let gate: Gate;
let port = 0;
let seen: Seen[] = [];
let logged: string[] = [];
let sockets: Socket[] = [];
/** uploads the stand-in holds open until released */
let held: (() => void)[] = [];

async function readAll(req: IncomingMessage): Promise<number> {
  let n = 0;
  for await (const chunk of req) n += (chunk as Buffer).length;
  return n;
}

/** A stand-in for Next's request handler. */
async function fakeNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const entry: Seen = { method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } };
  seen.push(entry);
  const path = (req.url ?? '').split('?')[0];
  switch (path) {
    case '/redirect':
      res.statusCode = 308;
      res.setHeader('location', '/page');
      res.end('/page');
      return;
    case '/prerendered-500': // Next's global error page: cached for a year, scripts without a nonce
      res.statusCode = 500;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 's-maxage=31536000');
      res.end('<html><script src="/_next/static/x.js"></script>RBAC data</html>');
      return;
    case '/explicit-500':
      res.writeHead(500, { 'content-type': 'text/plain', 'x-powered-by': 'Next.js' });
      res.write('Internal ');
      res.end('Server Error');
      return;
    case '/api/json-500':
      res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'public, max-age=600' });
      res.end('{"error":"internal error: see the server log","code":"internal"}');
      return;
    case '/api/data':
      res.setHeader('cache-control', 'public, max-age=600');
      res.setHeader('content-type', 'application/json');
      res.end('{"subjects":[]}');
      return;
    case '/throw':
      throw new Error('boom');
    case '/api/upload':
    case '/api/source': {
      if (req.headers['x-hold'] === '1') await new Promise<void>((resolve) => held.push(resolve));
      entry.bodyBytes = await readAll(req);
      if (res.headersSent || res.writableEnded) return;
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ bytes: entry.bodyBytes }));
      return;
    }
    default:
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<html>${req.headers['content-security-policy'] ?? 'no csp'}</html>`);
  }
}

async function start(auth: AuthConfig): Promise<void> {
  seen = [];
  logged = [];
  sockets = [];
  held = [];
  gate = createGate({ handle: fakeNext, config: { auth, limits }, log: (line) => logged.push(line) });
  server = createServer();
  attachGate(server, gate);
  server.on('connection', (s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
}

afterEach(async () => {
  for (const release of held) release();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends a raw request head, then `bodyBytes` of body (of a larger declared body), and resolves with
 * the first line of the answer and how long it took, or null if none came within `waitMs`.
 */
function raw(head: string, bodyBytes = 0, waitMs = 2_000): Promise<{ statusLine: string; text: string; ms: number } | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const s = connect(port, '127.0.0.1');
    let text = '';
    const done = (v: { statusLine: string; text: string; ms: number } | null) => {
      clearTimeout(timer);
      s.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(text ? { statusLine: text.split('\r\n')[0] ?? '', text, ms: Date.now() - started } : null), waitMs);
    s.on('data', (d) => {
      text += d.toString('latin1');
      if (/\r\n\r\n/.test(text)) setTimeout(() => done({ statusLine: text.split('\r\n')[0] ?? '', text, ms: Date.now() - started }), 50);
    });
    s.on('error', () => undefined);
    s.write(head);
    if (bodyBytes > 0) s.write(Buffer.alloc(bodyBytes, 'a'));
  });
}

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-opener-policy', 'permissions-policy'];

function expectProtected(a: Answer, what: string): void {
  for (const h of SECURITY) expect(a.headers[h], `${what}: ${h}`).toBeTruthy();
  expect(a.headers['content-security-policy'], what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'/);
}

describe('gate: loopback without a token', () => {
  beforeEach(() => start({ required: false }));

  it.each([
    { name: 'TRACE', method: 'TRACE', path: '/', status: 405 },
    { name: 'OPTIONS on a route', method: 'OPTIONS', path: '/api/data', status: 405 },
    { name: 'PUT', method: 'PUT', path: '/api/source', status: 405 },
    { name: 'POST to a page', method: 'POST', path: '/findings', status: 405 },
    { name: 'malformed %-escape in a path segment', method: 'GET', path: '/namespaces/%E0%A4%A', status: 400 },
    { name: 'NUL in the path', method: 'GET', path: '/a%00', status: 400 },
  ])('$name -> $status, with the headers, without reaching Next', async ({ method, path, status }) => {
    const a = await send(method, path);
    expect(a.status).toBe(status);
    expectProtected(a, `${method} ${path}`);
    expect(a.headers['cache-control']).toBe('no-store');
    expect(seen).toEqual([]);
  });

  it('OPTIONS * and an absolute target: 405 and 400, no stack trace', async () => {
    expect((await raw(`OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`))?.statusLine).toBe('HTTP/1.1 405 Method Not Allowed');
    const absolute = await raw(`GET http://127.0.0.1:${port}/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(absolute?.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(absolute?.text).toMatch(/x-frame-options: DENY/i);
    expect(seen).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('malformed HTTP and CONNECT get an answer with the headers', async () => {
    const garbage = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(garbage?.statusLine).toMatch(/^HTTP\/1.1 (400|405) /);
    expect(garbage?.text).toMatch(/content-security-policy: default-src 'self'/i);
    const tunnel = await raw(`CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`);
    expect(tunnel?.statusLine).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(tunnel?.text).toMatch(/x-content-type-options: nosniff/i);
  });

  it('redirects, 500 pages, plain-text 500s and thrown errors carry the headers; non-JSON 5xx bodies are replaced', async () => {
    const redirect = await send('GET', '/redirect');
    expect(redirect.status).toBe(308);
    expectProtected(redirect, 'redirect');

    for (const path of ['/prerendered-500', '/explicit-500', '/throw']) {
      const a = await send('GET', path);
      expect(a.status, path).toBe(500);
      expectProtected(a, path);
      expect(a.headers['cache-control'], path).toBe('no-store');
      expect(a.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(a.body, path).toContain('Something went wrong');
      expect(a.body, path).not.toMatch(/<script|RBAC data|Internal Server Error|boom/);
      expect(Number(a.headers['content-length']), path).toBe(Buffer.byteLength(a.body));
    }
    expect(logged).toEqual(['rbac-atlas: request handler failed: Error: boom (GET /throw)']);
  });

  it('API answers are no-store; a JSON 500 of a route is kept', async () => {
    const data = await send('GET', '/api/data');
    expect(data.headers['cache-control']).toBe('no-store');
    expectProtected(data, '/api/data');
    const err = await send('GET', '/api/json-500');
    expect(err.status).toBe(500);
    expect(JSON.parse(err.body)).toEqual({ error: 'internal error: see the server log', code: 'internal' });
    expect(err.headers['cache-control']).toBe('no-store');
  });

  it('HEAD of a replaced 500 has no body', async () => {
    const a = await send('HEAD', '/prerendered-500');
    expect(a.status).toBe(500);
    expect(a.body).toBe('');
  });

  it('Next sees the CSP of the response (its nonce) and no client-sent internal header', async () => {
    const a = await send('GET', '/page', { 'x-middleware-subrequest': 'middleware', 'content-security-policy': "script-src 'nonce-mine'", 'x-nextjs-data': '1', 'x-invoke-path': '/x', range: 'bytes=999999-1' });
    expect(a.body).toBe(`<html>${a.headers['content-security-policy']}</html>`);
    const headers = seen[0]?.headers ?? {};
    expect(Object.keys(headers).filter((h) => /^x-(middleware|nextjs|invoke)|^range$/.test(h))).toEqual([]);
    // a fresh nonce per request
    expect((await send('GET', '/page')).headers['content-security-policy']).not.toBe(a.headers['content-security-policy']);
  });

  it('a JSON POST over 64 KiB is refused from its Content-Length, before its body', async () => {
    const a = await raw(`POST /api/source HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`, 1024);
    expect(a?.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(a?.ms).toBeLessThan(1_500);
    expect(seen).toEqual([]);
  });

  it('a chunked upload over the cap (1.6 MB): 413 while it arrives; the route never gets more than the cap', async () => {
    const s = connect(port, '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d) => {
        text += d.toString();
        if (text.includes('\r\n\r\n')) resolve(text);
      });
      s.on('error', () => resolve(text));
    });
    s.write(`POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.alloc(16 * 1024, 'a');
    for (let i = 0; i < 100; i++) s.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    const text = await answer;
    s.destroy();
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 413 Payload Too Large');
    expect(text).toMatch(/upload too large: the request body is over \d+ bytes/);
    await new Promise((r) => setTimeout(r, 100));
    const upload = seen.find((e) => e.url === '/api/upload' && e.bodyBytes !== undefined);
    expect(upload?.bodyBytes ?? 0).toBeLessThanOrEqual(limits.maxBodyBytes);
  });

  it('an upload under the cap reaches the route whole', async () => {
    const a = await send('POST', '/api/upload', { 'content-type': 'application/json' }, Buffer.alloc(50_000, ' '));
    expect(a.status).toBe(201);
    expect(JSON.parse(a.body)).toEqual({ bytes: 50_000 });
  });

  it('at most two uploads at once: the third gets 429, and a slot frees up when one ends', async () => {
    const first = send('POST', '/api/upload', { 'x-hold': '1', 'content-type': 'application/json' }, '{}');
    const second = send('POST', '/api/upload', { 'x-hold': '1', 'content-type': 'application/json' }, '{}');
    await expect.poll(() => held.length).toBe(2);
    const third = await send('POST', '/api/upload', { 'content-type': 'application/json' }, '{}');
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('2');
    expect((await send('POST', '/api/source', { 'content-type': 'application/json' }, '{}')).status).toBe(201);
    for (const release of held) release();
    expect((await first).status).toBe(201);
    expect((await second).status).toBe(201);
    await expect.poll(() => gate.uploadsInFlight).toBe(0);
    expect((await send('POST', '/api/upload', { 'content-type': 'application/json' }, '{}')).status).toBe(201);
  });

  it('Expect: 100-continue: a refused request is refused before the client sends its body', async () => {
    const a = await raw(`POST /api/upload HTTP/1.1\r\nHost: evil.example\r\nContent-Length: 50000000\r\nExpect: 100-continue\r\n\r\n`);
    expect(a?.statusLine).toBe('HTTP/1.1 403 Forbidden');
    expect(a?.text).not.toMatch(/100 Continue/);
    const ok = await raw(`POST /api/source HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n`, 0, 500);
    expect(ok?.statusLine).toBe('HTTP/1.1 100 Continue');
  });
});

describe('gate: token mode', () => {
  beforeEach(() => start({ required: true, token: TOKEN }));

  it('refuses a 50 MB upload without the token at once, keeping none of it', async () => {
    const head = `POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 50000000\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => raw(head, 256 * 1024)));
    for (const a of answers) {
      expect(a?.statusLine).toBe('HTTP/1.1 401 Unauthorized');
      expect(a?.ms).toBeLessThan(1_500);
      expect(a?.text).toMatch(/www-authenticate: Bearer realm="rbac-atlas"/i);
    }
    expect(seen).toEqual([]);
    // what the server took off the sockets: the head and what was sent (dropped as it came), not 50 MB
    for (const s of sockets) expect(s.bytesRead).toBeLessThan(1024 * 1024);
  });

  it('a client that goes on sending after the refusal is cut off after LINGER_BYTES', async () => {
    const s = connect(port, '127.0.0.1');
    let text = '';
    const closed = new Promise<void>((resolve) => s.on('close', () => resolve()));
    s.on('data', (d) => (text += d.toString()));
    s.on('error', () => undefined);
    s.write(`POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 50000000\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = setInterval(() => s.writable && s.write(chunk), 1);
    await closed;
    clearInterval(pump);
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(sockets.reduce((n, x) => n + x.bytesRead, 0)).toBeLessThan(LINGER_BYTES + 2 * 1024 * 1024);
  });

  it('a chunked body without the token is refused before it is read', async () => {
    const a = await raw(`POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\n`, 0, 1_000);
    expect(a?.statusLine).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('the login redirect and refusals carry the headers; with the token, requests pass', async () => {
    const login = await send('GET', `/findings?token=${TOKEN}`);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/findings');
    expect(login.headers['set-cookie']?.[0]).toMatch(/^atlas-auth=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expectProtected(login, 'login');
    const denied = await send('GET', '/api/data');
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.body)).toEqual({ error: expect.stringMatching(/access token/), code: 'unauthorized' });
    expectProtected(denied, '401');
    const page = await send('GET', '/findings');
    expect(page.status).toBe(401);
    expect(page.body).toContain('Access token needed');
    expect((await send('GET', '/api/data', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await send('TRACE', '/')).status).toBe(405);
    expect(logged).toEqual([]);
  });
});
