// Shown on every page while the data source is partial (the cluster refused to list some kinds):
// answers may miss grants. The source page lists the warnings with the rules that would fix them.
import Link from 'next/link';
import { unreadableKinds, type SourceSummary } from '@/lib/service/source-view';

export function PartialBanner({ source }: { source: SourceSummary }) {
  if (!source.partial) return null;
  const kinds = unreadableKinds(source.partialWarnings);
  return (
    <div role="status" aria-label="Partial data" data-testid="partial-banner" className="flex shrink-0 flex-wrap items-center gap-x-2 border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100">
      <strong>Partial data:</strong>
      <span>
        {kinds.length ? `${source.name} may not list ${kinds.join(', ')} (403 Forbidden)` : `${source.name} could not read everything`}, so answers and findings may miss grants.
      </span>
      <Link href="/source#partial" className="font-semibold underline">What is missing and how to allow it</Link>
    </div>
  );
}
