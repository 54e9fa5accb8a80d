// Shown on every page while a change is being tried ("try a change" on the Data source page): what
// is applied on what, what it does in one line, where to read it, and one click to drop it.
import Link from 'next/link';
import type { SourceSummary } from '@/lib/service/source-view';
import { DropChangeButton } from './DropChangeButton';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function ChangeBanner({ source }: { source: SourceSummary }) {
  const o = source.overlay;
  if (!o) return null;
  const files = o.files.length > 3 ? `${o.files.slice(0, 3).join(', ')} (+${o.files.length - 3} more)` : o.files.join(', ');
  return (
    <div role="status" aria-label="Trying a change" data-testid="change-banner" className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-violet-300 bg-violet-50 px-4 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950/50 dark:text-violet-100">
      <strong>Trying a change:</strong>
      <span>
        <span className="font-mono text-xs">{files}</span> applied on {o.baseName} ({plural(o.objects, 'object')}, {o.replaced} replaced). Nothing is changed in the cluster.
      </span>
      <span data-testid="change-counts">
        {o.subjects === 0 ? (
          'No subject gains or loses a permission'
        ) : (
          <>
            <span className="font-semibold text-emerald-800 dark:text-emerald-300">{o.gained} {o.gained === 1 ? 'subject gains' : 'subjects gain'}</span>
            {', '}
            <span className="font-semibold text-rose-800 dark:text-rose-300">{o.lost} {o.lost === 1 ? 'loses' : 'lose'}</span> permissions
          </>
        )}
        {' · '}
        findings: {o.findingsAdded} added, {o.findingsResolved} resolved
      </span>
      <Link href="/source/changes" className="font-semibold underline">See the changes</Link>
      <DropChangeButton />
    </div>
  );
}
