import Link from 'next/link';
import type { SourceSummary } from '@/lib/service/source-view';

/** Where the badge goes while the data source loads, or when it cannot be loaded. */
export function SourceBadgePlaceholder({ failed = false }: { failed?: boolean }) {
  return (
    <Link href="/source" data-testid="source-badge" aria-label={failed ? 'Data source: could not be loaded' : 'Data source: loading'} className="flex shrink-0 items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-xs text-slate-500 dark:border-slate-700">
      <span className={`h-2 w-2 rounded-full ${failed ? 'bg-rose-500' : 'animate-pulse bg-slate-300'}`} aria-hidden="true" />
      {failed ? 'Data source unavailable' : 'Loading data source…'}
    </Link>
  );
}

/** The data source at a glance: name, object count, load time, diagnostics (a link to read them). */
export function SourceBadge({ source }: { source: SourceSummary }) {
  const d = source.diagnostics;
  return (
    <Link
      href="/source"
      aria-label={`Current data source: ${source.name}, ${source.objects} objects, ${d.total} diagnostics${source.partial ? ', partial data' : ''}`}
      data-testid="source-badge"
      title={`${source.name}: ${source.objects} objects, loaded in ${source.loadMs} ms, ${d.total} diagnostics`}
      className="flex shrink-0 items-center gap-2 whitespace-nowrap rounded-md border border-slate-200 px-2 py-1 text-xs text-slate-600 hover:border-slate-400 dark:border-slate-700 dark:text-slate-300"
    >
      <span className={`h-2 w-2 shrink-0 rounded-full ${source.partial ? 'bg-amber-500' : source.kind === 'upload' ? 'bg-violet-500' : source.kind === 'cluster' ? 'bg-sky-500' : 'bg-emerald-500'}`} aria-hidden="true" />
      <span className="max-w-[16rem] truncate font-medium text-slate-800 dark:text-slate-100">{source.name}</span>
      <span>{source.objects} objects</span>
      <span className={`rounded px-1 ${d.error ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200' : d.warning ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : 'bg-slate-100 dark:bg-slate-800'}`}>
        {d.total} {d.total === 1 ? 'diagnostic' : 'diagnostics'}
      </span>
    </Link>
  );
}
