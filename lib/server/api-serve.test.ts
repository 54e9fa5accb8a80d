// The gate answering /api itself (api-serve.ts), over real sockets, with a table of test routes: the
// path and its parameters, methods (405 with Allow, HEAD), request headers and bodies as the handler
// sees them, responses as the client sees them (status, headers, Set-Cookie, one-chunk and streamed
// bodies, the gate's security headers), a handler that throws, a client that goes away. Next's
// handler never sees a request under /api. The real routes run in the e2e specs.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonBytesResponse } from '../service/answer-cache';
import type { HandlerContext } from '../service/route';
import { apiServer } from './api-serve';
import { attachGate, createGate } from './gate';
import { uploadLimits } from './limits';

const nextSaw: string[] = [];
let cancelled: () => void = () => undefined;
const cancelledOnce = new Promise<void>((resolve) => (cancelled = resolve));
const BIG = 3 * 1024 * 1024;
/** a kept answer: the same bytes on every request, as the answer cache hands them out */
const ANSWER = new TextEncoder().encode(JSON.stringify({ subjects: Array.from({ length: 20_000 }, (_, i) => ({ kind: 'ServiceAccount', namespace: `team-${i % 300}`, name: `sa-${i}` })) }));
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

const routes = {
  '/api/echo': {
    GET: async (req: Request) => {
      const url = new URL(req.url);
      return Response.json({ path: url.pathname, query: Object.fromEntries(url.searchParams), cookie: req.headers.get('cookie'), steer: req.headers.get('x-middleware-subrequest'), method: req.method });
    },
    POST: async (req: Request) => Response.json({ bytes: (await req.arrayBuffer()).byteLength, type: req.headers.get('content-type') }, { status: 201 }),
  },
  '/api/items/:id': { GET: async (_req: Request, ctx: HandlerContext) => Response.json({ params: await ctx.params }) },
  '/api/items/:id/tags/:tag': { GET: async (_req: Request, ctx: HandlerContext) => Response.json({ params: await ctx.params }) },
  '/api/cookies': {
    GET: async () => {
      const h = new Headers({ 'content-type': 'application/json' });
      h.append('set-cookie', 'a=1; Path=/; HttpOnly');
      h.append('set-cookie', 'b=2; Path=/; HttpOnly');
      return new Response('{}', { status: 200, headers: h });
    },
  },
  '/api/bytes': { GET: async () => new Response(new Uint8Array(BIG).fill(65), { headers: { 'content-type': 'text/plain' } }) },
  '/api/stream': {
    GET: async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('one,'));
            c.enqueue(new Uint8Array(BIG).fill(66));
            c.enqueue(new TextEncoder().encode(',three'));
            c.close();
          },
        }),
        { headers: { 'content-type': 'text/csv' } },
      ),
  },
  '/api/endless': {
    GET: async () => {
      let open = true;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull: (c) => new Promise((resolve) => setTimeout(() => resolve(open ? c.enqueue(new Uint8Array(1024)) : undefined), 5)),
          cancel: () => {
            open = false;
            cancelled();
          },
        }),
      );
    },
  },
  '/api/answer': { GET: async () => jsonBytesResponse(ANSWER) },
  '/api/empty': { GET: async () => new Response(null, { status: 204 }) },
  '/api/throws': {
    GET: async (): Promise<Response> => {
      throw new Error('boom with secret details');
    },
  },
};

let server: Server;
let port = 0;
const logged: string[] = [];

