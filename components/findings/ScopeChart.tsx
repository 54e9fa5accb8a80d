// Findings per namespace (and cluster-wide) as stacked bars, one segment per severity; a label
// filters the table on that scope. Plain HTML and CSS: no chart library.
import Link from 'next/link';
import { SEVERITIES } from '@/lib/engine/findings/types';
import type { ScopeBar } from '@/lib/service/findings';
import { CLUSTER_NS } from '@/lib/url-params';
import { SEVERITY_FILL } from '../ui/SeverityBadge';
import { findingsHref } from './url';

const ORDER = [...SEVERITIES].reverse();

export interface ScopeChartProps {
  bars: ScopeBar[];
  more: number;
  current: Readonly<Record<string, string | undefined>>;
}

export function ScopeChart({ bars, more, current }: ScopeChartProps) {
  const max = Math.max(1, ...bars.map((b) => b.total));
  if (bars.length === 0) return <p className="text-sm text-slate-500">No finding to chart.</p>;
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">By namespace</figcaption>
      <ul aria-label="Findings by namespace" className="grid grid-cols-[minmax(6rem,auto)_1fr_auto] items-center gap-x-2 gap-y-0.5 text-xs">
        {bars.map((b) => {
          const parts = ORDER.filter((s) => b.bySeverity[s] > 0).map((s) => `${b.bySeverity[s]} ${s}`).join(', ');
          return (
            <li key={b.scope} className="contents" data-scope={b.scope}>
              <Link href={findingsHref(current, { ns: b.scope === 'cluster' ? CLUSTER_NS : b.scope, all: null })} className="truncate text-sky-700 hover:underline dark:text-sky-300" title={`Show the findings of ${b.label}`}>
                {b.label}
              </Link>
              <span className="flex h-3 overflow-hidden rounded-sm bg-slate-100 dark:bg-slate-800" title={parts} aria-hidden="true">
                {ORDER.map((s) =>
                  b.bySeverity[s] > 0 ? <span key={s} className={SEVERITY_FILL[s]} style={{ width: `${(100 * b.bySeverity[s]) / max}%` }} /> : null,
                )}
              </span>
              <span className="tabular-nums text-slate-600 dark:text-slate-300">
                {b.total}
                <span className="sr-only"> findings: {parts}</span>
              </span>
            </li>
          );
        })}
      </ul>
      {more > 0 ? <p className="text-xs text-slate-500">… and {more} more namespaces (filter by namespace below)</p> : null}
    </figure>
  );
}
