// Glue for route handlers and server pages: which data source a request is about (?src=ID, else the
// atlas-source cookie set by an upload, else the configured source) and its query parameters.
import 'server-only';
import { AtlasError } from '../errors';
import { readBodyCapped } from '../server/body';
import { JSON_BODY_MAX_BYTES } from '../server/limits';
import { firstValues } from './query';
import { getSource, SOURCE_COOKIE, warmFindings, type WebSource } from './store';

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Query parameters of a route handler request: first value of each key, empty values dropped. */
export function requestParams(req: Request): Record<string, string> {
  const all = firstValues(new URL(req.url).searchParams);
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v.trim() !== ''));
}

/** What a data source id looks like ("default", "upload-3-k2j4h1"): anything else is a 400. */
export const SOURCE_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** An explicit ?src= must exist (404 otherwise); a stale cookie falls back to the configured source. */
export async function sourceFor(req: Request): Promise<WebSource> {
  const explicit = new URL(req.url).searchParams.get('src');
  if (explicit !== null && explicit.trim() !== '' && !SOURCE_ID.test(explicit)) {
    throw new AtlasError('usage', 'src: not a data source id (e.g. "default" or "upload-1-abc123")');
  }
  if (explicit) return getSource(explicit);
  return getSource(cookieValue(req.headers.get('cookie'), SOURCE_COOKIE), { fallback: true });
}

/**
 * Pages use the browser's source (cookie), so that the API calls the page makes agree with it. Pages
 * show findings or risk marks: on a source whose findings analysis is still running in the answer
 * worker (a fresh upload or change), the page waits for it instead of computing it on the request thread.
 */
export async function pageSource(): Promise<WebSource> {
  // imported here: route handlers (also served by the gate, outside Next's request context) never call it
  const { cookies } = await import('next/headers');
  const jar = await cookies();
  const source = await getSource(jar.get(SOURCE_COOKIE)?.value, { fallback: true });
  await warmFindings(source);
  return source;
}

/** The most a small JSON request body (source switch, context load) may carry. */
export const MAX_JSON_BODY_BYTES = JSON_BODY_MAX_BYTES;

/**
 * The JSON body of a request that changes server state. JSON only (415 otherwise): a page on another
 * origin cannot send it without a CORS preflight, which this server does not grant. At most
 * MAX_JSON_BODY_BYTES (413); not JSON: 400.
 */
export async function jsonBody(req: Request, max = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AtlasError('usage', 'send a JSON body (content-type: application/json)', { httpStatus: 415 });
  }
  const body = await readBodyCapped(req, max);
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AtlasError('usage', 'the request body is not JSON');
  }
}
