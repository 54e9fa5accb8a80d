'use client';

// Search across users, groups and service accounts; picking one opens its subject view.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { SubjectEntry } from '@/lib/service/subjects';
import { subjectParamOf } from '../links';
import { KindBadge } from '../ui/KindBadge';
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
        <input
          type="search"
          aria-label="Search subjects"
          placeholder="Search users, groups, service accounts"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="h-8 rounded border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
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
            <p className="px-3 pt-2 text-xs text-slate-500">{result.data.total} subjects{result.data.total > result.data.items.length ? `, first ${result.data.items.length} shown` : ''}</p>
            <ul aria-label="Subjects found" className="py-1">
              {result.data.items.map((s) => {
                const param = subjectParamOf(s.id) ?? '';
                return (
                  <li key={s.id}>
                    <Link
                      href={`/subjects?subject=${encodeURIComponent(param)}`}
                      aria-current={current === param ? 'page' : undefined}
                      className={`flex items-center gap-2 px-3 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-900 ${current === param ? 'bg-sky-50 font-medium dark:bg-sky-950/40' : ''}`}
                    >
                      <KindBadge kind={s.kind} short />
                      <span className="truncate">{s.namespace ? `${s.namespace}/${s.name}` : s.name}</span>
                      <span className="ml-auto shrink-0 text-xs text-slate-400">{s.bindings}</span>
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
