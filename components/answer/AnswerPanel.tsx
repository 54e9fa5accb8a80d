'use client';

// The answer as a list next to the graph: counts by kind, the scope of each grant, exports.
import { useState } from 'react';
import type { QueryView, SubjectItem } from '@/lib/service/answer-view';
import { describeId } from '../links';
import { KindBadge } from '../ui/KindBadge';
import { EmptyState } from '../ui/States';
import { ChangeNote, GainedBadge, LostSubjects } from './ChangeMarks';
import { FindingHeader } from './FindingHeader';

const FIRST_PAGE = 150;

export interface AnswerPanelProps {
  view: QueryView;
  selected: string | null;
  onSelect: (id: string) => void;
  /** query string of the current question, for the export links */
  exportQuery: string;
}

export function AnswerPanel({ view, selected, onSelect, exportQuery }: AnswerPanelProps) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? view.subjects : view.subjects.slice(0, FIRST_PAGE);

  return (
    <section aria-label="Answer" className="flex min-h-0 w-[340px] shrink-0 flex-col border-r border-slate-200 dark:border-slate-800 max-[1100px]:w-[290px]">
      <header className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        {view.finding ? <FindingHeader finding={view.finding} title={view.title} /> : <QuestionHeader view={view} exportQuery={exportQuery} />}
        {view.change ? <ChangeNote change={view.change} onSelect={onSelect} /> : null}
        {view.hints.map((h) => (
          <p key={h} className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">{h}</p>
        ))}
        {view.warnings.length > 0 ? (
          <details className="mt-2 text-xs text-slate-600 dark:text-slate-300">
            <summary className="cursor-pointer">{view.warnings.length} {view.warnings.length === 1 ? 'note' : 'notes'}</summary>
            <ul className="mt-1 list-disc pl-4">{view.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
          </details>
        ) : null}
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {view.subjects.length === 0 && view.finding ? (
          <p className="p-4 text-sm text-slate-500 dark:text-slate-400">This finding is about an object, not a subject: its paths are drawn in the graph.</p>
        ) : view.subjects.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No subject is allowed this request">
              No binding in the data source grants it (members of system:masters are still allowed by the API server).
            </EmptyState>
          </div>
        ) : (
          <ul aria-label="Subjects" className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.map((s) => (
              <SubjectRow key={s.id} subject={s} selected={selected === s.id} onSelect={onSelect} gained={view.change?.gained.includes(s.id) === true} />
            ))}
          </ul>
        )}
        {view.change && view.change.lost.length > 0 ? <LostSubjects lost={view.change.lost} /> : null}
        {!showAll && view.subjects.length > FIRST_PAGE ? (
          <button type="button" className="m-3 text-sm text-sky-700 hover:underline dark:text-sky-300" onClick={() => setShowAll(true)}>
            Show all {view.subjects.length} subjects
          </button>
        ) : null}
      </div>
    </section>
  );
}

function QuestionHeader({ view, exportQuery }: { view: QueryView; exportQuery: string }) {
  const c = view.counts;
  const link = 'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';
  return (
    <>
      <h1 className="text-lg font-semibold leading-6" data-testid="answer-title">{view.title}</h1>
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="answer-scope">
        {view.scopeText ? `${view.scopeText} · ` : ''}{view.permissions.length === 1 ? view.permissions[0]!.label : `${view.permissions.length} requests merged`}
      </p>
      <p className="mt-2 text-sm" data-testid="answer-counts">
        <strong>{c.total}</strong> {c.total === 1 ? 'subject' : 'subjects'}: {c.User} {c.User === 1 ? 'user' : 'users'} · {c.Group} {c.Group === 1 ? 'group' : 'groups'} · {c.ServiceAccount} service {c.ServiceAccount === 1 ? 'account' : 'accounts'}
      </p>
      {view.effective ? (
        <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="effective-counts">
          Effective: {view.effective.serviceAccounts} service accounts allowed (counting implicit groups), {view.effective.pods} pods run as them
        </p>
      ) : null}
      <div className="mt-2 flex items-center gap-1.5">
        <span className="text-xs text-slate-500">Export</span>
        <a className={link} href={`/api/export?${exportQuery}&format=json`} download>JSON</a>
        <a className={link} href={`/api/export?${exportQuery}&format=csv`} download>CSV</a>
      </div>
    </>
  );
}

function SubjectRow({ subject: s, selected, onSelect, gained = false }: { subject: SubjectItem; selected: boolean; onSelect: (id: string) => void; gained?: boolean }) {
  const first = s.grants[0];
  return (
    <li data-subject-id={s.id} data-change={gained ? 'gained' : undefined}>
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
        <span className="flex flex-wrap items-center gap-1">
          {s.scopes.slice(0, 4).map((scope) => (
            <span
              key={scope}
              data-scope={scope}
              className={`rounded px-1.5 text-[11px] ${scope === 'cluster' ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'}`}
            >
              {scope === 'cluster' ? 'cluster-wide' : `ns ${scope}`}
            </span>
          ))}
          {s.scopes.length > 4 ? <span className="text-[11px] text-slate-500">+{s.scopes.length - 4} namespaces</span> : null}
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
