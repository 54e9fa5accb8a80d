import Link from 'next/link';
import { AppShell } from '@/components/layout/AppShell';
import { ChangeFindings } from '@/components/source/ChangeFindings';
import { ChangeList } from '@/components/source/ChangeList';
import { changeOptions, prepareOverlayDiff } from '@/lib/service/api-change';
import { changeView } from '@/lib/service/change-view';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

const h2 = 'mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

/** The change being tried, as `rbac-atlas diff BASE --apply FILES` reports it: per subject gained and lost rules, findings added and resolved. */
export default async function ChangesPage() {
  const source = await pageSource();
  const options = changeOptions();
  await prepareOverlayDiff(source, options); // a new day's diff is computed in a worker thread, not here
  const view = changeView(source, options);
  return (
    <AppShell source={source.summary} active="source">
      <main className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
        <h1 className="text-xl font-semibold">Changes</h1>
        {!view ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            No change is being tried. Upload manifests under <Link href="/source#try-change" className="font-semibold underline">Try a change</Link> on the Data source page to see what they would do to who can do what.
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-600 dark:text-slate-300">
              What applying <span className="font-mono text-xs">{view.overlay.files.join(', ')}</span> on {view.overlay.baseName} does to who may do what: permissions{' '}
              <span className="font-semibold text-emerald-800 dark:text-emerald-300">gained (+)</span> and <span className="font-semibold text-rose-800 dark:text-rose-300">lost (−)</span> per subject, riskiest gains first, with the bindings responsible.
              {' '}The same as <code className="font-mono text-xs">rbac-atlas diff BEFORE --apply FILE</code>;{' '}
              <a href="/api/change" download="rbac-atlas-diff.json" className="font-semibold underline">download it as JSON</a>.
            </p>
            <section aria-labelledby="subjects-h" className="mt-4">
              <h2 id="subjects-h" className={h2}>Permissions ({view.subjects.length} {view.subjects.length === 1 ? 'subject' : 'subjects'} changed)</h2>
              <ChangeList subjects={view.subjects} />
            </section>
            <section aria-labelledby="findings-h" className="mt-6">
              <h2 id="findings-h" className={h2}>Findings</h2>
              <ChangeFindings added={view.added} resolved={view.resolved} />
            </section>
          </>
        )}
      </main>
    </AppShell>
  );
}
