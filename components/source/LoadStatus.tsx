// The state of a cluster load: objects read per kind while it runs, the result, or why it failed.
import type { LoadProgressView } from '@/lib/service/cluster-source';
import { ErrorMessage } from '../ui/States';
import { formatTime } from './time';

const STATE_TEXT = { waiting: 'waiting', loading: 'loading…', done: 'done', forbidden: 'forbidden (403)' } as const;

function what(p: LoadProgressView): string {
  return p.context ? `context "${p.context}"` : 'the cluster in use';
}

export function LoadStatus({ progress: p }: { progress: LoadProgressView }) {
  if (p.status === 'idle') return null;
  const kinds = (
    <table aria-label="Objects loaded per kind" className="mt-1 text-xs">
      <tbody>
        {p.kinds.map((k) => (
          <tr key={k.kind} data-kind={k.kind} data-state={k.state}>
            <th scope="row" className="pr-4 text-left font-normal text-slate-600 dark:text-slate-300">{k.resource}</th>
            <td className="pr-4 text-right tabular-nums">{k.objects}</td>
            <td className={k.state === 'forbidden' ? 'text-amber-800 dark:text-amber-300' : 'text-slate-500'}>{STATE_TEXT[k.state]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (p.status === 'loading') {
    return (
      <div role="status" data-testid="load-status" data-status="loading" data-seq={p.seq} className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100">
        <p className="flex items-center gap-2">
          <span aria-hidden="true" className="h-3 w-3 animate-spin rounded-full border-2 border-sky-300 border-t-sky-700" />
          {p.refresh ? 'Refreshing' : 'Loading'} {what(p)}: {p.objects} objects so far. The current data source serves until it is done.
        </p>
        {kinds}
      </div>
    );
  }
  if (p.status === 'failed') {
    return (
      <div data-testid="load-status" data-status="failed" data-seq={p.seq}>
        <ErrorMessage title={`Loading ${what(p)} failed`}>
          <p>{p.error}</p>
          <p className="mt-1 text-xs">The previous data source is still in use.{p.finishedAt ? ` (${formatTime(p.finishedAt)})` : ''}</p>
        </ErrorMessage>
      </div>
    );
  }
  return (
    <p role="status" data-testid="load-status" data-status="done" data-seq={p.seq} className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100">
      Loaded {what(p)}: {p.objects} objects{p.finishedAt ? ` at ${formatTime(p.finishedAt)}` : ''}.
    </p>
  );
}
