'use client';

// Search across users, groups and service accounts, riskiest first (critical, then high findings,
// then cluster-wide bindings); picking one opens its subject view.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { SubjectEntry } from '@/lib/service/subjects';
import { FilterBox } from '../answer/ExportLinks';
import { subjectParamOf } from '../links';
import { KindBadge } from '../ui/KindBadge';
import { SeverityBadge } from '../ui/SeverityBadge';
import { Spinner } from '../ui/States';
import { useJson } from '../ui/useJson';

const KINDS = ['', 'User', 'Group', 'ServiceAccount'] as const;

export function SubjectSearch({ current }: { current?: string }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('');
  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), 150);
    return () => clearTimeout(t);
  }, [text]);
  const result = useJson<{ total: number; items: SubjectEntry[] }>(`/api/subjects?q=${encodeURIComponent(query)}&limit=200${kind ? `&kind=${kind}` : ''}`);

  return (
    <section aria-label="Subject search" className="flex min-h-0 w-80 shrink-0 flex-col border-r border-slate-200 dark:border-slate-800">
      <div className="flex flex-col gap-2 border-b border-slate-200 p-3 dark:border-slate-800">
        <FilterBox label="Search subjects" placeholder="Search users, groups, service accounts" value={text} onChange={setText} size="md" />
        <div role="radiogroup" aria-label="Subject kind" className="flex gap-1 text-xs">
          {KINDS.map((k) => (
            <button key={k} type="button" role="radio" aria-checked={kind === k} onClick={() => setKind(k)}
              className={`rounded-full border px-2 py-0.5 ${kind === k ? 'border-sky-600 bg-sky-600 text-white' : 'border-slate-300 dark:border-slate-600'}`}>
              {k || 'All'}
            </button>
          ))}
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {result.status === 'loading' ? <div className="p-3"><Spinner label="Searching" /></div> : null}
        {result.status === 'error' ? <p className="p-3 text-sm text-rose-600">{result.error}</p> : null}
        {result.status === 'ok' ? (
          <>
            <p className="px-3 pt-2 text-xs text-slate-500" data-testid="subjects-count">
              {result.data.total} subjects, riskiest first{result.data.total > result.data.items.length ? ` (first ${result.data.items.length} shown: type to narrow)` : ''}
            </p>
            <ul aria-label="Subjects found" className="py-1">
              {result.data.items.map((s) => {
                const param = subjectParamOf(s.id) ?? '';
                return (
                  <li key={s.id}>
                    <Link
                      href={`/subjects?subject=${encodeURIComponent(param)}`}
                      prefetch={false}
                      data-subject-id={s.id}
                      data-risk={s.risk ?? (s.clusterWide ? 'cluster-wide' : 'none')}
                      aria-current={current === param ? 'page' : undefined}
                      className={`flex items-center gap-2 px-3 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-900 ${current === param ? 'bg-sky-50 font-medium dark:bg-sky-950/40' : ''}`}
                    >
                      <KindBadge kind={s.kind} short />
                      <span className="min-w-0 truncate">{s.namespace ? `${s.namespace}/${s.name}` : s.name}</span>
                      <span className="ml-auto flex shrink-0 items-center gap-1">
                        {s.risk ? <SeverityBadge severity={s.risk} compact /> : null}
                        {s.clusterWide && !s.risk ? <span className="rounded border border-slate-300 px-1 text-[10px] text-slate-600 dark:border-slate-600 dark:text-slate-300" title="Named by a ClusterRoleBinding: its grants hold in every namespace">cluster-wide</span> : null}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}
