// Every response of the server goes through here, whoever writes it (Next, a route handler, the
// gate itself): the security headers and the CSP of the request are set when the headers are
// written, whatever was set before; every /api answer and every error is `Cache-Control: no-store`;
// a 5xx answer that is not JSON (Next's prerendered error page, its plain "Internal Server Error")
// is replaced by a static page (lib/server/pages.ts) before its first byte is written. Works by
// wrapping writeHead/write/end of the one ServerResponse, so it holds for every code path of Next.
import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { serverErrorBody, type Body } from './pages';
import { setSecurityHeaders } from './security-headers';

export interface Guard {
  /** Answers now with `status` and `body` (when no header has been written yet), then ignores anything else written. Returns false if it was too late. */
  answer(status: number, body: Body, headers?: Record<string, string>): boolean;
  /** whether the gate answered (or sealed) this response */
  readonly sealed: boolean;
}

type HeaderArg = OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined;
type Callback = (error?: Error | null) => void;

function isJson(contentType: unknown): boolean {
  const ct = Array.isArray(contentType) ? contentType[0] : contentType;
  return typeof ct === 'string' && /^application\/([\w.+-]*\+)?json\b/i.test(ct.trim());
}

function callbackOf(args: unknown[]): Callback | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as Callback) : undefined;
}

/** Sets headers given to writeHead through setHeader, so that ours can still override them. */
function applyHeaderArg(res: ServerResponse, headers: HeaderArg): void {
  if (headers === undefined) return;
  if (Array.isArray(headers)) {
    if (headers.length > 0 && Array.isArray(headers[0])) {
      for (const pair of headers as unknown as [string, string][]) res.appendHeader(pair[0], pair[1]);
    } else {
      for (let i = 0; i + 1 < headers.length; i += 2) res.appendHeader(String(headers[i]), headers[i + 1] as string);
    }
    return;
  }
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v);
}

export function protectResponse(res: ServerResponse, o: { csp: string; api: boolean; pathname: string }): Guard {
  const writeHead = res.writeHead.bind(res) as (status: number, message?: string) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const setHeader = res.setHeader.bind(res);
  let sealed = false;
  /** the replacement body of a 5xx answer, while it is not written yet */
  let replacement: string | undefined;
  let replaced = false;

  const finalHeaders = (status: number) => {
    setSecurityHeaders({ set: (k: string, v: string) => void setHeader(k, v) }, o.csp);
    if (o.api || status >= 400) setHeader('cache-control', 'no-store');
  };
  const replaceIfServerError = (status: number) => {
    if (replaced || status < 500 || isJson(res.getHeader('content-type'))) return;
    const body = serverErrorBody(o.pathname, status);
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    setHeader('content-type', body.contentType);
    setHeader('content-length', Buffer.byteLength(body.text));
    replaced = true;
    replacement = body.text;
  };

  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (sealed && this.headersSent) return this;
    if (this.headersSent) return writeHead(status); // let Node report the misuse
    const message = typeof rest[0] === 'string' ? rest[0] : undefined;
    applyHeaderArg(this, (message === undefined ? rest[0] : rest[1]) as HeaderArg);
    if (!sealed) replaceIfServerError(status);
    finalHeaders(status);
    return message === undefined ? writeHead(status) : writeHead(status, message);
  } as ServerResponse['writeHead'];

  res.write = function (this: ServerResponse, ...args: unknown[]) {
    if (!sealed && !this.headersSent) replaceIfServerError(this.statusCode);
    if (sealed || replaced) {
      callbackOf(args)?.();
      return true;
    }
    return write(...args);
  } as ServerResponse['write'];

  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const cb = callbackOf(args);
    if (sealed) {
      cb?.();
      return this;
    }
    if (!this.headersSent) replaceIfServerError(this.statusCode);
    if (replaced) {
      const body = replacement;
      replacement = undefined;
      if (this.writableEnded) {
        cb?.();
        return this;
      }
      return body === undefined ? end(cb) : end(body, cb);
    }
    return end(...args);
  } as ServerResponse['end'];

  for (const name of ['setHeader', 'appendHeader', 'removeHeader'] as const) {
    const original = res[name].bind(res) as (...args: unknown[]) => unknown;
    (res as unknown as Record<string, unknown>)[name] = function (this: ServerResponse, ...args: unknown[]) {
      if (sealed || this.headersSent) return this; // Next setting a header too late must not throw
      return original(...args);
    };
  }

  return {
    answer(status, body, headers = {}) {
      if (res.headersSent || sealed) return false;
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = status;
      for (const [k, v] of Object.entries(headers)) setHeader(k, v);
      setHeader('content-type', body.contentType);
      setHeader('content-length', Buffer.byteLength(body.text));
      finalHeaders(status);
      replaced = true; // ours: never replaced
      writeHead(status);
      sealed = true;
      end(res.req?.method === 'HEAD' ? undefined : body.text);
      return true;
    },
    get sealed() {
      return sealed;
    },
  };
}
