import { Explorer } from '@/components/Explorer';
import { AppShell } from '@/components/layout/AppShell';
import { QueryBar } from '@/components/query/QueryBar';
import { ErrorMessage } from '@/components/ui/States';
import { buildQueryView, type QueryView } from '@/lib/service/answer-view';
import { answerChange } from '@/lib/service/change-view';
import { findingQueryView } from '@/lib/service/finding-view';
import { escalationBySubject, riskBySubject, riskOfNodes } from '@/lib/service/findings';
import { userErrorMessage } from '@/lib/service/messages';
import { firstValues, parseQueryParams } from '@/lib/service/query';
import { findingById, reportedFindings } from '@/lib/service/scan';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/**
 * The landing view: a question (URL parameters), its answer list, graph and details; or, with
 * ?finding=ID, one finding's grant paths. Subjects with high or critical findings are marked.
 */
export default async function HomePage({ searchParams }: PageProps<'/'>) {
  const raw = firstValues(await searchParams);
  const source = await pageSource();
  let view: QueryView | undefined;
  let error: string | undefined;
  const reported = reportedFindings(source);
  const risk = riskBySubject(reported);
  const escalation = escalationBySubject(reported);
  try {
    const params = parseQueryParams(raw);
    if (raw.finding) {
      const finding = findingById(source, raw.finding);
      if (finding) view = findingQueryView(finding, params);
      else error = `finding "${raw.finding}" is not in the data source (it may have been loaded again since): see the Findings view`;
    } else {
      // subjects a tried change gains come first, so the summary draws them by name
      const change = answerChange(source, params);
      view = buildQueryView(source.index, params, { risk, escalation, ...(change ? { pinned: new Set(change.gained) } : {}) });
      if (change) view.change = change;
    }
  } catch (e) {
    error = userErrorMessage(e);
    if (error === undefined) throw e;
  }
  if (view) view.graph.risk = riskOfNodes(view.graph.graph.nodes, risk);
  return (
    <AppShell source={source.summary} active="explore">
      <QueryBar values={raw} namespaces={source.index.namespaces} activePreset={view?.presetId} />
      {view ? (
        <Explorer view={view} />
      ) : (
        <div className="p-6">
          <ErrorMessage title={raw.finding ? 'The finding cannot be shown' : 'The question cannot be asked'}>{error}</ErrorMessage>
        </div>
      )}
    </AppShell>
  );
}
