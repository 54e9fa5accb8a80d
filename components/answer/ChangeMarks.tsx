// "Try a change" marks on an answer (additive hooks of AnswerPanel): a line saying what the change
// does to this answer, a badge on subjects allowed only with it, and the subjects it takes it from.
import type { AnswerChange, LostSubject } from '@/lib/service/change-view';
import { describeId } from '../links';
import { KindBadge } from '../ui/KindBadge';

const SHOWN = 4;

export function ChangeNote({ change, onSelect }: { change: AnswerChange; onSelect: (id: string) => void }) {
  const { gained, lost } = change;
  return (
    <div data-testid="answer-change" className="mt-2 rounded bg-violet-50 px-2 py-1 text-xs text-violet-950 dark:bg-violet-950/50 dark:text-violet-100">
      <p>
        With the change (compared with {change.baseName}):{' '}
        {gained.length === 0 && lost.length === 0 ? (
          'nobody gains or loses this access.'
        ) : (
          <>
            <span className="font-semibold text-emerald-800 dark:text-emerald-300">+{gained.length} gained</span>,{' '}
            <span className="font-semibold text-rose-800 dark:text-rose-300">−{lost.length} lost</span>
          </>
        )}
      </p>
      {gained.length > 0 ? (
        <p className="mt-0.5">
          <span className="text-emerald-800 dark:text-emerald-300">+ </span>
          {gained.slice(0, SHOWN).map((id, i) => (
            <span key={id}>
              {i > 0 ? ', ' : ''}
              <button type="button" onClick={() => onSelect(id)} className="font-medium underline decoration-emerald-600" title="show its path in the graph">
                {describeId(id).kind} {describeId(id).text}
              </button>
            </span>
          ))}
          {gained.length > SHOWN ? ` and ${gained.length - SHOWN} more (marked + gained)` : ''}
        </p>
      ) : null}
      {lost.length > 0 ? (
        <p className="mt-0.5">
          <span className="text-rose-800 dark:text-rose-300">− </span>
          {lost.slice(0, SHOWN).map((s) => `${s.kind} ${s.label}`).join(', ')}
          {lost.length > SHOWN ? ` and ${lost.length - SHOWN} more` : ''} (listed after the answer)
        </p>
      ) : null}
    </div>
  );
}

export function GainedBadge() {
  return (
    <span title="allowed only with the change being tried" className="shrink-0 rounded bg-emerald-100 px-1.5 text-[11px] font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
      + gained
    </span>
  );
}

export function LostSubjects({ lost }: { lost: LostSubject[] }) {
  return (
    <section aria-label="Lost with the change" className="border-t border-slate-200 dark:border-slate-800">
      <h2 className="px-4 pt-2 text-xs font-semibold uppercase tracking-wide text-rose-800 dark:text-rose-300">− Lost with the change ({lost.length})</h2>
      <ul aria-label="Lost access" className="divide-y divide-slate-100 dark:divide-slate-800">
        {lost.map((s) => (
          <li key={s.id} data-subject-id={s.id} data-change="lost" className="flex flex-col gap-0.5 px-4 py-2 opacity-80">
            <span className="flex min-w-0 items-center gap-2">
              <KindBadge kind={s.kind} short />
              <span className="truncate text-sm font-medium line-through decoration-rose-500">{s.label}</span>
              <span className="shrink-0 rounded bg-rose-100 px-1.5 text-[11px] font-semibold text-rose-800 dark:bg-rose-950 dark:text-rose-200">− lost</span>
            </span>
            {s.via ? <span className="truncate text-xs text-slate-500 dark:text-slate-400">was allowed via {s.via}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
