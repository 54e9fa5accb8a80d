// GET requests to a Kubernetes API server with the credentials of a kubeconfig context: TLS and
// auth (tokens, client certificates, token files) come from client-node's KubeConfig, exec
// plugins from cluster-credentials.ts (killed at the deadline, their output never quoted);
// the request itself is plain node:https, so that we choose the Accept header, read the raw list
// JSON (no model classes in between), decompress gzip and abort on a deadline. Transient failures
// (connection reset, 429, 5xx) are retried with exponential backoff and Retry-After.
import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { CredentialSource, KubeAuthError } from './cluster-credentials';

export { KubeAuthError } from './cluster-credentials';

const gunzipAsync = promisify(gunzip);
const MAX_BODY_BYTES = 1024 * 1024 * 1024;
const MAX_RETRY_AFTER_MS = 30_000;
const MAX_BACKOFF_MS = 8_000;

/** The API server answered with an error status (the body is a Status object, usually). */
export class KubeHttpError extends Error {
  override readonly name = 'KubeHttpError';

  constructor(
    readonly status: number,
    /** Status.reason, e.g. Forbidden, Expired, Unauthorized */
    readonly reason: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The request failed below HTTP: connection refused or reset, DNS, TLS, a malformed body. */
export class KubeNetworkError extends Error {
  override readonly name = 'KubeNetworkError';

  constructor(
    readonly code: string,
    message: string,
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface RetryPolicy {
  /** attempts per request, the first included (default 5) */
  maxAttempts: number;
  /** first backoff delay; doubles per attempt, with jitter (default 250 ms) */
  backoffMs: number;
  /**
   * an attempt that receives nothing for this long (no answer, or a stalled body) is abandoned and
   * retried like a connection reset; 0 = no limit (the load's deadline still applies)
   */
  idleTimeoutMs?: number;
}

export interface RequestStats {
  requests: number;
  retries: number;
  bytes: number;
}

const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE']);

export function isTransient(e: unknown): boolean {
  if (e instanceof KubeHttpError) return TRANSIENT_STATUS.has(e.status);
  if (e instanceof KubeNetworkError) return e.transient;
  return false;
}

export class KubeHttpClient {
  private agent: http.Agent | undefined;
  private readonly credentials: CredentialSource;
  readonly stats: RequestStats = { requests: 0, retries: 0, bytes: 0 };

  constructor(
    kc: KubeConfig,
    private readonly server: string,
    private readonly policy: RetryPolicy,
    private readonly userAgent: string,
  ) {
    this.credentials = new CredentialSource(kc);
  }

  /** GET with retries; resolves with the parsed JSON body of a 2xx answer. */
  async getJson(pathAndQuery: string, signal: AbortSignal, accept = 'application/json'): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(pathAndQuery, accept, signal);
      } catch (e) {
        if (signal.aborted) throw signal.reason ?? e; // the deadline or the caller, whatever the symptom was
        if (!isTransient(e) || attempt >= this.policy.maxAttempts) throw e;
        const retryAfter = e instanceof KubeHttpError ? e.retryAfterMs : undefined;
        const backoff = Math.min(MAX_BACKOFF_MS, this.policy.backoffMs * 2 ** (attempt - 1));
        this.stats.retries++;
        await sleep(retryAfter ?? backoff * (0.5 + Math.random() / 2), signal);
      }
    }
  }

  private async once(pathAndQuery: string, accept: string, signal: AbortSignal): Promise<unknown> {
    const opts: https.RequestOptions = { method: 'GET', headers: {} };
    try {
      await this.credentials.apply(opts, signal); // fresh token each time (exec plugins and token files refresh)
    } catch (e) {
      if (signal.aborted) throw signal.reason ?? e;
      if (e instanceof KubeAuthError) throw e;
      // client-node's own text can quote a file or a server's answer: its code and path only
      const err = e as NodeJS.ErrnoException;
      throw new KubeAuthError(`cannot get credentials: ${err?.code ?? err?.name ?? 'error'}${typeof err?.path === 'string' ? ` (${err.path})` : ''}`, false, { cause: e });
    }
    this.agent ??= opts.agent as http.Agent | undefined; // one agent (TLS session cache) for the whole load
    const url = new URL(`${this.server}${pathAndQuery}`);
    const headers = { ...(opts.headers as Record<string, string>), accept, 'accept-encoding': 'gzip', 'user-agent': this.userAgent };
    const request = url.protocol === 'http:' ? http.request : https.request;
    this.stats.requests++;
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = request(url, { method: 'GET', headers, agent: this.agent, ...(opts.auth ? { auth: opts.auth } : {}), signal }, resolve);
      req.on('error', (e) => reject(networkError(e, signal)));
      const idle = this.policy.idleTimeoutMs ?? 0;
      if (idle > 0) {
        // socket inactivity, while waiting for the answer and while its body arrives
        req.setTimeout(idle, () => {
          req.destroy(new KubeNetworkError('ETIMEDOUT', `no answer from the server for ${idle / 1000} s (GET ${url.pathname})`, true));
        });
      }
      req.end();
    });
    const body = await readBody(res, signal);
    this.stats.bytes += body.length;
    const text = (res.headers['content-encoding'] === 'gzip' ? await gunzipAsync(body) : body).toString('utf8');
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) throw statusError(status, text, res.headers['retry-after']);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new KubeNetworkError('EBADBODY', `the server answered GET ${url.pathname} with something that is not JSON (${res.headers['content-type'] ?? 'no content type'}); is ${this.server} a Kubernetes API server?`, false, { cause: e });
    }
  }
}

function readBody(res: http.IncomingMessage, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) res.destroy(new Error(`response larger than ${MAX_BODY_BYTES} bytes`));
      else chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', (e) => reject(networkError(e, signal)));
    res.on('aborted', () => reject(new KubeNetworkError('ECONNRESET', 'the connection was closed before the whole response arrived', true)));
  });
}

function statusError(status: number, text: string, retryAfter: string | string[] | undefined): KubeHttpError {
  let reason = '';
  let message = text.trim().slice(0, 500);
  try {
    const s = JSON.parse(text) as { kind?: string; reason?: string; message?: string };
    if (s && s.kind === 'Status') {
      reason = s.reason ?? '';
      message = s.message ?? message;
    }
  } catch {
    // not a Status object: keep the text
  }
  const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  const retryAfterMs = Number.isFinite(seconds) && seconds >= 0 ? Math.min(MAX_RETRY_AFTER_MS, seconds * 1000) : undefined;
  return new KubeHttpError(status, reason || httpReason(status), message || httpReason(status), retryAfterMs);
}

function httpReason(status: number): string {
  return http.STATUS_CODES[status] ?? `HTTP ${status}`;
}

function networkError(e: unknown, signal: AbortSignal): Error {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason : new Error('aborted');
  if (e instanceof KubeNetworkError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? 'EUNKNOWN';
  return new KubeNetworkError(code, err.message, TRANSIENT_CODES.has(code), { cause: e });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const t = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** TLS verification failures, by OpenSSL/Node error code. */
export function isTlsError(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_|HOSTNAME_MISMATCH)/.test(code);
}
