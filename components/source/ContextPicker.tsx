'use client';

// The kubeconfig contexts of the server (names only), a Load button per context and a Refresh for
// the cluster in use. A load runs on the server; this polls its progress, and when it is done makes
// the loaded cluster this browser's source and renders the page again.
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ContextList, LoadProgressView, LoadRequest } from '@/lib/service/cluster-source';
import { ErrorMessage } from '../ui/States';
import { LoadStatus } from './LoadStatus';

export interface ContextPickerProps {
  list: ContextList;
  /** the context of the cluster source in use, if it is one */
  inUse?: string;
  canRefresh: boolean;
  initial: LoadProgressView;
}

const POLL_MS = 400;
const button = 'rounded border border-slate-300 px-2 text-xs hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';

async function readError(res: Response): Promise<string> {
  return ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`;
}

export function ContextPicker({ list, inUse, canRefresh, initial }: ContextPickerProps) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const loading = progress.status === 'loading';

  useEffect(() => {
    if (progress.status !== 'loading') return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch('/api/source/progress', { cache: 'no-store' });
        if (!res.ok) throw new Error(await readError(res));
        const next = (await res.json()) as LoadProgressView;
        if (cancelled) return;
        if (next.status === 'done') {
          // this browser leaves any upload for the loaded cluster (the configured source)
          await fetch('/api/source', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'default' }) });
          router.refresh();
        }
        setProgress(next);
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [progress, router]);

  const load = async (request: LoadRequest) => {
    setError(null);
    const res = await fetch('/api/source/load', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    if (!res.ok) {
      setError(await readError(res));
      return;
    }
    setProgress((await res.json()) as LoadProgressView);
  };

  return (
    <div className="flex flex-col gap-2">
      {list.error ? <ErrorMessage title="The server's kubeconfig cannot be read">{list.error}</ErrorMessage> : null}
      {list.contexts.length > 0 ? (
        <p className="text-xs text-slate-500">From {list.origin}, on the server. Names only: credentials never leave the server.</p>
      ) : !list.error ? (
        <p className="text-sm text-slate-500">
          No kubeconfig context on the server{list.origin ? ` (${list.origin})` : ''}. To explore a live cluster, start the server with KUBECONFIG (or ~/.kube/config) pointing at it.
        </p>
      ) : null}
      <ul aria-label="Kubeconfig contexts" className="flex flex-col gap-1 text-sm">
        {list.contexts.map((c) => (
          <li key={c.name} data-context={c.name} className="flex items-center gap-2">
            <span className="truncate font-mono text-xs">{c.name}</span>
            {c.current ? <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300" title="current-context in the kubeconfig">current</span> : null}
            {c.name === inUse ? <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">in use</span> : null}
            <button type="button" className={button} disabled={loading} aria-label={`Load context ${c.name}`} onClick={() => void load({ context: c.name })}>
              {c.name === inUse ? 'Reload' : 'Load'}
            </button>
          </li>
        ))}
      </ul>
      {canRefresh ? (
        <p>
          <button type="button" className={button} disabled={loading} onClick={() => void load({ refresh: true })}>
            Refresh the cluster in use{inUse ? ` (${inUse})` : ''}
          </button>
        </p>
      ) : null}
      <LoadStatus progress={progress} />
      {error ? <ErrorMessage title="Cannot load">{error}</ErrorMessage> : null}
    </div>
  );
}