beforeAll(async () => {
  const gate = createGate({
    handle: (req, res) => {
      nextSaw.push(req.url ?? '');
      res.end('page');
    },
    api: apiServer(routes),
    config: { auth: { required: false }, limits: uploadLimits({}) },
    log: (line) => logged.push(line),
  });
  server = createServer();
  attachGate(server, gate);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

interface Got {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function send(method: string, path: string, o: { headers?: Record<string, string>; body?: string } = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...o.headers, ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const json = (g: Got) => JSON.parse(g.body.toString('utf8')) as Record<string, unknown>;

describe('the gate answers /api with the route handlers', () => {
  it('passes the path and query, and the headers minus those that steer Next', async () => {
    const got = await send('GET', '/api/echo?verb=get&resource=pods', { headers: { cookie: 'atlas-source=x; other=y', 'x-middleware-subrequest': 'middleware' } });
    expect(got.status).toBe(200);
    expect(json(got)).toEqual({ path: '/api/echo', query: { verb: 'get', resource: 'pods' }, cookie: 'atlas-source=x; other=y', steer: null, method: 'GET' });
    expect(got.headers['content-type']).toBe('application/json');
    expect(Number(got.headers['content-length'])).toBe(got.body.length);
  });

  it('puts the security headers and no-store on the handler’s answer', async () => {
    const got = await send('GET', '/api/echo');
    expect(got.headers['cache-control']).toBe('no-store');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it.each([
    ['/api/items/abc', { id: 'abc' }],
    ['/api/items/a%20b%2Fc', { id: 'a b/c' }],
    ['/api/items/x/tags/y', { id: 'x', tag: 'y' }],
  ])('%s: path parameters, decoded', async (path, params) => {
    expect(json(await send('GET', path))).toEqual({ params });
  });

  it.each([['/api/nope'], ['/api/items/'], ['/api/items'], ['/api/echo/extra'], ['/api']])('%s: 404 in JSON', async (path) => {
    const got = await send('GET', path);
    expect(got.status).toBe(404);
    expect(json(got)).toMatchObject({ code: 'not-found' });
  });

  it('405 with Allow for a method the route does not answer', async () => {
    const got = await send('POST', '/api/items/a', { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(got.status).toBe(405);
    expect(got.headers.allow).toBe('GET, HEAD');
    expect(json(got)).toMatchObject({ code: 'usage' });
  });

  it('HEAD: the GET answer’s headers, no body', async () => {
    const got = await send('HEAD', '/api/echo?a=1');
    expect(got.status).toBe(200);
    expect(got.body.length).toBe(0);
    expect(Number(got.headers['content-length'])).toBeGreaterThan(0);
  });

  it('POST: the body streams to the handler; its status comes back', async () => {
    const body = JSON.stringify({ files: [{ name: 'a.yaml', text: 'x'.repeat(50_000) }] });
    const got = await send('POST', '/api/echo', { headers: { 'content-type': 'application/json' }, body });
    expect(got.status).toBe(201);
    expect(json(got)).toEqual({ bytes: Buffer.byteLength(body), type: 'application/json' });
  });

  it('each Set-Cookie stays its own header', async () => {
    expect((await send('GET', '/api/cookies')).headers['set-cookie']).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; HttpOnly']);
  });

  it('a body of one large chunk arrives whole, with its length', async () => {
    const got = await send('GET', '/api/bytes');
    expect(got.body.length).toBe(BIG);
    expect(got.headers['content-length']).toBe(String(BIG));
  });

  it('a streamed body arrives whole and in order', async () => {
    const got = await send('GET', '/api/stream');
    expect(got.body.length).toBe(4 + BIG + 6);
    expect(got.body.subarray(0, 4).toString()).toBe('one,');
    expect(got.body.subarray(-6).toString()).toBe(',three');
    expect(got.headers['content-length']).toBeUndefined();
  });

  it('no body (204)', async () => {
    const got = await send('GET', '/api/empty');
    expect(got.status).toBe(204);
    expect(got.body.length).toBe(0);
  });

  it('a handler that throws: 500 in JSON, logged without its message', async () => {
    const got = await send('GET', '/api/throws');
    expect(got.status).toBe(500);
    expect(json(got)).toMatchObject({ code: 'internal' });
    expect(got.body.toString()).not.toContain('secret');
    expect(logged.join('\n')).toContain('/api/throws');
  });

  it('a client that goes away cancels the body’s stream', async () => {
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/endless' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    await cancelledOnce;
  });

  it('a large JSON answer goes Brotli-compressed to a client that asks like a browser', async () => {
    const got = await send('GET', '/api/answer', { headers: BROWSER });
    expect(got.headers['content-encoding']).toBe('br');
    expect(got.headers.vary).toBe('Accept-Encoding');
    expect(got.headers['content-length']).toBe(String(got.body.length));
    expect(got.body.length * 10).toBeLessThan(ANSWER.byteLength);
    expect(Buffer.compare(brotliDecompressSync(got.body), Buffer.from(ANSWER))).toBe(0);
    // the kept bytes are compressed once: the second answer is the same compressed bytes
    const again = await send('GET', '/api/answer', { headers: BROWSER });
    expect(Buffer.compare(again.body, got.body)).toBe(0);
  });

  it('gzip when that is all the client takes; identity when it asks for none or refuses both', async () => {
    const gz = await send('GET', '/api/answer', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Buffer.compare(gunzipSync(gz.body), Buffer.from(ANSWER))).toBe(0);
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const plain = await send('GET', '/api/answer', { headers });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.headers['content-length']).toBe(String(ANSWER.byteLength));
      expect(Buffer.compare(plain.body, Buffer.from(ANSWER))).toBe(0);
    }
  });

  it('small answers, streamed bodies and HEAD go uncompressed', async () => {
    const small = await send('GET', '/api/echo', { headers: BROWSER });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBeUndefined();
    expect(json(small)).toMatchObject({ path: '/api/echo' });
    const streamed = await send('GET', '/api/stream', { headers: BROWSER });
    expect(streamed.headers['content-encoding']).toBeUndefined();
    expect(streamed.body.length).toBe(4 + BIG + 6);
    const head = await send('HEAD', '/api/answer', { headers: BROWSER });
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.headers['content-length']).toBe(String(ANSWER.byteLength));
  });

  it('pages still go to Next, and no /api request ever did', async () => {
    expect((await send('GET', '/subjects')).body.toString()).toBe('page');
    expect(nextSaw).toEqual(['/subjects']);
  });
});
