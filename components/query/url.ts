// URL building for the explorer: the query lives in the search params (shareable views).
export type Params = Record<string, string | undefined | null>;

/** `/path?k=v` with empty values left out, keys in a stable order. */
export function withParams(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, v);
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

/** Current params plus changes (null removes a key). */
export function mergeParams(current: URLSearchParams, changes: Params): Params {
  const out: Params = Object.fromEntries(current.entries());
  for (const [k, v] of Object.entries(changes)) out[k] = v;
  return out;
}

/** The view-only params kept when a new question is asked. */
export const VIEW_PARAMS = ['layout', 'boxes'] as const;
