import Link from 'next/link';
import type { SourceSummary } from '@/lib/service/source-view';

/** The data source at a glance: name, object count, load time, diagnostics (a link to read them). */
export function SourceBadge({ source }: { source: SourceSummary }) {
  const d = source.diagnostics;
  return (
    <Link
      href="/source"
      aria-label={`Current data source: ${source.name}, ${source.objects} objects, ${d.total} diagnostics${source.partial ? ', partial data' : ''}`}
      data-testid="source-badge"
      title={`${source.name}: ${source.objects} objects, loaded in ${source.loadMs} ms, ${d.total} diagnostics`}
      className="flex min-w-0 max-w-[22rem] items-center gap-2 rounded-md max-[1150px]:max-w-[15rem] border border-slate-200 px-2 py-1 text-xs text-slate-600 hover:border-slate-400 dark:border-slate-700 dark:text-slate-300"
    >
      <span className={`h-2 w-2 shrink-0 rounded-full ${source.partial ? 'bg-amber-500' : source.kind === 'upload' ? 'bg-violet-500' : source.kind === 'cluster' ? 'bg-sky-500' : 'bg-emerald-500'}`} aria-hidden="true" />
      <span className="truncate font-medium text-slate-800 dark:text-slate-100">{source.name}</span>
      <span className="shrink-0">{source.objects} objects</span>
      <span className="shrink-0 max-[1150px]:hidden">{source.loadMs} ms</span>
      <span className={`shrink-0 rounded px-1 ${d.error ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200' : d.warning ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : 'bg-slate-100 dark:bg-slate-800'}`}>
        {d.total} {d.total === 1 ? 'diagnostic' : 'diagnostics'}
      </span>
    </Link>
  );
}
