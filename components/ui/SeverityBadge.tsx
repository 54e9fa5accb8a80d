// A finding severity as a coloured label (the same colours as the HTML report and the graph marks).
import type { Severity } from '@/lib/engine/findings/types';

export const SEVERITY_CLASSES: Record<Severity, string> = {
  critical: 'bg-rose-800 text-white dark:bg-rose-700',
  high: 'bg-orange-700 text-white dark:bg-orange-600',
  medium: 'bg-amber-600 text-white dark:bg-amber-600',
  low: 'bg-blue-700 text-white dark:bg-blue-600',
};

/** Text colour of a severity on a neutral background (counts, chart legend). */
export const SEVERITY_TEXT: Record<Severity, string> = {
  critical: 'text-rose-800 dark:text-rose-300',
  high: 'text-orange-700 dark:text-orange-300',
  medium: 'text-amber-700 dark:text-amber-300',
  low: 'text-blue-700 dark:text-blue-300',
};

/** Bar colour of a severity (chart). */
export const SEVERITY_FILL: Record<Severity, string> = {
  critical: 'bg-rose-800 dark:bg-rose-600',
  high: 'bg-orange-600 dark:bg-orange-500',
  medium: 'bg-amber-500 dark:bg-amber-500',
  low: 'bg-blue-600 dark:bg-blue-500',
};

/** compact: as narrow as its word (lists), else a fixed width so that a column of badges aligns. */
export function SeverityBadge({ severity, className = '', compact = false }: { severity: Severity; className?: string; compact?: boolean }) {
  return (
    <span data-severity={severity} className={`inline-block rounded px-1.5 text-center font-semibold uppercase tracking-wide ${compact ? 'text-[10px] leading-4' : 'min-w-[4.5rem] text-[11px] leading-5'} ${SEVERITY_CLASSES[severity]} ${className}`}>
      {severity}
    </span>
  );
}
