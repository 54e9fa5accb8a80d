// The findings table: one row per finding, sortable by its column headers (links: the sort is in the
// URL). A click anywhere on a row opens the finding (what to do, the grants to change); its graph
// link opens the explorer on the finding's grant paths. With a namespace filter, the cluster-wide
// findings that apply there are marked as such.
import Link from 'next/link';
import type { FindingRow, SortKey } from '@/lib/service/findings';
import { defaultDir } from '@/lib/service/findings';
import { KindBadge } from '../ui/KindBadge';
import { SeverityBadge } from '../ui/SeverityBadge';
import { findingDetailHref, findingsHref } from './url';

export interface FindingsTableProps {
  rows: FindingRow[];
  matched: number;
  sort: SortKey;
  dir: 'asc' | 'desc';
  current: Readonly<Record<string, string | undefined>>;
}

const COLUMNS: { key?: SortKey; label: string; className?: string }[] = [
  { key: 'severity', label: 'Severity', className: 'w-28' },
  { key: 'kind', label: 'Finding', className: 'min-w-[13rem]' },
  { key: 'target', label: 'Subject / object' },
  { key: 'scope', label: 'Scope', className: 'w-32' },
  { label: 'Through' },
  { label: 'Pods', className: 'w-36' },
  { label: 'Graph', className: 'w-16' },
];

export function FindingsTable({ rows, matched, sort, dir, current }: FindingsTableProps) {
  const ns = current.ns && current.ns !== '_cluster' ? current.ns : undefined;
  const header = (c: (typeof COLUMNS)[number]) => {
    if (!c.key) return c.label;
    const on = c.key === sort;
    const next = on ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir(c.key);
    return (
      <Link href={findingsHref(current, { sort: c.key, dir: next, all: null })} className={`hover:underline ${on ? 'text-slate-900 dark:text-white' : ''}`} scroll={false}>
        {c.label}
        {on ? <span aria-hidden="true"> {dir === 'asc' ? '▲' : '▼'}</span> : null}
      </Link>
    );
  };
  return (
    <div className="rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" aria-label="Findings">
        <thead className="sticky top-0 z-[1] bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={`whitespace-nowrap px-3 py-2 font-medium ${c.className ?? ''}`} aria-sort={c.key === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {header(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-finding-id={r.id} className="relative border-t border-slate-100 align-top hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900">
              <td className="px-3 py-1.5"><SeverityBadge severity={r.severity} /></td>
              <td className="px-3 py-1.5">
                <span className="block font-medium">{r.title}</span>
                <span className="font-mono text-[11px] text-slate-500 dark:text-slate-400">{r.kindId}{r.builtin ? ' · built-in' : ''}</span>
              </td>
              <td className="max-w-[18rem] px-3 py-1.5">
                <span className="flex min-w-0 items-center gap-1.5">
                  <KindBadge kind={r.targetKind} short />
                  {/* the row's link: its ::after covers the whole row */}
                  <Link href={findingDetailHref(r.id)} prefetch={false} className="truncate font-medium text-sky-700 after:absolute after:inset-0 hover:underline dark:text-sky-300" title={r.message} aria-label={`Open the finding: ${r.title}, ${r.target}, ${r.scope === 'cluster' ? 'cluster-wide' : r.scope}`}>
                    {r.target}
                  </Link>
                </span>
              </td>
              <td className="px-3 py-1.5">
                {r.scope === 'cluster' ? <span className="whitespace-nowrap rounded bg-rose-100 px-1.5 text-[11px] text-rose-800 dark:bg-rose-950 dark:text-rose-200">cluster-wide</span> : r.scope}
                {ns && r.scope === 'cluster' ? <span className="block text-[11px] text-slate-500" data-testid="applies-here">applies in {ns}</span> : null}
              </td>
              <td className="max-w-[13rem] truncate px-3 py-1.5 text-xs text-slate-600 dark:text-slate-300" title={r.via}>{r.via}</td>
              <td className="min-w-[6rem] px-3 py-1.5 text-xs text-slate-600 dark:text-slate-300">{r.pods}</td>
              <td className="px-3 py-1.5 text-xs">
                <Link href={r.href} prefetch={false} className="relative z-[2] font-medium text-sky-700 hover:underline dark:text-sky-300" aria-label={`Graph of ${r.title}, ${r.target}`}>graph</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="px-3 py-6 text-center text-sm text-slate-500">No finding matches these filters.</p> : null}
      {rows.length < matched ? (
        <p className="border-t border-slate-100 px-3 py-2 text-sm dark:border-slate-800">
          Showing {rows.length} of {matched}.{' '}
          <Link href={findingsHref(current, { all: '1' })} className="font-medium text-sky-700 hover:underline dark:text-sky-300" scroll={false}>Show all {matched}</Link>
          {' '}or narrow the filters; the exports hold every row.
        </p>
      ) : null}
    </div>
  );
}
