// Every subject with a path: one row each, the fewest steps to each sink, a link to its paths.
// No hooks: rendered on the server.
import Link from 'next/link';
import type { Sink } from '@/lib/engine/paths/types';
import { SINK_TEXT } from '@/lib/engine/paths/describe';
import type { SubjectPathsRow } from '@/lib/service/paths';
import { KindBadge } from '../ui/KindBadge';
import { EmptyState } from '../ui/States';

/** Rows shown at most (the JSON export and the API have them all). */
const MAX_ROWS = 500;

function Steps({ n }: { n: number | undefined }) {
  if (n === undefined) return <span className="text-slate-400">no path</span>;
  if (n === 0) return <span className="font-semibold text-rose-800 dark:text-rose-300">holds it</span>;
  return <span className="font-medium text-rose-800 dark:text-rose-300">{n} step{n === 1 ? '' : 's'}</span>;
}

export function SubjectPaths({ rows, sinks, title }: { rows: SubjectPathsRow[]; sinks: Sink[]; title: string }) {
  if (rows.length === 0) return <EmptyState title="No path found">No subject here reaches {sinks.map((s) => SINK_TEXT[s]).join(' or ')}.</EmptyState>;
  // those that need steps first (the holders are the admins themselves), then fewest steps
  const score = (r: SubjectPathsRow) => Math.min(...sinks.map((s) => (r.steps[s] === undefined ? 99 : r.steps[s] === 0 ? 50 : r.steps[s]!)));
  const sorted = [...rows].sort((a, b) => score(a) - score(b));
  return (
    <section aria-label={title}>
      <h2 className="mb-1 text-base font-semibold">{title} ({rows.length})</h2>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">Fewest steps to each target; &quot;holds it&quot; means the subject already has that power. Pick a subject to see its path step by step.</p>
      <table className="text-left text-sm" aria-label="Subjects with a path">
        <thead className="text-xs text-slate-600 dark:text-slate-300">
          <tr>
            <th className="py-1 pr-6 font-medium">Subject</th>
            {sinks.map((s) => <th key={s} className="py-1 pr-6 font-medium">To {SINK_TEXT[s]}</th>)}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, MAX_ROWS).map((r) => (
            <tr key={r.param} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1 pr-6">
                <Link href={`/paths?from=${encodeURIComponent(r.param)}`} className="inline-flex items-center gap-2 text-sky-700 hover:underline dark:text-sky-300">
                  <KindBadge kind={r.kind} short />
                  <span className="break-all">{r.label.slice(r.label.indexOf(' ') + 1)}</span>
                </Link>
              </td>
              {sinks.map((s) => <td key={s} className="py-1 pr-6"><Steps n={r.steps[s]} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS ? <p className="mt-2 text-sm text-slate-600">First {MAX_ROWS} of {rows.length} shown; /api/paths lists them all.</p> : null}
    </section>
  );
}
