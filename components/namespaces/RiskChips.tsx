// A subject's risky powers in a namespace as short labelled chips (worst first), each explaining
// itself on hover; "none" when it has none.
import { MATRIX_RISK_INFO, type MatrixRisk } from '@/lib/service/matrix-risk';

// styled from the list (one class list, not one per chip): the matrix draws hundreds of them
const LIST_CLASS = [
  'flex flex-wrap gap-1 [&>li]:whitespace-nowrap [&>li]:text-[11px] [&>li]:leading-4',
  '[&>li[data-level]]:rounded [&>li[data-level]]:border [&>li[data-level]]:px-1 [&>li[data-level]]:font-medium',
  '[&>li[data-level=high]]:border-rose-300 [&>li[data-level=high]]:bg-rose-50 [&>li[data-level=high]]:text-rose-900',
  'dark:[&>li[data-level=high]]:border-rose-800 dark:[&>li[data-level=high]]:bg-rose-950/60 dark:[&>li[data-level=high]]:text-rose-100',
  '[&>li[data-level=medium]]:border-amber-300 [&>li[data-level=medium]]:bg-amber-50 [&>li[data-level=medium]]:text-amber-950',
  'dark:[&>li[data-level=medium]]:border-amber-800 dark:[&>li[data-level=medium]]:bg-amber-950/50 dark:[&>li[data-level=medium]]:text-amber-100',
].join(' ');

/** At most `max` chips; the rest are counted ("+2 more", every power named on hover). */
export function RiskChips({ risks, max = 4 }: { risks: readonly MatrixRisk[]; max?: number }) {
  if (risks.length === 0) return <span className="text-slate-400">none</span>;
  const rest = risks.length > max ? risks.slice(max - 1) : [];
  const shown = rest.length ? risks.slice(0, max - 1) : risks;
  return (
    <ul className={LIST_CLASS} aria-label="Risky powers">
      {shown.map((r) => {
        const info = MATRIX_RISK_INFO[r];
        return (
          <li key={r} title={info.why} data-risk={r} data-level={info.level}>
            {info.label}
          </li>
        );
      })}
      {rest.length ? (
        <li title={rest.map((r) => MATRIX_RISK_INFO[r].label).join(', ')} className="px-0.5 text-slate-600 dark:text-slate-300">
          +{rest.length} more<span className="sr-only">: {rest.map((r) => MATRIX_RISK_INFO[r].label).join(', ')}</span>
        </li>
      ) : null}
    </ul>
  );
}
