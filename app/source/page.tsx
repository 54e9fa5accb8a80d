import { AppShell } from '@/components/layout/AppShell';
import { ContextPicker } from '@/components/source/ContextPicker';
import { PartialWarnings } from '@/components/source/PartialWarnings';
import { SourcePicker } from '@/components/source/SourcePicker';
import { formatTime } from '@/components/source/time';
import { UploadForm } from '@/components/source/UploadForm';
import { pickerState } from '@/lib/service/cluster-source';
import { diagnosticItems } from '@/lib/service/source-view';
import { getSource, uploadedSources } from '@/lib/service/store';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

const h2 = 'mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

export default async function SourcePage() {
  const source = await pageSource();
  const configured = await getSource();
  const s = source.summary;
  const diagnostics = diagnosticItems(source.snapshot, 2000);
  const picker = await pickerState();
  // with contexts to choose from, the picker comes first; without, it only says how to get some
  const hasContexts = picker.list.contexts.length > 0;
  const contexts = (
    <section aria-labelledby="contexts-h">
      <h2 id="contexts-h" className={h2}>Kubernetes contexts</h2>
      <ContextPicker list={picker.list} canRefresh={picker.canRefresh} initial={picker.progress} {...(picker.inUse ? { inUse: picker.inUse } : {})} />
    </section>
  );
  return (
    <AppShell source={s} active="source">
      <main className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
        <h1 className="text-xl font-semibold">Data source</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="source-name">{s.name}</p>
        <p className="text-xs text-slate-500" data-testid="source-loaded">
          {s.loadedAt ? `Last load: ${formatTime(s.loadedAt)}, ` : ''}loaded in {s.loadMs} ms{s.partial ? ' · partial data: some objects could not be read' : ''}
        </p>
        <PartialWarnings source={s} />
        <div className="mt-4 grid grid-cols-[1fr_1fr] gap-8 max-[1100px]:grid-cols-1">
          <div className="flex flex-col gap-6">
            {hasContexts ? contexts : null}
            <section aria-labelledby="counts-h">
              <h2 id="counts-h" className={h2}>Objects ({s.objects})</h2>
              <table className="text-sm" aria-label="Object counts">
                <tbody>
                  {Object.entries(s.counts).map(([kind, n]) => (
                    <tr key={kind}><th scope="row" className="pr-6 text-left font-normal text-slate-600 dark:text-slate-300">{kind}</th><td className="text-right tabular-nums">{n}</td></tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section aria-labelledby="sources-h">
              <h2 id="sources-h" className={h2}>Sources</h2>
              <SourcePicker current={s.id} sources={[configured.summary, ...uploadedSources()]} />
            </section>
            <UploadForm mode="change" base={s.overlay ? s.overlay.baseName : s.name} />
            <UploadForm />
            {hasContexts ? null : contexts}
          </div>
          <section aria-labelledby="diag-h">
            <h2 id="diag-h" className={h2}>Diagnostics ({s.diagnostics.total}: {s.diagnostics.error} errors, {s.diagnostics.warning} warnings, {s.diagnostics.info} info)</h2>
            {diagnostics.length === 0 ? (
              <p className="text-sm text-slate-500">The input loaded without any problem.</p>
            ) : (
              <ul aria-label="Diagnostics" className="flex flex-col gap-1 font-mono text-xs">
                {diagnostics.map((d, i) => (
                  <li key={i} data-severity={d.severity} className={`rounded px-2 py-1 ${d.severity === 'error' ? 'bg-rose-50 text-rose-800 dark:bg-rose-950/40 dark:text-rose-200' : d.severity === 'warning' ? 'bg-amber-50 text-amber-900 dark:bg-amber-950/40 dark:text-amber-200' : 'bg-slate-50 dark:bg-slate-900'}`}>
                    <span className="font-semibold">{d.code}</span> {d.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </main>
    </AppShell>
  );
}
