// The partial-permission warnings of a live cluster, in full: what could not be listed, what that
// leaves out of the answers, and the RBAC rule that would allow it.
import type { SourceSummary } from '@/lib/service/source-view';

export function PartialWarnings({ source }: { source: SourceSummary }) {
  if (!source.partial) return null;
  return (
    <section id="partial" aria-labelledby="partial-h" className="mt-3 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
      <h2 id="partial-h" className="text-sm font-semibold">Partial data: the identity of this context could not read everything</h2>
      <p className="text-xs">Answers, the graph and findings leave out what is missing. Grant the rules below to the identity (read-only) and refresh.</p>
      <ul aria-label="Partial data warnings" className="mt-2 flex flex-col gap-1 text-xs">
        {source.partialWarnings.length ? source.partialWarnings.map((w) => <li key={w} className="list-inside list-disc">{w}</li>) : <li>The source reported missing data without details.</li>}
      </ul>
    </section>
  );
}
