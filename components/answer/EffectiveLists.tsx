'use client';

// The effective view's lists: service accounts allowed (themselves or through their implicit
// groups) and the pods that run as them (namespace, pod, node, owner, token mounted or not), each
// filterable and exported as JSON (`who-can --effective -o json`) and CSV.
import { useMemo, useState, type ReactNode } from 'react';
import type { EffectiveAccountItem, EffectivePodItem, EffectiveView } from '@/lib/service/answer-view';
import { ListTools } from './ExportLinks';
import { matchesFilter } from './filter';

const FIRST_PAGE = 200;

/** One list of the effective view: its exports, a filter box, the first FIRST_PAGE matching rows and what is left out. */
function EffectiveList<T extends { id: string }>(props: {
  items: readonly T[];
  /** before the list was cut at EFFECTIVE_LISTED */
  total: number;
  exportQuery: string;
  view: 'service-accounts' | 'pods';
  label: string;
  empty: string;
  texts: (item: T) => readonly (string | undefined)[];
  row: (item: T) => ReactNode;
}) {
  const { items, total, texts } = props;
  const [filter, setFilter] = useState('');
  const matching = useMemo(() => items.filter((item) => matchesFilter(filter, texts(item))), [items, texts, filter]);
  return (
    <>
      <ListTools exportQuery={props.exportQuery} view={props.view} filter={{ label: `Filter ${props.label.toLowerCase()}`, value: filter, onChange: setFilter, shown: matching.length, total: items.length }} />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {items.length === 0 ? <p className="p-4 text-sm text-slate-500">{props.empty}</p> : null}
        <ul aria-label={props.label} className="divide-y divide-slate-100 dark:divide-slate-800">
          {matching.slice(0, FIRST_PAGE).map(props.row)}
        </ul>
        {matching.length > FIRST_PAGE ? <p className="px-4 py-2 text-xs text-slate-500">{matching.length - FIRST_PAGE} more match: narrow the filter.</p> : null}
        {items.length < total ? <p className="px-4 py-2 text-xs text-slate-500">The first {items.length} of {total} are listed; the exports have them all.</p> : null}
      </div>
    </>
  );
}

const accountTexts = (a: EffectiveAccountItem) => [a.namespace, a.name, ...a.via, ...a.scopes];
const podTexts = (p: EffectivePodItem) => [p.namespace, p.name, p.node, p.owner, p.serviceAccount, p.tokenMounted ? 'token mounted' : 'no token'];

function AccountRow({ account: a, onSelect }: { account: EffectiveAccountItem; onSelect: (id: string) => void }) {
  return (
    <li data-account-id={a.id}>
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
  );
}

function PodRow({ pod: p }: { pod: EffectivePodItem }) {
  return (
    <li data-pod-id={p.id} className="flex flex-col gap-0.5 px-4 py-1.5">
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
  );
}

/** The effective view's list of service accounts (`tab` "accounts") or of pods. */
export function EffectiveTab({ tab, effective, exportQuery, onSelect }: { tab: 'accounts' | 'pods'; effective: EffectiveView; exportQuery: string; onSelect: (id: string) => void }) {
  return tab === 'accounts' ? (
    <EffectiveList items={effective.serviceAccounts} total={effective.totalServiceAccounts} exportQuery={exportQuery} view="service-accounts" label="Service accounts" empty="No service account is allowed." texts={accountTexts} row={(a) => <AccountRow key={a.id} account={a} onSelect={onSelect} />} />
  ) : (
    <EffectiveList items={effective.pods} total={effective.totalPods} exportQuery={exportQuery} view="pods" label="Pods" empty="No pod runs as these service accounts." texts={podTexts} row={(p) => <PodRow key={p.id} pod={p} />} />
  );
}
