'use client';

// The answer as lists next to the graph: who is allowed (riskiest first), and in the effective view
// the service accounts allowed through their groups and the pods that run as them; each list with
// a filter box and its exports.
import { useState } from 'react';
import type { QueryView } from '@/lib/service/answer-view';
import { ChangeNote } from './ChangeMarks';
import { EffectiveTab } from './EffectiveLists';
import { FindingHeader } from './FindingHeader';
import { SubjectList } from './SubjectList';

export interface AnswerPanelProps {
  view: QueryView;
  selected: string | null;
  onSelect: (id: string) => void;
  /** query string of the current question, for the export links */
  exportQuery: string;
}

type Tab = 'subjects' | 'accounts' | 'pods';

export function AnswerPanel({ view, selected, onSelect, exportQuery }: AnswerPanelProps) {
  const [tab, setTab] = useState<Tab>('subjects');
  const effective = view.effective;
  const current: Tab = effective ? tab : 'subjects';
  const tabs: { id: Tab; label: string }[] = effective
    ? [
        { id: 'subjects', label: `Subjects (${view.counts.total})` },
        { id: 'accounts', label: `Service accounts (${effective.totalServiceAccounts})` },
        { id: 'pods', label: `Pods (${effective.totalPods})` },
      ]
    : [];

  return (
    <section aria-label="Answer" className="flex min-h-0 w-[320px] shrink-0 flex-col border-r border-slate-200 dark:border-slate-800 max-[1100px]:w-[280px]">
      <header className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        {view.finding ? <FindingHeader finding={view.finding} title={view.title} /> : <QuestionHeader view={view} />}
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
      {tabs.length > 0 ? (
        <div role="tablist" aria-label="Answer lists" className="flex border-b border-slate-200 text-xs dark:border-slate-800">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`answer-tab-${t.id}`}
              aria-selected={current === t.id}
              aria-controls="answer-tabpanel"
              onClick={() => setTab(t.id)}
              className={`flex-1 px-1 py-1.5 font-medium ${current === t.id ? 'border-b-2 border-sky-600 text-sky-800 dark:text-sky-200' : 'text-slate-600 hover:bg-slate-50 dark:text-slate-300 dark:hover:bg-slate-900'}`}
            >
              {t.label}
            </button>
          ))}
        </div>
      ) : null}
      <div id="answer-tabpanel" {...(tabs.length ? { role: 'tabpanel', 'aria-labelledby': `answer-tab-${current}` } : {})} className="flex min-h-0 flex-1 flex-col">
        {current !== 'subjects' && effective ? (
          <EffectiveTab tab={current} effective={effective} exportQuery={exportQuery} onSelect={onSelect} />
        ) : (
          <SubjectList view={view} selected={selected} onSelect={onSelect} exportQuery={exportQuery} />
        )}
      </div>
    </section>
  );
}

function QuestionHeader({ view }: { view: QueryView }) {
  const c = view.counts;
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
          Effective: {view.effective.totalServiceAccounts} service accounts allowed (counting implicit groups), {view.effective.totalPods} pods run as them, {view.effective.podsWithToken} with a token mounted
        </p>
      ) : null}
    </>
  );
}
