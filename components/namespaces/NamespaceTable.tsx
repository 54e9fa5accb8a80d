'use client';

// The namespace list with counts and a risk hint, filterable and sortable; riskiest first.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { RiskLevel } from '@/lib/service/findings';
import type { NamespaceItem } from '@/lib/service/namespaces';
import { FilterBox } from '../answer/ExportLinks';

type SortKey = 'risk' | 'name' | 'readSecrets' | 'exec' | 'pods' | 'roleBindings';
type FindingCounts = Readonly<Record<string, Record<RiskLevel, number>>>;

const NONE: Record<RiskLevel, number> = { critical: 0, high: 0 };
const NO_FINDINGS: FindingCounts = {};

function riskClass(n: number, max: number): string {
  if (n === 0) return 'text-slate-400';
  if (n >= Math.max(3, max * 0.75)) return 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200';
  return 'bg-amber-50 text-amber-900 dark:bg-amber-950/60 dark:text-amber-200';
}

/** High and critical findings scoped to the namespace, linking to them in the Findings view. */
function FindingsBadge({ ns, counts }: { ns: string; counts: Record<RiskLevel, number> }) {
  const total = counts.critical + counts.high;
  if (total === 0) return <span className="text-slate-400">0</span>;
  const label = [counts.critical ? `${counts.critical} critical` : '', counts.high ? `${counts.high} high` : ''].filter(Boolean).join(', ');
  return (
    <Link
      href={`/findings?ns=${encodeURIComponent(ns)}&sev=critical,high`}
      prefetch={false}
      aria-label={`${label} findings in ${ns}`}
      data-testid="namespace-findings"
      className={`rounded px-1.5 font-medium tabular-nums hover:underline ${counts.critical ? 'bg-rose-800 text-white dark:bg-rose-700' : 'bg-orange-600 text-white'}`}
    >
      {label}
    </Link>
  );
}

export function NamespaceTable({ namespaces, findings = NO_FINDINGS }: { namespaces: NamespaceItem[]; findings?: FindingCounts }) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('risk');
  const max = useMemo(() => Math.max(0, ...namespaces.map((n) => n.risk.readSecrets + n.risk.exec)), [namespaces]);
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = f ? namespaces.filter((n) => n.name.includes(f)) : [...namespaces];
    const severe = (n: NamespaceItem) => findings[n.name] ?? NONE;
    const by: Record<SortKey, (a: NamespaceItem, b: NamespaceItem) => number> = {
      // critical, then high findings, then how many subjects can read secrets or exec there
      risk: (a, b) =>
        severe(b).critical - severe(a).critical ||
        severe(b).high - severe(a).high ||
        b.risk.readSecrets + b.risk.exec - (a.risk.readSecrets + a.risk.exec) ||
        a.name.localeCompare(b.name),
      name: (a, b) => a.name.localeCompare(b.name),
      readSecrets: (a, b) => b.risk.readSecrets - a.risk.readSecrets || a.name.localeCompare(b.name),
      exec: (a, b) => b.risk.exec - a.risk.exec || a.name.localeCompare(b.name),
      pods: (a, b) => b.pods - a.pods || a.name.localeCompare(b.name),
      roleBindings: (a, b) => b.roleBindings - a.roleBindings || a.name.localeCompare(b.name),
    };
    return list.sort(by[sort]);
  }, [namespaces, filter, sort, findings]);
  const th = 'px-3 py-2 font-medium';
  const sortButton = (key: SortKey, label: string) => (
    <button type="button" onClick={() => setSort(key)} aria-pressed={sort === key} className={`uppercase tracking-wide hover:underline ${sort === key ? 'text-slate-900 dark:text-white' : ''}`}>
      {label}
      {sort === key ? <span aria-hidden="true"> ▾</span> : null}
    </button>
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      <div className="flex items-center gap-3">
        <div className="w-64">
          <FilterBox label="Filter namespaces" value={filter} onChange={setFilter} shown={rows.length} total={namespaces.length} />
        </div>
        {filter ? null : <span className="text-sm text-slate-500">{namespaces.length} namespaces</span>}
        <span className="text-sm text-slate-500">
          {sort === 'risk' ? 'Riskiest first: critical and high findings, then subjects that can read secrets or exec.' : <button type="button" className="text-sky-700 hover:underline dark:text-sky-300" onClick={() => setSort('risk')}>Sort riskiest first</button>}
        </span>
      </div>
      <div className="min-h-0 flex-1 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="w-full text-left text-sm" aria-label="Namespaces">
          <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th className={th}>{sortButton('name', 'Namespace')}</th>
              <th className={th} title="High and critical findings scoped to this namespace (built-in ones left out)">{sortButton('risk', 'Findings')}</th>
              <th className={th} title="Subjects that can get secrets there (cluster-wide grants included)">{sortButton('readSecrets', 'Can read secrets')}</th>
              <th className={th} title="Subjects that can create pods/exec there (cluster-wide grants included)">{sortButton('exec', 'Can exec')}</th>
              <th className={th}>{sortButton('roleBindings', 'RoleBindings')}</th>
              <th className={th}>Roles</th>
              <th className={th}>Service accounts</th>
              <th className={th}>{sortButton('pods', 'Pods')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.name} className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900" data-namespace={n.name}>
                <td className="px-3 py-1.5">
                  <Link href={`/namespaces/${encodeURIComponent(n.name)}`} prefetch={false} className="font-medium text-sky-700 hover:underline dark:text-sky-300">{n.name}</Link>
                </td>
                <td className="px-3 py-1.5"><FindingsBadge ns={n.name} counts={findings[n.name] ?? NONE} /></td>
                <td className="px-3 py-1.5"><span className={`rounded px-1.5 tabular-nums ${riskClass(n.risk.readSecrets, max / 2)}`}>{n.risk.readSecrets}</span></td>
                <td className="px-3 py-1.5"><span className={`rounded px-1.5 tabular-nums ${riskClass(n.risk.exec, max / 2)}`}>{n.risk.exec}</span></td>
                <td className="px-3 py-1.5 tabular-nums">{n.roleBindings}</td>
                <td className="px-3 py-1.5 tabular-nums">{n.roles}</td>
                <td className="px-3 py-1.5 tabular-nums">{n.serviceAccounts}</td>
                <td className="px-3 py-1.5 tabular-nums">{n.pods}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
