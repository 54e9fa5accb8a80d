// A subject's risky powers in a namespace as short labelled chips (worst first), each explaining
// itself on hover; "none" when it has none.
import { MATRIX_RISK_INFO, type MatrixRisk } from '@/lib/service/matrix-risk';

const CHIP: Record<'high' | 'medium', string> = {
  high: 'border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100',
  medium: 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100',
};

/** At most `max` chips; the rest are counted ("+2 more", every power named on hover). */
export function RiskChips({ risks, max = 4 }: { risks: readonly MatrixRisk[]; max?: number }) {
  if (risks.length === 0) return <span className="text-slate-400">none</span>;
  const rest = risks.length > max ? risks.slice(max - 1) : [];
  const shown = rest.length ? risks.slice(0, max - 1) : risks;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Risky powers">
      {shown.map((r) => {
        const info = MATRIX_RISK_INFO[r];
        return (
          <li key={r} title={info.why} data-risk={r} className={`whitespace-nowrap rounded border px-1 text-[11px] font-medium leading-4 ${CHIP[info.level]}`}>
            {info.label}
          </li>
        );
      })}
      {rest.length ? (
        <li title={rest.map((r) => MATRIX_RISK_INFO[r].label).join(', ')} className="whitespace-nowrap px-0.5 text-[11px] leading-4 text-slate-600 dark:text-slate-300">
          +{rest.length} more<span className="sr-only">: {rest.map((r) => MATRIX_RISK_INFO[r].label).join(', ')}</span>
        </li>
      ) : null}
    </ul>
  );
}
