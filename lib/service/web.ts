// Glue for route handlers and server pages: which data source a request is about (?src=ID, else the
// atlas-source cookie set by an upload, else the configured source) and its query parameters.
import 'server-only';
import { cookies } from 'next/headers';
import { AtlasError } from '../errors';
import { firstValues } from './query';
import { getSource, SOURCE_COOKIE, type WebSource } from './store';

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

/** An explicit ?src= must exist (404 otherwise); a stale cookie falls back to the configured source. */
export async function sourceFor(req: Request): Promise<WebSource> {
  const explicit = new URL(req.url).searchParams.get('src');
  if (explicit) return getSource(explicit);
  return getSource(cookieValue(req.headers.get('cookie'), SOURCE_COOKIE), { fallback: true });
}

/** Pages use the browser's source (cookie), so that the API calls the page makes agree with it. */
export async function pageSource(): Promise<WebSource> {
  const jar = await cookies();
  return getSource(jar.get(SOURCE_COOKIE)?.value, { fallback: true });
}

/**
 * The JSON body of a request that changes server state. JSON only: a page on another origin cannot
 * send it without a CORS preflight, which this server does not grant.
 */
export async function jsonBody(req: Request): Promise<unknown> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AtlasError('usage', 'send a JSON body (content-type: application/json)', { httpStatus: 415 });
  }
  return req.json().catch(() => {
    throw new AtlasError('usage', 'the request body is not JSON');
  });
}
