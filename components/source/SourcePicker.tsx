'use client';

// Switch this browser between the configured data source and kept uploads.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { SourceSummary } from '@/lib/service/source-view';

export function SourcePicker({ current, sources }: { current: string; sources: SourceSummary[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const choose = async (id: string) => {
    const res = await fetch('/api/source', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
    if (!res.ok) {
      setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
      return;
    }
    setError(null);
    router.refresh();
  };
  return (
    <ul aria-label="Available data sources" className="flex flex-col gap-1 text-sm">
      {sources.map((s) => (
        <li key={s.id} className="flex items-center gap-2">
          <span className="truncate">{s.name}</span>
          <span className="text-xs text-slate-500">{s.objects} objects</span>
          {s.id === current ? (
            <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">in use</span>
          ) : (
            <button type="button" onClick={() => void choose(s.id)} className="rounded border border-slate-300 px-2 text-xs hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800">
              Use
            </button>
          )}
        </li>
      ))}
      {error ? <li className="text-rose-600">{error}</li> : null}
    </ul>
  );
}
