import { ExportLinks } from '@/components/findings/ExportLinks';
import { FindingsFilters } from '@/components/findings/FindingsFilters';
import { FindingsTable } from '@/components/findings/FindingsTable';
import { ScanConfig } from '@/components/findings/ScanConfig';
import { ScopeChart } from '@/components/findings/ScopeChart';
import { SeverityCards } from '@/components/findings/SeverityCards';
import { AppShell } from '@/components/layout/AppShell';
import { ChangeFindings } from '@/components/source/ChangeFindings';
import { changeOptions, prepareOverlayDiff } from '@/lib/service/api-change';
import { changeFindings } from '@/lib/service/change-view';
import { ErrorMessage } from '@/components/ui/States';
import { findingsView, parseFindingsParams, type FindingsParams, type FindingsView } from '@/lib/service/findings';
import { userErrorMessage } from '@/lib/service/messages';
import { firstValues } from '@/lib/service/query';
import { isAtlasError } from '@/lib/errors';
import { scanSource, webScanConfig } from '@/lib/service/scan';
import { prepareFindings } from '@/lib/service/store';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** Over-permission findings of the data source: the checks of `rbac-atlas scan`, filterable, with exports. */
export default async function FindingsPage({ searchParams }: PageProps<'/findings'>) {
  const raw = firstValues(await searchParams);
  const source = await pageSource();
  let params: FindingsParams | undefined;
  let view: FindingsView | undefined;
  let configFile: string | undefined;
  let error: string | undefined;
  let errorTitle = 'These filters cannot be applied';
  try {
    params = parseFindingsParams(raw);
    // the first scan of a snapshot runs in the answer worker (as for /api/findings), not on this thread
    await prepareFindings(source, webScanConfig().config);
    // the pipeline of `rbac-atlas scan [--include-builtin]` with the server's .rbac-atlas.yaml; the other filters are the view's
    const scan = scanSource(source, { includeBuiltin: params.builtin === true });
    view = findingsView(scan.report, params);
    configFile = scan.config.file;
  } catch (e) {
    error = userErrorMessage(e);
    if (error === undefined) throw e;
    if (isAtlasError(e) && e.details?.config === true) errorTitle = 'The scan configuration cannot be used';
  }
  const sort = params?.sort ?? 'severity';
  // "try a change": the findings it adds and resolves, above the scan of the changed source
  const changeSettings = view && source.overlay ? changeOptions() : undefined;
  if (changeSettings) await prepareOverlayDiff(source, changeSettings);
  const change = changeSettings ? changeFindings(source, changeSettings) : undefined;
  return (
    <AppShell source={source.summary} active="findings">
      <main className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold">Findings</h1>
            <p className="text-sm text-slate-500 dark:text-slate-400">
              Over-permissions found by the checks of <code className="font-mono text-xs">rbac-atlas scan</code>, with the RBAC authorizer&apos;s exact rules. Open a row to see what to do and the exact grants to change.
            </p>
          </div>
          {view ? <ExportLinks current={raw} /> : null}
        </div>
        {error || !view ? (
          <div className="mt-4">
            <ErrorMessage title={errorTitle}><span className="whitespace-pre-wrap">{error}</span></ErrorMessage>
          </div>
        ) : (
          <>
            {change ? (
              <section aria-label="Findings changed by the change" data-testid="change-findings" className="mt-4 rounded-md border border-violet-300 bg-violet-50/50 px-4 py-3 dark:border-violet-800 dark:bg-violet-950/30">
                <ChangeFindings added={change.added} resolved={change.resolved} />
              </section>
            ) : null}
            <div className="mt-4 grid grid-cols-[minmax(0,26rem)_minmax(0,1fr)] gap-8 max-[1100px]:grid-cols-1">
              <section aria-label="Counts">
                <SeverityCards counts={view.counts} active={params?.sev ?? []} current={raw} />
                {view.notes.length > 0 ? (
                  <ul className="mt-3 list-disc pl-4 text-xs text-slate-500 dark:text-slate-400">{view.notes.map((n) => <li key={n}>{n}</li>)}</ul>
                ) : null}
                <ScanConfig {...(configFile ? { file: configFile } : {})} leftOut={view.leftOut} suppressed={view.suppressed} />
              </section>
              <ScopeChart bars={view.byScope} more={view.moreScopes} current={raw} />
            </div>
            <div className="mt-4 flex flex-col gap-3">
              <FindingsFilters kinds={view.kinds} scopes={withNamespaces(view.scopes, source.index.namespaces)} hiddenBuiltin={view.hiddenBuiltin} matched={view.matched} total={view.counts.total} />
              <FindingsTable rows={view.rows} matched={view.matched} sort={sort} dir={params?.dir ?? (sort === 'severity' ? 'desc' : 'asc')} current={raw} />
            </div>
          </>
        )}
      </main>
    </AppShell>
  );
}

/** The namespace filter's choices: every namespace of the source (cluster-wide findings apply in each), cluster-wide first. */
function withNamespaces(scopes: string[], namespaces: readonly string[]): string[] {
  const rest = [...new Set([...scopes.filter((s) => s !== 'cluster'), ...namespaces])].sort();
  return scopes.includes('cluster') ? ['cluster', ...rest] : rest;
}
