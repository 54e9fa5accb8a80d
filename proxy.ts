// Next.js 16 proxy (formerly middleware), run on every request (no matcher: pages, API routes,
// static files): the access-token check (lib/server/auth.ts), and the security headers with a
// per-request CSP nonce (lib/server/security-headers.ts). Node.js runtime (Next 16's default).
import { NextResponse, type NextRequest } from 'next/server';
import { authConfig, checkAuth, checkOrigin, isApiPath, sessionCookie } from './lib/server/auth';
import { contentSecurityPolicy, newNonce, setSecurityHeaders } from './lib/server/security-headers';

const DENIED_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RBAC Atlas: access token needed</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>Access token needed</h1>
<p>This RBAC Atlas server requires an access token. Open the URL that was printed when the server
started (it ends in <code>/?token=…</code>), or ask whoever started it for the token.</p>
</body></html>
`;

const MISCONFIGURED = 'the server requires an access token but was started without one (RBAC_ATLAS_TOKEN)';

function denied(api: boolean, status: number, message: string, csp: string): Response {
  const res = api
    ? Response.json({ error: message, code: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'unavailable' }, { status })
    : new Response(status === 401 ? DENIED_PAGE : `${message}\n`, {
        status,
        headers: { 'content-type': status === 401 ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8' },
      });
  if (status === 401) res.headers.set('www-authenticate', 'Bearer realm="rbac-atlas"');
  res.headers.set('cache-control', 'no-store');
  setSecurityHeaders(res.headers, csp);
  return res;
}

export function proxy(request: NextRequest): Response {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const url = request.nextUrl;
  const api = isApiPath(url.pathname);

  const config = authConfig();
  const refused = checkOrigin(
    { method: request.method, host: request.headers.get('host'), origin: request.headers.get('origin'), fetchSite: request.headers.get('sec-fetch-site') },
    config,
  );
  if (refused) return denied(api, 403, refused, csp);
  const decision = checkAuth(
    { method: request.method, url, authorization: request.headers.get('authorization'), cookie: request.headers.get('cookie') },
    config,
  );
  if (decision.kind === 'misconfigured') return denied(api, 503, MISCONFIGURED, csp);
  if (decision.kind === 'deny') {
    return denied(api, 401, `missing or wrong access token (${decision.reason}): send "Authorization: Bearer <token>"`, csp);
  }
  if (decision.kind === 'login') {
    // Same origin as the request, which Next turns into a relative Location (the bind address,
    // e.g. 0.0.0.0, is not what the browser used).
    const secure = url.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
    const res = new Response(null, {
      status: 303,
      headers: { location: new URL(decision.location, url).href, 'set-cookie': sessionCookie(decision.token, secure), 'cache-control': 'no-store' },
    });
    setSecurityHeaders(res.headers, csp);
    return res;
  }

  // Next.js takes the nonce from the CSP *request* header when it renders the page.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  setSecurityHeaders(res.headers, csp);
  return res;
}
