// Exports of the current view, from the same documents the API returns (lib/service/answers.ts):
// JSON is the document without its "view" additions, as the CLI prints it (`who-can -o json`, a preset
// gives one such document per request; `what-can -o json`; `access-matrix -o json`); CSV has one line
// per grant (or per matrix row). The effective view's service accounts and pods are exported from the
// `who-can --effective` document: JSON is that document, CSV one line per account or pod.
import type { MatrixJson } from '../format/json';
import { ruleFromJson } from '../format/json';
import { refLabel, ruleText } from '../format/text';
import { mergeEffective } from './answer-view';
import { documentAnswers, documentPermission, withoutViews, type QuestionDocument } from './answers';
import type { SubjectDocument } from './subjects';

export type ExportFormat = 'json' | 'csv';

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

// RFC 4180 fields, formula-looking cells defused, controls made visible: lib/format/escape/csv.ts.
import { csvLines } from '../format/escape/csv';
export { csvField, csvLines } from '../format/escape/csv';

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'answer';
}

/** A question's answer (the file is named after the preset, or the request). */
export function exportAnswer(doc: QuestionDocument, format: ExportFormat): ExportFile {
  const answers = documentAnswers(doc);
  const base = `rbac-atlas-${slug('preset' in doc ? doc.preset : (answers[0] ? documentPermission(answers[0]).label : 'answer'))}`;
  if (format === 'json') return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(withoutViews(doc), null, 2) + '\n' };
  const rows = answers.flatMap((a) => {
    const permission = documentPermission(a).label;
    return a.subjects.flatMap((s, i) =>
      s.grants.map((g, j) => [
        permission, s.kind, s.namespace ?? '', s.name, g.scope, refLabel(g.binding), refLabel(g.role), a.view.ruleIndex[i]![j]!, ruleText(ruleFromJson(g.rule)),
      ]),
    );
  });
  const header = ['permission', 'subject_kind', 'subject_namespace', 'subject_name', 'scope', 'binding', 'role', 'rule_index', 'rule'];
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(header, rows) };
}

/** The service accounts or pods of an effective answer (a preset's answers merged). */
export function exportEffective(doc: QuestionDocument, list: 'service-accounts' | 'pods', format: ExportFormat): ExportFile {
  const answers = documentAnswers(doc);
  const base = `rbac-atlas-${slug('preset' in doc ? doc.preset : (answers[0] ? documentPermission(answers[0]).label : 'answer'))}-${list}`;
  if (format === 'json') return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(withoutViews(doc), null, 2) + '\n' };
  const effective = mergeEffective(answers.map((a) => ({ serviceAccounts: a.serviceAccounts ?? [], pods: a.pods ?? [] })));
  const via = (vs: readonly { kind: string; name: string; namespace?: string }[]) => vs.map((v) => refLabel(v)).join(' ');
  if (list === 'service-accounts') {
    const podCount = new Map<string, number>();
    for (const p of effective.pods) podCount.set(`${p.namespace}/${p.serviceAccount}`, (podCount.get(`${p.namespace}/${p.serviceAccount}`) ?? 0) + 1);
    const rows = effective.serviceAccounts.map((sa) => [sa.namespace, sa.name, sa.inSnapshot, via(sa.via), sa.scopes.join(' '), podCount.get(`${sa.namespace}/${sa.name}`) ?? 0]);
    return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(['namespace', 'service_account', 'in_snapshot', 'allowed_through', 'scopes', 'pods'], rows) };
  }
  const accounts = new Map(effective.serviceAccounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa]));
  const rows = effective.pods.map((p) => {
    const sa = accounts.get(`${p.namespace}/${p.serviceAccount}`);
    return [p.namespace, p.name, p.nodeName, p.owner?.kind, p.owner?.name, p.serviceAccount, p.automountServiceAccountToken, sa ? via(sa.via) : '', sa ? sa.scopes.join(' ') : ''];
  });
  const header = ['namespace', 'pod', 'node', 'owner_kind', 'owner_name', 'service_account', 'token_mounted', 'allowed_through', 'scopes'];
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(header, rows) };
}

export function exportSubject(doc: SubjectDocument, format: ExportFormat): ExportFile {
  const { view, ...json } = doc;
  const subject = json.subject;
  const base = `rbac-atlas-${slug(`${subject.kind}-${subject.namespace ?? ''}-${subject.name}`)}`;
  if (format === 'json') return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(json, null, 2) + '\n' };
  // via: the group an effective answer's grant holds through (empty: a binding that names the subject)
  const through = (g: (typeof json.scopes)[number]['grants'][number]) => (g.via && refLabel(g.via) !== refLabel(subject) ? refLabel(g.via) : '');
  const rows = json.scopes.flatMap((s, i) => s.grants.map((g, j) => [s.scope, through(g), refLabel(g.binding), refLabel(g.role), view.ruleIndex[i]![j]!, ruleText(ruleFromJson(g.rule))]));
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(['scope', 'via', 'binding', 'role', 'rule_index', 'rule'], rows) };
}

export function exportMatrix(matrix: MatrixJson, format: ExportFormat): ExportFile {
  const base = `rbac-atlas-matrix-${slug(matrix.namespace)}`;
  if (format === 'json') return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(matrix, null, 2) + '\n' };
  const rows = matrix.rows.map((row) => [
    row.subject.kind, row.subject.namespace ?? '', row.subject.name, ...matrix.resources.map((r) => (row.cells[r] ?? []).join(' ')),
  ]);
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(['subject_kind', 'subject_namespace', 'subject_name', ...matrix.resources], rows) };
}
