'use client';

// Who is allowed, riskiest first (high and critical findings, cluster-wide grants, most namespaces),
// with a filter box. Each row: kind, name, its badges (finding severity, scope; room for more), and
// the first grant. A subject hidden in a graph group opens its own paths when chosen.
import { startTransition, useEffect, useMemo, useState } from 'react';
import type { QueryView, SubjectItem } from '@/lib/service/answer-view';
import { describeId } from '../links';
import { KindBadge } from '../ui/KindBadge';
import { SeverityBadge } from '../ui/SeverityBadge';
import { EmptyState } from '../ui/States';
import { ListTools } from './ExportLinks';
import { matchesFilter } from './filter';
import { GainedBadge, LostSubjects } from './ChangeMarks';

const FIRST_PAGE = 150;

/**
 * `value`, changed only after the browser has drawn a frame with the new answer: a long list of a new
 * answer renders after the graph is laid out and drawn, not before (the first render shows it at once).
 */
function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}

export function SubjectList({ view, selected, onSelect, exportQuery }: { view: QueryView; selected: string | null; onSelect: (id: string) => void; exportQuery: string }) {
  const [showAll, setShowAll] = useState(false);
  const [filter, setFilter] = useState('');
  const subjects = useAfterPaint(view.subjects);
  const matching = useMemo(
    () => (filter.trim() ? subjects.filter((s) => matchesFilter(filter, [s.kind, s.name, s.namespace, ...s.scopes, ...s.grants.flatMap((g) => [describeId(g.binding).text, describeId(g.role).text])])) : subjects),
    [subjects, filter],
  );
  const shown = showAll ? matching : matching.slice(0, FIRST_PAGE);

  const lost = view.change && view.change.lost.length > 0 ? <LostSubjects lost={view.change.lost} /> : null;
  if (view.subjects.length === 0) {
    if (lost) return <div className="min-h-0 flex-1 overflow-y-auto">{lost}</div>;
    return view.finding ? (
      <p className="p-4 text-sm text-slate-500 dark:text-slate-400">This finding is about an object, not a subject: its paths are drawn in the graph.</p>
    ) : (
      <div className="p-4">
        <EmptyState title="No subject is allowed this request">
          No binding in the data source grants it (members of system:masters are still allowed by the API server).
        </EmptyState>
      </div>
    );
  }
  return (
    <>
      <ListTools
        exportQuery={view.finding ? undefined : exportQuery}
        filter={view.subjects.length > 1 ? { label: 'Filter subjects', value: filter, onChange: setFilter, shown: matching.length, total: subjects.length } : undefined}
      />
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ul aria-label="Subjects" className="divide-y divide-slate-100 dark:divide-slate-800">
          {shown.map((s) => (
            <SubjectRow key={s.id} subject={s} selected={selected === s.id} onSelect={onSelect} gained={view.change?.gained.includes(s.id) === true} />
          ))}
        </ul>
        {lost}
        {filter.trim() && matching.length === 0 ? <p className="p-4 text-sm text-slate-500">No subject matches the filter.</p> : null}
        {!showAll && matching.length > FIRST_PAGE ? (
          <button type="button" className="m-3 text-sm text-sky-700 hover:underline dark:text-sky-300" onClick={() => setShowAll(true)}>
            Show all {matching.length} subjects
          </button>
        ) : null}
      </div>
    </>
  );
}

function SubjectRow({ subject: s, selected, onSelect, gained = false }: { subject: SubjectItem; selected: boolean; onSelect: (id: string) => void; gained?: boolean }) {
  const first = s.grants[0];
  const cluster = s.scopes.includes('cluster');
  const namespaces = s.scopes.filter((x) => x !== 'cluster');
  return (
    <li data-subject-id={s.id} data-risk={s.risk} data-change={gained ? 'gained' : undefined}>
      <button
        type="button"
        aria-pressed={selected}
        onClick={() => onSelect(s.id)}
        className={`flex w-full flex-col gap-0.5 px-4 py-2 text-left hover:bg-slate-50 dark:hover:bg-slate-900 ${selected ? 'bg-sky-50 dark:bg-sky-950/40' : ''}`}
      >
        <span className="flex min-w-0 items-center gap-2">
          <KindBadge kind={s.kind} short />
          <span className="truncate text-sm font-medium">{s.namespace ? `${s.namespace}/${s.name}` : s.name}</span>
          {gained ? <GainedBadge /> : null}
        </span>
        {/* badges: finding severity, how close to cluster-admin (path findings), scope */}
        <span className="flex flex-wrap items-center gap-1" data-testid="subject-badges">
          {s.risk ? <SeverityBadge severity={s.risk} className="min-w-0" /> : null}
          {s.escalation && s.escalation.steps > 0 ? (
            <span data-testid="escalation-badge" className="rounded bg-rose-100 px-1.5 text-[11px] font-semibold text-rose-900 dark:bg-rose-950 dark:text-rose-200">
              reaches {s.escalation.to === 'cluster-admin' ? 'cluster-admin' : 'root on a node'} in {s.escalation.steps} step{s.escalation.steps === 1 ? '' : 's'}
            </span>
          ) : null}
          {cluster ? (
            <span data-scope="cluster" className="rounded bg-rose-100 px-1.5 text-[11px] font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">cluster-wide</span>
          ) : null}
          {namespaces.slice(0, 3).map((scope) => (
            <span key={scope} data-scope={scope} className="rounded bg-slate-100 px-1.5 text-[11px] text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              ns {scope}
            </span>
          ))}
          {namespaces.length > 3 ? <span className="text-[11px] text-slate-500">+{namespaces.length - 3} namespaces</span> : null}
        </span>
        {first ? (
          <span className="truncate text-xs text-slate-500 dark:text-slate-400">
            via {describeId(first.binding).text} → {describeId(first.role).text}
            {s.grantCount > 1 ? ` (+${s.grantCount - 1} more)` : ''}
          </span>
        ) : null}
      </button>
    </li>
  );
}
