// The gate answers the JSON API itself: a request under /api goes straight to its route handler
// (api-routes.ts: the GET/POST exports of app/api/**/route.ts), as a web Request, and the handler's
// Response is written to the socket, instead of passing through Next's router, its request
// wrappers and web-stream plumbing. On 2 cores that per-request overhead was most of what a cheap
// question cost the request thread (docs/reliability.md: load benchmark). The handlers are the same
// functions either way; Next serves only pages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { HandlerContext } from '../service/route';
import type { RouteModule } from './api-routes';
import { refusalBody } from './pages';
import type { Guard } from './respond';
import { chooseCoding, compressBody, compressible, MIN_BYTES, type Coding } from './compress';

interface Pattern {
  segments: string[];
  module: RouteModule;
}

export interface ApiMatch {
  module: RouteModule;
  params: Record<string, string>;
}

/** Compiles a route table: exact paths for a Map lookup, the others (":name" segments) in order. */
export function compileRoutes(routes: Readonly<Record<string, RouteModule>>): (pathname: string) => ApiMatch | undefined {
  const exact = new Map<string, RouteModule>();
  const patterns: Pattern[] = [];
  for (const [path, module] of Object.entries(routes)) {
    if (path.includes('/:')) patterns.push({ segments: path.split('/'), module });
    else exact.set(path, module);
  }
  return (pathname) => {
    const hit = exact.get(pathname);
    if (hit) return { module: hit, params: {} };
    const got = pathname.split('/');
    for (const p of patterns) {
      if (p.segments.length !== got.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < got.length && ok; i++) {
        const want = p.segments[i] as string;
        const seg = got[i] as string;
        if (want.startsWith(':')) {
          if (seg === '') ok = false;
          else params[want.slice(1)] = decodeURIComponent(seg); // the gate has checked the encoding
        } else ok = want === seg;
      }
      if (ok) return { module: p.module, params };
    }
    return undefined;
  };
}

/** The methods a route answers (HEAD with GET), for the Allow header of a 405. */
function allowed(module: RouteModule): string {
  return [...(module.GET ? ['GET', 'HEAD'] : []), ...(module.POST ? ['POST'] : [])].join(', ');
}

/** The node request as a web Request: its headers (internal ones already stripped by the gate) and, for POST, its body as it streams. */
function webRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const post = req.method === 'POST';
  // the path as sent after a fixed origin ("//x" stays a path): handlers read the path and the query only
  return new Request(`http://localhost${req.url ?? '/'}`, {
    method: post ? 'POST' : 'GET',
    headers,
    signal,
    ...(post ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Writes a chunk; waits for the socket to drain when its buffer is full (or for the client to go). */
function write(res: ServerResponse, chunk: Uint8Array): Promise<void> | undefined {
  if (res.write(chunk) || res.destroyed) return undefined;
  return new Promise<void>((resolve) => {
    res.once('drain', resolve);
    res.once('close', resolve);
  });
}

/**
 * Writes a handler's Response: status, headers (each Set-Cookie on its own), then the body as it
 * comes, with backpressure. A one-chunk body (a JSON answer) goes compressed in `coding` when it is
 * large enough and of a kind that may be (compress.ts).
 */
async function writeResponse(response: Response, res: ServerResponse, coding: Coding | undefined): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  res.once('close', cancel);
  try {
    const first = await reader.read();
    if (first.done) {
      res.end();
      return;
    }
    const second = await reader.read();
    if (second.done) {
      // the usual case, one chunk (a JSON answer): headers and body leave in one write
      let body: Uint8Array = first.value;
      if (body.byteLength >= MIN_BYTES && compressible(response.status, response.headers)) {
        res.setHeader('vary', 'Accept-Encoding');
        if (coding) {
          body = await compressBody(body, coding);
          if (res.destroyed) return;
          res.setHeader('content-encoding', coding);
          res.setHeader('content-length', body.byteLength);
        }
      }
      if (!res.hasHeader('content-length')) res.setHeader('content-length', body.byteLength);
      res.end(body);
      return;
    }
    await write(res, first.value);
    await write(res, second.value);
    for (let next = await reader.read(); !next.done && !res.destroyed; next = await reader.read()) await write(res, next.value);
    res.end();
  } finally {
    res.off('close', cancel);
  }
}

/** What answers requests under /api in the gate (GateOptions.api). */
export type ApiServer = (req: IncomingMessage, res: ServerResponse, pathname: string, guard: Guard) => Promise<void>;

/**
 * The gate's answerer of requests under /api for a route table (api-routes.ts): 404 for a path no
 * route has, 405 (with Allow) for a method the route does not answer, else the route's handler.
 */
export function apiServer(routes: Readonly<Record<string, RouteModule>>): ApiServer {
  const match = compileRoutes(routes);
  return async (req, res, pathname, guard) => {
    const route = match(pathname);
    if (!route) {
      guard.answer(404, refusalBody(pathname, 404, 'not-found', 'no such API route')); // the path is not echoed
      return;
    }
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const handler = method === 'GET' ? route.module.GET : method === 'POST' ? route.module.POST : undefined;
    if (!handler) {
      guard.answer(405, refusalBody(pathname, 405, 'usage', `method ${method} is not allowed on this route`), { allow: allowed(route.module) });
      return;
    }
    const abort = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const ctx: HandlerContext = { params: Promise.resolve(route.params) };
    // HEAD gets the GET answer's headers as sent uncompressed (its length is the identity one)
    const coding = req.method === 'HEAD' ? undefined : chooseCoding(req.headers['accept-encoding']);
    await writeResponse(await handler(webRequest(req, abort.signal), ctx), res, coding);
  };
}
