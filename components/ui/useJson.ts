'use client';

import { useEffect, useState } from 'react';

export type JsonState<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: string };

/** GETs `url` (null = nothing) and returns its JSON; errors use the API's `{error}` body. */
export function useJson<T>(url: string | null): JsonState<T> {
  const [result, setResult] = useState<{ url: string; state: JsonState<T> } | null>(null);
  useEffect(() => {
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as { error?: string };
        if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
        setResult({ url, state: { status: 'ok', data: body as T } });
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setResult({ url, state: { status: 'error', error: e instanceof Error ? e.message : String(e) } });
      });
    return () => controller.abort();
  }, [url]);
  if (!url) return { status: 'idle' };
  return result?.url === url ? result.state : { status: 'loading' };
}
