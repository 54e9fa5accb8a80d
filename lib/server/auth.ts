// Access-token check of the web server (the gate, lib/server/gate.ts, runs it on every request). The start script
// (scripts/start.mjs) decides whether a token is needed (any non-loopback bind address, or
// --require-token) and hands it to the server process in RBAC_ATLAS_TOKEN; RBAC_ATLAS_REQUIRE_TOKEN=1
// makes the server fail closed (503) if the token is missing. Pure apart from hashing: unit-tested.
//
// A request is let through when it carries `Authorization: Bearer <token>` or the session cookie.
// A page opened as `/any/path?token=<token>` sets the cookie (HttpOnly, SameSite=Strict) and is
// redirected to the same URL without the token, so that it stays out of history and referrers.
import { createHash, timingSafeEqual } from 'node:crypto';

export const AUTH_COOKIE = 'atlas-auth';
export const TOKEN_PARAM = 'token';

export interface AuthConfig {
  /** a token is required on every request */
  required: boolean;
  /** the token; required without token = misconfigured (every request gets 503) */
  token?: string;
}

const TRUE = /^(1|true|yes|on)$/i;

/** The server's token settings from its environment. A non-empty RBAC_ATLAS_TOKEN always turns the check on. */
export function authConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const token = env.RBAC_ATLAS_TOKEN?.trim() || undefined;
  const required = token !== undefined || TRUE.test(env.RBAC_ATLAS_REQUIRE_TOKEN?.trim() ?? '');
  return token === undefined ? { required } : { required, token };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Constant-time string comparison: both sides are hashed first, so neither the content nor the
 * length of the secret leaks through timing.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The cookie value for a token: derived (not the token itself), and always cookie-safe. */
export function sessionValue(token: string): string {
  return createHash('sha256').update(`rbac-atlas session\0${token}`, 'utf8').digest('base64url');
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${AUTH_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearer(header: string | null): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m?.[1];
}

export interface AuthRequest {
  method: string;
  /** path and query, e.g. "/namespaces?token=abc&x=1" */
  url: URL;
  authorization: string | null;
  cookie: string | null;
}

export type AuthDecision =
  | { kind: 'allow' }
  /** the token came in the URL: set the cookie, redirect to `location` (path + query without the token) */
  | { kind: 'login'; location: string; token: string }
  | { kind: 'deny'; reason: string }
  | { kind: 'misconfigured' };

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** Whether a request may go on. */
export function checkAuth(req: AuthRequest, config: AuthConfig): AuthDecision {
  if (!config.required) return { kind: 'allow' };
  const token = config.token;
  if (token === undefined) return { kind: 'misconfigured' };
  const fromUrl = req.url.searchParams.get(TOKEN_PARAM);
  if (fromUrl !== null && (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(req.url.pathname)) {
    if (!safeEqual(fromUrl, token)) return { kind: 'deny', reason: 'wrong token in the URL' };
    const clean = new URL(req.url.href);
    clean.searchParams.delete(TOKEN_PARAM);
    return { kind: 'login', location: `${clean.pathname}${clean.search}`, token };
  }
  const given = bearer(req.authorization);
  if (given !== undefined && safeEqual(given, token)) return { kind: 'allow' };
  const session = cookieValue(req.cookie, AUTH_COOKIE);
  if (session !== undefined && safeEqual(session, sessionValue(token))) return { kind: 'allow' };
  if (given !== undefined) return { kind: 'deny', reason: 'wrong bearer token' };
  return { kind: 'deny', reason: 'no access token' };
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Request-origin checks that hold in every mode:
 * - without a token, the Host header must be a loopback name or address: a page on another site that
 *   points its own DNS name at 127.0.0.1 (DNS rebinding) cannot read the answers;
 * - a request that changes state (anything but GET/HEAD/OPTIONS) must come from this origin: no
 *   cross-site form posts (e.g. a multipart upload that would switch the browser's data source).
 * Returns the reason to refuse (403), or null.
 */
export function checkOrigin(req: { method: string; host: string | null; origin: string | null; fetchSite: string | null }, config: AuthConfig): string | null {
  if (!config.required && !LOOPBACK_HOST.test(req.host ?? '')) {
    return `host "${req.host ?? ''}" is not a loopback address: this server answers only on loopback without an access token`;
  }
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  if (req.fetchSite !== null && req.fetchSite !== 'same-origin' && req.fetchSite !== 'none') {
    return `cross-site ${req.method} refused (Sec-Fetch-Site: ${req.fetchSite})`;
  }
  if (req.origin !== null) {
    let originHost: string | undefined;
    try {
      originHost = new URL(req.origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || originHost.toLowerCase() !== (req.host ?? '').toLowerCase()) {
      return `cross-origin ${req.method} refused (Origin: ${req.origin})`;
    }
  }
  return null;
}
