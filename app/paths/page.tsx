import Link from 'next/link';
import { AppShell } from '@/components/layout/AppShell';
import { PathChain } from '@/components/paths/PathChain';
import { PathsForm } from '@/components/paths/PathsForm';
import { PathSteps } from '@/components/paths/PathSteps';
import { SubjectPaths } from '@/components/paths/SubjectPaths';
import { EmptyState, ErrorMessage } from '@/components/ui/States';
import { SINK_TEXT } from '@/lib/engine/paths/describe';
import { userErrorMessage } from '@/lib/service/messages';
import { parsePathsParams, pathsDocument, type PathsDocument } from '@/lib/service/paths';
import { firstValues } from '@/lib/service/query';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export default async function PathsPage({ searchParams }: PageProps<'/paths'>) {
  const raw = firstValues(await searchParams);
  const source = await pageSource();
  let doc: PathsDocument | undefined;
  let error: string | undefined;
  try {
    doc = pathsDocument(source.index, parsePathsParams(raw));
  } catch (e) {
    error = userErrorMessage(e);
    if (error === undefined) throw e;
  }
  return (
    <AppShell source={source.summary} active="paths">
      <div className="flex min-h-0 flex-1 flex-col">
        <header className="border-b border-slate-200 px-5 py-3 dark:border-slate-800">
          <h1 className="text-lg font-semibold">Privilege-escalation paths</h1>
          <p className="max-w-4xl text-sm text-slate-600 dark:text-slate-300">
            Can this identity, or this pod, become <b>cluster-admin</b> or <b>root on a node</b>, and how? Each step is one permission the API server allows (the same checks as
            who-can), chained: create a pod as a stronger ServiceAccount, impersonate, request a token, bind a role, exec into a pod… The shortest path is shown, step by step.
          </p>
          <PathsForm raw={raw} />
        </header>
        <main className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
          {error ? <ErrorMessage title="Cannot show these paths">{error}</ErrorMessage> : null}
          {doc ? <Answer doc={doc} /> : null}
        </main>
      </div>
    </AppShell>
  );
}

function Answer({ doc }: { doc: PathsDocument }) {
  const { view } = doc;
  const start = view.start;
  const warnings = doc.warnings.length ? (
    <section aria-label="Notes" className="mt-6 max-w-5xl">
      <h2 className="mb-1 text-sm font-semibold">Notes about the data</h2>
      <ul className="list-disc pl-5 text-sm text-slate-600 dark:text-slate-300">{doc.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
    </section>
  ) : null;
  if (start.kind === 'all' || start.kind === 'namespace') {
    return (
      <>
        <SubjectPaths rows={view.subjects} sinks={view.sinks} title={start.kind === 'all' ? 'Subjects with a path' : `ServiceAccounts of namespace ${start.namespace} with a path`} />
        {warnings}
      </>
    );
  }
  const title = start.kind === 'pod' ? `Pod ${start.namespace}/${start.name} (runs as ${start.label})` : start.label;
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold" data-testid="paths-start">From {title}</h2>
        <Link className="text-sm text-sky-700 hover:underline dark:text-sky-300" href={`/subjects?subject=${encodeURIComponent(start.param)}`}>what it can do</Link>
        <a className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800" href={`/api/paths?${start.kind === 'pod' ? `pod=${encodeURIComponent(`${start.namespace}/${start.name}`)}` : `from=${encodeURIComponent(start.param)}`}`} download="rbac-atlas-paths.json">JSON</a>
      </div>
      {view.sinks.map((sink) => {
        const path = view.paths.find((p) => p.to === sink);
        const label = SINK_TEXT[sink];
        return (
          <section key={sink} aria-label={`Path to ${label}`} className="mb-6 max-w-6xl" data-testid={`path-to-${sink}`}>
            <h3 className="mb-2 text-base font-semibold">
              To {label}:{' '}
              {path ? (
                path.steps.length === 0 ? <span className="text-rose-800 dark:text-rose-300">holds it already</span> : <span className="text-rose-800 dark:text-rose-300">{path.steps.length} step{path.steps.length === 1 ? '' : 's'}</span>
              ) : (
                <span className="text-emerald-700 dark:text-emerald-300">no path{view.maxHops !== undefined ? ` of at most ${view.maxHops} steps` : ''}</span>
              )}
            </h3>
            {path ? (
              <div className="flex flex-col gap-3">
                {path.steps.length ? <PathChain path={path} /> : null}
                <PathSteps path={path} />
              </div>
            ) : null}
          </section>
        );
      })}
      {view.paths.length === 0 ? <EmptyState title="No path found">None of the techniques leads from this identity to {view.sinks.map((s) => SINK_TEXT[s]).join(' or ')} in this data source.</EmptyState> : null}
      {warnings}
    </>
  );
}
