import Link from 'next/link';
import { AppShell } from '@/components/layout/AppShell';
import { RelatedLink } from '@/components/details/ObjectDetails';
import { PathBadge } from '@/components/paths/PathBadge';
import { SubjectGraph } from '@/components/subjects/SubjectGraph';
import { SubjectSearch } from '@/components/subjects/SubjectSearch';
import { KindBadge } from '@/components/ui/KindBadge';
import { SeverityBadge } from '@/components/ui/SeverityBadge';
import { EmptyState, ErrorMessage } from '@/components/ui/States';
import { riskBySubject, riskOfNodes, subjectFindings, type FindingRow, type RiskLevel } from '@/lib/service/findings';
import { userErrorMessage } from '@/lib/service/messages';
import { firstValues } from '@/lib/service/query';
import { parseSubjectParam, subjectView, type SubjectView } from '@/lib/service/subjects';
import { reportedFindings } from '@/lib/service/scan';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export default async function SubjectsPage({ searchParams }: PageProps<'/subjects'>) {
  const param = firstValues(await searchParams).subject;
  const source = await pageSource();
  let view: SubjectView | undefined;
  let error: string | undefined;
  if (param) {
    try {
      view = subjectView(source.index, parseSubjectParam(param));
    } catch (e) {
      error = userErrorMessage(e);
      if (error === undefined) throw e;
    }
  }
  return (
    <AppShell source={source.summary} active="subjects">
      <div className="flex min-h-0 flex-1">
        <SubjectSearch {...(param ? { current: param } : {})} />
        <main className="flex min-h-0 min-w-0 flex-1 flex-col">
          {view ? <Subject view={view} param={param!} {...findingsFor(view, reportedFindings(source))} /> : null}
          {error ? <div className="p-6"><ErrorMessage title="Unknown subject">{error}</ErrorMessage></div> : null}
          {!param ? (
            <div className="p-6"><EmptyState title="Pick a subject">Search users, groups and service accounts on the left to see what each can do, how, and which pods run as it.</EmptyState></div>
          ) : null}
        </main>
      </div>
    </AppShell>
  );
}

function findingsFor(view: SubjectView, findings: Parameters<typeof riskBySubject>[0]) {
  return { findings: subjectFindings(findings, view.subject.id), risk: riskOfNodes(view.graph.nodes, riskBySubject(findings)) };
}

/** The subject's findings (not built-in), with those of the groups its token carries, each opening its grant paths in the explorer. */
function SubjectFindings({ rows }: { rows: FindingRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label="Findings" className="mb-4">
      <h2 className="mb-1 text-sm font-semibold">Findings ({rows.length})</h2>
      <ul className="flex flex-col gap-1 text-sm">
        {rows.map((r) => (
          <li key={r.id} className="flex items-center gap-2" data-finding-id={r.id}>
            <SeverityBadge severity={r.severity} />
            <Link href={r.href} className="text-sky-700 hover:underline dark:text-sky-300">{r.title}</Link>
            <span className="text-xs text-slate-500">{r.scope === 'cluster' ? 'cluster-wide' : r.scope}</span>
            {r.through ? <span className="text-xs text-slate-500" data-testid="finding-through">through {r.through}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Subject({ view, param, findings, risk }: { view: SubjectView; param: string; findings: FindingRow[]; risk: Record<string, RiskLevel> }) {
  const s = view.subject;
  const title = s.namespace ? `${s.namespace}/${s.name}` : s.name;
  const exportHref = (format: string) => `/api/export?view=subject&subject=${encodeURIComponent(param)}&format=${format}`;
  const link = 'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800';
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <KindBadge kind={s.kind} />
        <h1 className="text-lg font-semibold" data-testid="subject-title">{title}</h1>
        {!view.known ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">not named by any binding</span> : null}
        <PathBadge subject={param} />
        <span className="flex-1" />
        <span className="text-xs text-slate-500">Export</span>
        <a className={link} href={exportHref('json')} download>JSON</a>
        <a className={link} href={exportHref('csv')} download>CSV</a>
      </header>
      <div className="flex min-h-0 flex-1 max-[1150px]:flex-col">
        <div className="min-h-0 w-[46%] shrink-0 overflow-y-auto border-r border-slate-200 px-5 py-3 dark:border-slate-800 max-[1150px]:w-full">
          {view.implicitGroups.length ? (
            <p className="mb-3 text-xs text-slate-500">
              As a service account it also carries the groups {view.implicitGroups.join(', ')}; below are only the bindings that name it directly.
            </p>
          ) : null}
          <SubjectFindings rows={findings} />
          {view.scopes.length === 0 && view.dangling.length === 0 ? <EmptyState title="No binding grants this subject anything" /> : null}
          {view.scopes.map((scope) => (
            <section key={scope.scope} aria-label={`Scope ${scope.scope}`} className="mb-4">
              <h2 className="mb-1 text-sm font-semibold">{scope.scope === 'cluster' ? 'Cluster-wide (all namespaces and cluster-scoped resources)' : `Namespace ${scope.scope}`}</h2>
              <table className="w-full text-left text-xs" aria-label={`Permissions in ${scope.scope}`}>
                <thead className="text-slate-500"><tr><th className="py-1 pr-2 font-medium">Verbs</th><th className="py-1 pr-2 font-medium">Resources / URLs</th><th className="py-1 pr-2 font-medium">Names</th><th className="py-1 font-medium">Via (path)</th></tr></thead>
                <tbody>
                  {scope.rows.map((r) => (
                    <tr key={`${r.binding}:${r.role}:${r.ruleIndex}`} className="border-t border-slate-100 align-top dark:border-slate-800">
                      <td className="py-1 pr-2 font-mono">{r.verbs}</td>
                      <td className="py-1 pr-2 font-mono break-all">{r.resources}</td>
                      <td className="py-1 pr-2 font-mono break-all">{r.resourceNames}</td>
                      <td className="py-1"><span className="flex flex-col"><RelatedLink id={r.binding} /><RelatedLink id={r.role} /></span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
          {view.dangling.map((d) => (
            <p key={d.binding} className="mb-2 text-sm text-rose-700 dark:text-rose-300">{d.binding} names this subject but {d.roleRef} does not exist: it grants nothing.</p>
          ))}
          {s.kind === 'ServiceAccount' ? (
            <section aria-label="Pods running as it">
              <h2 className="mb-1 text-sm font-semibold">Pods running as it ({view.pods.length})</h2>
              {view.pods.length ? (
                <ul className="flex flex-col gap-0.5">{view.pods.map((p) => <li key={p.id}><RelatedLink id={p.id} /></li>)}</ul>
              ) : <p className="text-sm text-slate-500">None in the data source.</p>}
            </section>
          ) : null}
        </div>
        <div className="flex min-h-[360px] min-w-0 flex-1">
          <SubjectGraph graph={view.graph} name={title} risk={risk} />
        </div>
      </div>
    </div>
  );
}
