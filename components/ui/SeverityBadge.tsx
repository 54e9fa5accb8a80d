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

export function SeverityBadge({ severity, className = '' }: { severity: Severity; className?: string }) {
  return (
    <span data-severity={severity} className={`inline-block min-w-[4.5rem] rounded px-1.5 text-center text-[11px] font-semibold uppercase leading-5 tracking-wide ${SEVERITY_CLASSES[severity]} ${className}`}>
      {severity}
    </span>
  );
}
