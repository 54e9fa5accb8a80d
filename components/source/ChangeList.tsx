// Per subject, what a change gives (gained) and takes away (lost), riskiest gains first, each rule
// with its scope and the bindings responsible: the changes page's list (`rbac-atlas diff` as a page).
import Link from 'next/link';
import type { ChangeRuleItem, ChangeSubjectItem } from '@/lib/service/change-view';
import { subjectParamOf } from '../links';
import { KindBadge } from '../ui/KindBadge';

function RuleRow({ rule, tone }: { rule: ChangeRuleItem; tone: 'gained' | 'lost' }) {
  const gained = tone === 'gained';
  return (
    <li data-change={tone} className={`flex flex-wrap items-baseline gap-x-2 rounded px-2 py-1 ${gained ? 'bg-emerald-50 dark:bg-emerald-950/40' : 'bg-rose-50 dark:bg-rose-950/40'}`}>
      <span aria-hidden="true" className={`w-3 font-mono font-bold ${gained ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}>{gained ? '+' : '−'}</span>
      <span className="sr-only">{gained ? 'gains' : 'loses'}</span>
      <code className="font-mono text-xs">{rule.text}</code>
      <span className={`rounded px-1.5 text-[11px] ${rule.scope === 'cluster-wide' ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'}`}>
        {rule.scope === 'cluster-wide' ? 'cluster-wide' : `ns ${rule.scope}`}
      </span>
      {gained && rule.risks.length > 0 ? <span className="text-[11px] font-semibold uppercase text-orange-700 dark:text-orange-300">{rule.risks.join(' · ')}</span> : null}
      {rule.via.length > 0 ? <span className="text-xs text-slate-500 dark:text-slate-400">{gained ? 'through' : 'was through'} {rule.via.join(', ')}</span> : null}
    </li>
  );
}

export function ChangeList({ subjects }: { subjects: ChangeSubjectItem[] }) {
  if (subjects.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">No subject gains or loses a permission: the change has no effect on who may do what (reordering, renames and metadata do not count).</p>;
  }
  return (
    <ul aria-label="Subjects whose permissions change" className="flex flex-col gap-3">
      {subjects.map((s) => (
        <li key={s.id} data-subject-id={s.id} className="rounded-md border border-slate-200 px-3 py-2 dark:border-slate-700">
          <div className="flex items-center gap-2">
            <KindBadge kind={s.kind} short />
            <span className="font-medium">{s.label}</span>
            <span className="text-xs text-slate-500">
              {s.gained.length > 0 ? `gains ${s.gained.length} rule${s.gained.length === 1 ? '' : 's'}` : ''}
              {s.gained.length > 0 && s.lost.length > 0 ? ', ' : ''}
              {s.lost.length > 0 ? `loses ${s.lost.length} rule${s.lost.length === 1 ? '' : 's'}` : ''}
            </span>
            <Link href={`/subjects?subject=${encodeURIComponent(subjectParamOf(s.id) ?? '')}`} className="ml-auto text-xs text-sky-700 underline dark:text-sky-300">what it can do now</Link>
          </div>
          <ul className="mt-1 flex flex-col gap-1">
            {s.gained.map((r, i) => <RuleRow key={`g${i}`} rule={r} tone="gained" />)}
            {s.lost.map((r, i) => <RuleRow key={`l${i}`} rule={r} tone="lost" />)}
          </ul>
        </li>
      ))}
    </ul>
  );
}
