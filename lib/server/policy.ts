// What the gate (lib/server/gate.ts) does with a request, decided from its request line and headers
// alone, before a byte of its body is read. Pure: unit-tested in policy.test.ts.
//
// In order: the method (GET, HEAD, POST only: 405), the request target (a path, every segment
// well-formed percent-encoding without NUL: 400), the Host and Origin checks (403), the access
// token (401, or the 303 login of a page opened with ?token=), then the body: its declared size
// against the route's cap (413, lib/server/limits.ts), and for uploads, how many run already (429).
import { checkAuth, checkOrigin, isApiPath, type AuthConfig } from './auth';
import { bodyLimitFor, formatBytes, UPLOAD_PATH, uploadTooLargeMessage, type UploadLimits } from './limits';

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const;

export interface GateConfig {
  auth: AuthConfig;
  limits: UploadLimits;
}

export interface GateRequest {
  method: string;
  /** the request target as sent: "/path?query" (or "*", or an absolute URL) */
  target: string;
  headers: Record<string, string | string[] | undefined>;
}

export type RefusalCode = 'usage' | 'unauthorized' | 'forbidden' | 'not-found' | 'unavailable';

export type GateDecision =
  | { kind: 'refuse'; status: number; code: RefusalCode; message: string; headers?: Record<string, string> }
  | { kind: 'login'; location: string; token: string }
  | { kind: 'pass'; pathname: string; bodyLimit: number; upload: boolean };

export interface GateState {
  /** uploads being read or parsed right now */
  uploadsInFlight: number;
}

function header(h: GateRequest['headers'], name: string): string | null {
  const v = h[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
}

const refuse = (status: number, code: RefusalCode, message: string, headers?: Record<string, string>): GateDecision => ({
  kind: 'refuse',
  status,
  code,
  message,
  ...(headers ? { headers } : {}),
});

/**
 * The path of a request target, or why it is refused: only origin-form targets ("/..."), and every
 * path segment must decode (no malformed %-escapes, no NUL, no other control character).
 */
export function targetPath(target: string): { pathname: string } | { error: string } {
  // "*" (OPTIONS *) and absolute-form targets (requests meant for a proxy) are not paths of this server
  if (!target.startsWith('/')) return { error: 'the request target is not a path' };
  const q = target.search(/[?#]/);
  const pathname = q < 0 ? target : target.slice(0, q);
  for (const segment of pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { error: 'malformed percent-encoding in the path' };
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { error: 'control character in the path' };
  }
  return { pathname };
}

/** Declared body size: a number, "chunked" (no length known) or none. Conflicting or bad lengths are errors. */
export function declaredBody(h: GateRequest['headers']): { bytes: number } | { chunked: true } | { none: true } | { error: string } {
  const te = header(h, 'transfer-encoding');
  const cl = header(h, 'content-length');
  if (te !== null) return { chunked: true };
  if (cl === null) return { none: true };
  if (!/^\d{1,15}$/.test(cl.trim())) return { error: 'invalid Content-Length' };
  const bytes = Number(cl.trim());
  return bytes === 0 ? { none: true } : { bytes };
}

export function decideRequest(req: GateRequest, config: GateConfig, state: GateState): GateDecision {
  const method = req.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) {
    return refuse(405, 'usage', `method ${req.method.slice(0, 20)} is not allowed`, { allow: ALLOWED_METHODS.join(', ') });
  }
  const path = targetPath(req.target);
  if ('error' in path) return refuse(400, 'usage', `bad request: ${path.error}`);
  const { pathname } = path;

  const refused = checkOrigin(
    { method, host: header(req.headers, 'host'), origin: header(req.headers, 'origin'), fetchSite: header(req.headers, 'sec-fetch-site') },
    config.auth,
  );
  if (refused) return refuse(403, 'forbidden', refused);
  let url: URL;
  try {
    url = new URL(`http://localhost${req.target}`); // "//x" stays a path, not a host
  } catch {
    return refuse(400, 'usage', 'bad request: the request target is not a URL');
  }
  const decision = checkAuth({ method, url, authorization: header(req.headers, 'authorization'), cookie: header(req.headers, 'cookie') }, config.auth);
  if (decision.kind === 'misconfigured') {
    return refuse(503, 'unavailable', 'the server requires an access token but was started without one (RBAC_ATLAS_TOKEN)');
  }
  if (decision.kind === 'deny') {
    return refuse(401, 'unauthorized', `missing or wrong access token (${decision.reason}): send "Authorization: Bearer <token>"`, {
      'www-authenticate': 'Bearer realm="rbac-atlas"',
    });
  }
  if (decision.kind === 'login') return decision;

  const limit = bodyLimitFor(method, pathname, config.limits);
  if (limit === undefined) {
    const allow = isApiPath(pathname) ? ALLOWED_METHODS.join(', ') : 'GET, HEAD';
    return refuse(405, 'usage', `method ${method} is not allowed on ${isApiPath(pathname) ? 'this route' : 'pages'}`, { allow });
  }
  const upload = method === 'POST' && pathname === UPLOAD_PATH;
  const body = declaredBody(req.headers);
  if ('error' in body) return refuse(400, 'usage', `bad request: ${body.error}`);
  if (limit === 0 && !('none' in body)) return refuse(400, 'usage', `bad request: a ${method} request has no body`);
  if ('bytes' in body && body.bytes > limit) {
    const message = upload
      ? uploadTooLargeMessage(`the request body is over ${limit} bytes`, config.limits)
      : `request body too large: ${body.bytes} bytes (at most ${formatBytes(limit)})`;
    return refuse(413, 'usage', message);
  }
  if (upload && state.uploadsInFlight >= config.limits.maxConcurrent) {
    return refuse(429, 'unavailable', `too many uploads at once (at most ${config.limits.maxConcurrent}; the server's RBAC_ATLAS_MAX_CONCURRENT_UPLOADS): try again shortly`, {
      'retry-after': '2',
    });
  }
  return { kind: 'pass', pathname, bodyLimit: limit, upload };
}
