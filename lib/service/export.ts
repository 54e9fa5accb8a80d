// Exports of the current view: the who-can answer as JSON (the CLI's `who-can -o json` shape; a
// preset gives one such answer per request) or CSV (one line per grant), a subject's what-can, and a
// namespace's access matrix.
import type { AccessMatrix } from '../engine/matrix';
import type { AtlasIndex } from '../engine/query-index';
import type { SubjectRef } from '../engine/types';
import { whatCan } from '../engine/what-can';
import { effectiveAccess } from '../engine/effective';
import { answerWarnings, whoCan } from '../engine/who-can';
import { whatCanJson, whoCanJson } from '../format/json';
import { refLabel, ruleText } from '../format/text';
import { resolveQuery, type QueryParams } from './query';

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

export function exportAnswer(index: AtlasIndex, params: QueryParams, format: ExportFormat): ExportFile {
  const query = resolveQuery(params);
  const answers = query.requests.map((r) => {
    const answer = whoCan(index, r.request, { allNamespaces: r.allNamespaces });
    return { r, answer, effective: params.effective ? effectiveAccess(index, answer) : undefined };
  });
  const base = `rbac-atlas-${slug(query.presetId ?? query.requests[0]?.permission.label ?? 'answer')}`;
  if (format === 'json') {
    const jsons = answers.map(({ r, answer, effective }) => whoCanJson(r.request, answer, r.allNamespaces, effective));
    const body = query.kind === 'free' ? jsons[0] : { preset: query.presetId, title: query.title, answers: jsons };
    return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(body, null, 2) + '\n' };
  }
  const rows = answers.flatMap(({ r, answer }) =>
    answer.subjects.flatMap((s) =>
      s.grants.map((g) => [
        r.permission.label, s.kind, s.namespace ?? '', s.name, g.scope, refLabel(g.binding), refLabel(g.role), g.ruleIndex, ruleText(g.rule),
      ]),
    ),
  );
  const header = ['permission', 'subject_kind', 'subject_namespace', 'subject_name', 'scope', 'binding', 'role', 'rule_index', 'rule'];
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(header, rows) };
}

export function exportSubject(index: AtlasIndex, subject: SubjectRef, format: ExportFormat): ExportFile {
  const answer = whatCan(index, { subject });
  const base = `rbac-atlas-${slug(`${subject.kind}-${subject.namespace ?? ''}-${subject.name}`)}`;
  if (format === 'json') {
    const body = whatCanJson({ subject }, undefined, answer, answerWarnings(index, []).filter((w) => !w.includes('system:masters')));
    return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(body, null, 2) + '\n' };
  }
  const rows = answer.scopes.flatMap((s) => s.grants.map((g) => [s.scope, refLabel(g.binding), refLabel(g.role), g.ruleIndex, ruleText(g.rule)]));
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(['scope', 'binding', 'role', 'rule_index', 'rule'], rows) };
}

export function exportMatrix(matrix: AccessMatrix, format: ExportFormat): ExportFile {
  const base = `rbac-atlas-matrix-${slug(matrix.namespace)}`;
  if (format === 'json') return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(matrix, null, 2) + '\n' };
  const rows = matrix.rows.map((row) => [
    row.subject.kind, row.subject.namespace ?? '', row.subject.name, ...matrix.resources.map((r) => (row.cells[r] ?? []).join(' ')),
  ]);
  return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: csvLines(['subject_kind', 'subject_namespace', 'subject_name', ...matrix.resources], rows) };
}
