// The gate: a small layer of node:http in front of Next's request handler (lib/server/main.ts). It
// decides on each request from its request line and headers (lib/server/policy.ts) before a byte
// of the body is read, so that a request that will be refused (method, path, Host, Origin, token,
// declared size, uploads in flight) is refused without buffering its body; it caps the body of a
// request it lets through while the bytes arrive (whatever Content-Length said), and it puts the
// security headers on every response, whoever writes it (lib/server/respond.ts). Next sees only
// requests that passed, with the CSP nonce of the request in the request's CSP header (Next puts
// it on its scripts) and without Next-internal headers a client could use to steer it. Requests
// under /api never reach Next: the gate calls their route handlers itself (api-serve.ts).
import { STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiServer } from './api-serve';
import { isApiPath, sessionCookie } from './auth';
import { formatBytes, uploadTooLargeMessage } from './limits';
import { refusalBody, serverErrorBody } from './pages';
import { decideRequest, targetPath, type GateConfig, type GateDecision } from './policy';
import { protectResponse, type Guard } from './respond';
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS } from './security-headers';

export interface GateOptions {
  /** Next's request handler (or anything else that answers): pages */
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** what answers requests under /api (api-serve.ts); without it they go to `handle` too */
  api?: ApiServer;
  config: GateConfig;
  /** `next dev`: the CSP allows eval and inline styles */
  dev?: boolean;
  /** where the gate reports failures of the handler (one line, never a request's content) */
  log?: (line: string) => void;
}

export interface Gate {
  onRequest: RequestListener;
  /** for `Expect: 100-continue`: the client sends the body only if the request passes */
  onCheckContinue: RequestListener;
  /** uploads being read or parsed right now (for tests) */
  readonly uploadsInFlight: number;
}

/**
 * Request headers no client may send to Next: those Next acts on internally, and ranges (partial
 * content is never needed here, and Next answers some malformed ranges with a 500).
 */
const INTERNAL_HEADER = /^(x-middleware-|x-invoke-|x-nextjs-|x-next-|x-matched-path$|x-now-route-matches$|x-prerender-revalidate|x-vercel-|x-nonce$|content-security-policy|range$|if-range$)/i;

function stripInternalHeaders(req: IncomingMessage): void {
  for (const name of Object.keys(req.headers)) if (INTERNAL_HEADER.test(name)) delete req.headers[name];
}

/**
 * Counts the body's bytes as the HTTP parser hands them over (before any consumer buffers them):
 * past `max`, no more byte is passed on, the socket stops being read, and `onOverflow` answers.
 */
function capBody(req: IncomingMessage, max: number, onOverflow: () => void): void {
  const push = req.push.bind(req);
  let seen = 0;
  let over = false;
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) return push(null, encoding);
    if (over) return false;
    seen += (chunk as Buffer).length;
    if (seen > max) {
      over = true;
      onOverflow();
      push(null); // the reader sees the end of a (truncated) body; its answer is ignored
      return false; // and the parser stops reading the socket
    }
    return push(chunk, encoding);
  };
}

/** What a refused request's body may still send after the answer, dropped unread, before its connection is cut. */
export const LINGER_BYTES = 4 * 1024 * 1024;
export const LINGER_MS = 2_000;

/**
 * The body of a refused request is never kept: what arrives after the answer is dropped as the
 * parser hands it over (no buffer), so that the client reads the answer instead of a connection
 * reset; past LINGER_BYTES or LINGER_MS the connection is cut.
 */
