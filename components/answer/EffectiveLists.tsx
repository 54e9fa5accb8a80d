'use client';

// The effective view's lists: service accounts allowed (themselves or through their implicit
// groups) and the pods that run as them (namespace, pod, node, owner, token mounted or not), each
// filterable and exported as JSON (`who-can --effective -o json`) and CSV.
import { useMemo, useState } from 'react';
import type { EffectiveView } from '@/lib/service/answer-view';
import { ExportLinks, FilterBox } from './ExportLinks';
import { matchesFilter } from './filter';

const FIRST_PAGE = 200;

function Cut({ listed, total, matching }: { listed: number; total: number; matching: number }) {
  return (
    <>
      {matching > FIRST_PAGE ? <p className="px-4 py-2 text-xs text-slate-500">{matching - FIRST_PAGE} more match: narrow the filter.</p> : null}
      {listed < total ? <p className="px-4 py-2 text-xs text-slate-500">The first {listed} of {total} are listed; the exports have them all.</p> : null}
    </>
  );
}

export function EffectiveAccounts({ effective, exportQuery, onSelect }: { effective: EffectiveView; exportQuery: string; onSelect: (id: string) => void }) {
  const [filter, setFilter] = useState('');
  const matching = useMemo(() => effective.serviceAccounts.filter((a) => matchesFilter(filter, [a.namespace, a.name, ...a.via, ...a.scopes])), [effective, filter]);
  return (
    <>
      <div className="flex flex-col gap-1.5 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <ExportLinks query={exportQuery} view="service-accounts" />
        <FilterBox label="Filter service accounts" value={filter} onChange={setFilter} shown={matching.length} total={effective.serviceAccounts.length} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ul aria-label="Service accounts" className="divide-y divide-slate-100 dark:divide-slate-800">
          {matching.slice(0, FIRST_PAGE).map((a) => (
            <li key={a.id} data-account-id={a.id}>
              <button type="button" onClick={() => onSelect(a.id)} className="flex w-full flex-col gap-0.5 px-4 py-1.5 text-left hover:bg-slate-50 dark:hover:bg-slate-900">
                <span className="truncate text-sm font-medium">{a.namespace}/{a.name}</span>
                <span className="flex flex-wrap items-center gap-1 text-[11px] text-slate-600 dark:text-slate-300">
                  {a.scopes.includes('cluster') ? <span className="rounded bg-rose-100 px-1.5 font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">cluster-wide</span> : null}
                  <span>via {a.via.join(', ')}</span>
                  <span>· {a.pods} {a.pods === 1 ? 'pod' : 'pods'}</span>
                  {a.inSnapshot ? null : <span>· no ServiceAccount object</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <Cut listed={effective.serviceAccounts.length} total={effective.totalServiceAccounts} matching={matching.length} />
      </div>
    </>
  );
}

export function EffectivePods({ effective, exportQuery }: { effective: EffectiveView; exportQuery: string }) {
  const [filter, setFilter] = useState('');
  const matching = useMemo(
    () => effective.pods.filter((p) => matchesFilter(filter, [p.namespace, p.name, p.node, p.owner, p.serviceAccount, p.tokenMounted ? 'token mounted' : 'no token'])),
    [effective, filter],
  );
  return (
    <>
      <div className="flex flex-col gap-1.5 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <ExportLinks query={exportQuery} view="pods" />
        <FilterBox label="Filter pods" value={filter} onChange={setFilter} shown={matching.length} total={effective.pods.length} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {effective.pods.length === 0 ? <p className="p-4 text-sm text-slate-500">No pod runs as these service accounts.</p> : null}
        <ul aria-label="Pods" className="divide-y divide-slate-100 dark:divide-slate-800">
          {matching.slice(0, FIRST_PAGE).map((p) => (
            <li key={p.id} data-pod-id={p.id} className="flex flex-col gap-0.5 px-4 py-1.5">
              <span className="flex min-w-0 items-center gap-2">
                <span className="truncate text-sm font-medium">{p.namespace}/{p.name}</span>
                <span className={`shrink-0 rounded px-1.5 text-[11px] font-medium ${p.tokenMounted ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}>
                  {p.tokenMounted ? 'token mounted' : 'no token'}
                </span>
              </span>
              <span className="truncate text-[11px] text-slate-600 dark:text-slate-300">
                as {p.serviceAccount}
                {p.clusterWide ? ' (cluster-wide)' : ''}
                {p.node ? ` · node ${p.node}` : ''}
                {p.owner ? ` · ${p.owner}` : ''}
              </span>
            </li>
          ))}
        </ul>
        <Cut listed={effective.pods.length} total={effective.totalPods} matching={matching.length} />
      </div>
    </>
  );
}
