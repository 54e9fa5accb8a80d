// The bodies the gate answers with itself: refusals (401 page, JSON for /api, text otherwise) and
// the page that replaces any error answer Next would send as HTML or text (no script, no data, no
// stack trace; the server's log has the details).
import { isApiPath } from './auth';
import type { RefusalCode } from './policy';

export interface Body {
  contentType: string;
  text: string;
}

const PAGE_STYLE = 'font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem';

const TOKEN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RBAC Atlas: access token needed</title></head>
<body style="${PAGE_STYLE}">
<h1>Access token needed</h1>
<p>This RBAC Atlas server requires an access token. Open the URL that was printed when the server
started (it ends in <code>/?token=…</code>), or ask whoever started it for the token.</p>
</body></html>
`;

function errorPage(status: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RBAC Atlas: error ${status}</title></head>
<body style="${PAGE_STYLE}">
<h1>Something went wrong</h1>
<p>The server could not answer this request (HTTP ${status}). The details are in the server's log.</p>
<p><a href="/">Back to the explorer</a></p>
</body></html>
`;
}

/** A refusal of the gate: JSON `{error, code}` under /api, the token page for a 401 page, else text. */
export function refusalBody(pathname: string, status: number, code: RefusalCode, message: string): Body {
  if (isApiPath(pathname)) return { contentType: 'application/json', text: JSON.stringify({ error: message, code }) };
  if (status === 401) return { contentType: 'text/html; charset=utf-8', text: TOKEN_PAGE };
  return { contentType: 'text/plain; charset=utf-8', text: `${message}\n` };
}

/** What replaces a 5xx answer that is not JSON: a JSON error under /api, a static page otherwise. */
export function serverErrorBody(pathname: string, status: number): Body {
  if (isApiPath(pathname)) {
    return { contentType: 'application/json', text: JSON.stringify({ error: 'internal error: see the server log', code: status === 503 ? 'unavailable' : 'internal' }) };
  }
  return { contentType: 'text/html; charset=utf-8', text: errorPage(status) };
}