function discardBody(req: IncomingMessage): void {
  const push = req.push.bind(req);
  let dropped = 0;
  const cut = () => req.socket?.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) {
      clearTimeout(timer);
      return push(null, encoding);
    }
    dropped += (chunk as Buffer).length;
    if (dropped > LINGER_BYTES) {
      clearTimeout(timer);
      cut();
      return false;
    }
    return true;
  };
  req.resume();
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function createGate(o: GateOptions): Gate {
  const log = o.log ?? ((line: string) => console.error(line));
  let uploads = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, expectContinue: boolean) => {
    req.on('error', () => undefined); // a client that goes away mid-body is not an error of ours
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce, { dev: o.dev === true });
    const target = req.url ?? '';
    const path = targetPath(target);
    const pathname = 'pathname' in path ? path.pathname : '/';
    const guard = protectResponse(res, { csp, api: isApiPath(pathname), pathname });
    const decision = decideRequest({ method: req.method ?? '', target, headers: req.headers }, o.config, { uploadsInFlight: uploads });

    if (decision.kind === 'refuse') return refuse(req, guard, pathname, decision);
    if (decision.kind === 'login') {
      const secure = req.headers['x-forwarded-proto'] === 'https';
      guard.answer(303, { contentType: 'text/plain; charset=utf-8', text: '' }, {
        location: decision.location,
        'set-cookie': sessionCookie(decision.token, secure),
      });
      return;
    }
    if (decision.upload) {
      uploads++;
      res.once('close', () => uploads--);
    }
    capBody(req, decision.bodyLimit, () => {
      const message = decision.upload
        ? uploadTooLargeMessage(`the request body is over ${decision.bodyLimit} bytes`, o.config.limits)
        : `request body too large (at most ${formatBytes(decision.bodyLimit)})`;
      guard.answer(413, refusalBody(pathname, 413, 'usage', message), { connection: 'close' });
    });
    stripInternalHeaders(req);
    // Next reads the nonce for its <script> tags from the request's CSP header
    req.headers['content-security-policy'] = csp;
    if (expectContinue) res.writeContinue();
    const api = o.api && isApiPath(pathname) ? o.api : undefined;
    Promise.resolve()
      .then(() => (api ? api(req, res, pathname, guard) : o.handle(req, res)))
      .catch((e: unknown) => {
        log(`rbac-atlas: request handler failed: ${e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error'} (${req.method} ${decision.pathname})`);
        if (!guard.answer(500, serverErrorBody(pathname, 500))) res.destroy();
      });
  };

  const refuse = (req: IncomingMessage, guard: Guard, pathname: string, d: Extract<GateDecision, { kind: 'refuse' }>) => {
    if (hasBody(req)) discardBody(req);
    guard.answer(d.status, refusalBody(pathname, d.status, d.code, d.message), { ...d.headers });
  };

  return {
    onRequest: (req, res) => handle(req, res, false),
    onCheckContinue: (req, res) => handle(req, res, true),
    get uploadsInFlight() {
      return uploads;
    },
  };
}

/** A raw answer on a socket that never became a request (a malformed request, CONNECT), with the headers. */
function rawAnswer(socket: Duplex, status: number, extra: Record<string, string> = {}): void {
  const reason = STATUS_CODES[status] ?? 'Error';
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
    'content-security-policy': contentSecurityPolicy(newNonce()),
    ...SECURITY_HEADERS,
    ...extra,
    connection: 'close',
  };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
}

const CLIENT_ERRORS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408, HPE_INVALID_METHOD: 405 };

/**
 * Serves `gate` on `server`: requests, `Expect: 100-continue`, malformed requests (400 with the
 * headers instead of Node's bare answer), CONNECT (405). `upgrade`: WebSocket upgrades that passed
 * the same checks (only `next dev` needs them, for hot reload); without it an upgrade request is an
 * ordinary request.
 */
export function attachGate(server: Server, gate: Gate, upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void, config?: GateConfig): void {
  server.on('request', gate.onRequest);
  server.on('checkContinue', gate.onCheckContinue);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET') return void socket.destroy();
    rawAnswer(socket, CLIENT_ERRORS[err.code ?? ''] ?? 400);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => rawAnswer(socket, 405, { allow: 'GET, HEAD, POST' }));
  if (upgrade && config) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const d = decideRequest({ method: req.method ?? '', target: req.url ?? '', headers: req.headers }, config, { uploadsInFlight: 0 });
      if (d.kind !== 'pass') return rawAnswer(socket, d.kind === 'refuse' ? d.status : 403);
      upgrade(req, socket, head);
    });
  }
}
