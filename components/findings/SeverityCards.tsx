// Counts by severity (built-in switch applied), each a link that filters the table on it.
import Link from 'next/link';
import { SEVERITIES, type Severity } from '@/lib/engine/findings/types';
import { SEVERITY_FILL, SEVERITY_TEXT } from '../ui/SeverityBadge';
import { findingsHref } from './url';

const ORDER: readonly Severity[] = [...SEVERITIES].reverse();

export interface SeverityCardsProps {
  counts: Record<Severity, number> & { total: number };
  /** the severities the table is filtered on */
  active: readonly Severity[];
  current: Readonly<Record<string, string | undefined>>;
}

export function SeverityCards({ counts, active, current }: SeverityCardsProps) {
  return (
    <ul aria-label="Findings by severity" className="grid grid-cols-5 gap-2">
      <li>
        <Link
          href={findingsHref(current, { sev: null, all: null })}
          aria-label={`${counts.total} findings in all`}
          className={`flex h-full flex-col rounded-lg border px-3 py-2 hover:border-slate-400 ${active.length === 0 ? 'border-slate-500 dark:border-slate-400' : 'border-slate-200 dark:border-slate-700'}`}
        >
          <span className="text-2xl font-semibold tabular-nums" data-testid="findings-total">{counts.total}</span>
          <span className="text-xs text-slate-500 dark:text-slate-400">findings</span>
        </Link>
      </li>
      {ORDER.map((s) => {
        const on = active.length === 1 && active[0] === s;
        return (
          <li key={s}>
            <Link
              href={findingsHref(current, { sev: on ? null : s, all: null })}
              aria-label={`${counts[s]} ${s}`}
              aria-current={on ? 'true' : undefined}
              data-severity-card={s}
              className={`relative flex h-full flex-col overflow-hidden rounded-lg border px-3 py-2 hover:border-slate-400 ${on ? 'border-slate-500 dark:border-slate-400' : 'border-slate-200 dark:border-slate-700'}`}
            >
              <span aria-hidden="true" className={`absolute inset-y-0 left-0 w-1 ${SEVERITY_FILL[s]}`} />
              <span className={`text-2xl font-semibold tabular-nums ${counts[s] ? SEVERITY_TEXT[s] : 'text-slate-400'}`}>{counts[s]}</span>
              <span className="text-xs capitalize text-slate-500 dark:text-slate-400">{s}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
