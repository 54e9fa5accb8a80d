import Link from 'next/link';
import { ExportLinks } from '@/components/answer/ExportLinks';
import { AppShell } from '@/components/layout/AppShell';
import { PathBadge } from '@/components/paths/PathBadge';
import { SubjectGraph } from '@/components/subjects/SubjectGraph';
import { ModeSwitch, SubjectPermissions } from '@/components/subjects/SubjectPermissions';
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
  const raw = firstValues(await searchParams);
  const param = raw.subject;
  const source = await pageSource();
  let view: SubjectView | undefined;
  let error: string | undefined;
  if (param) {
    try {
      view = subjectView(source.index, parseSubjectParam(param), { direct: raw.direct === '1' });
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
  // the exports are what the page shows: effective (its groups' grants, each with "via") unless the switch says direct
  const exportQuery = `view=subject&subject=${encodeURIComponent(param)}${view.mode === 'effective' ? '&effective=1' : ''}`;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <KindBadge kind={s.kind} />
        <h1 className="text-lg font-semibold" data-testid="subject-title">{title}</h1>
        {!view.known ? <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">not named by any binding</span> : null}
        <ModeSwitch view={view} param={param} />
        <PathBadge subject={param} />
        <span className="flex-1" />
        <a className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-300 min-[1700px]:hidden" href="#subject-graph">Graph ↓</a>
        <ExportLinks
          query={exportQuery}
          label={view.mode === 'effective' ? 'Export (effective)' : 'Export (direct)'}
          title={view.mode === 'effective' ? 'What it can do with its groups, each rule saying through whom: the rules listed here' : 'The bindings that name it directly, as what-can --subject prints them'}
        />
      </header>
      {/* the graph needs the width for legible labels: below the permissions, beside them only on wide screens */}
      <div className="min-h-0 flex-1 overflow-y-auto min-[1700px]:flex min-[1700px]:overflow-hidden">
        <div className="px-5 py-3 min-[1700px]:min-h-0 min-[1700px]:w-[55%] min-[1700px]:shrink-0 min-[1700px]:overflow-y-auto min-[1700px]:border-r min-[1700px]:border-slate-200 min-[1700px]:dark:border-slate-800">
          <SubjectPermissions view={view} param={param} findings={<SubjectFindings rows={findings} />} />
        </div>
        <section id="subject-graph" aria-label="Graph" className="mx-5 mb-4 flex h-[520px] min-w-0 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800 min-[1700px]:m-0 min-[1700px]:h-auto min-[1700px]:flex-1 min-[1700px]:rounded-none min-[1700px]:border-0">
          <SubjectGraph graph={view.graph} name={title} risk={risk} />
        </section>
      </div>
    </div>
  );
}
