// What each route handler answers: a zod schema for its input and one function from (source, input)
// to JSON. Handlers in app/api/ are one apiRoute(...) call each (lib/service/route.ts).
import { z } from 'zod';
import { answerGraph, mergeDocument, rankSubjects, type GraphView } from './answer-view';
import { riskBySubject } from './findings';
import { questionDocument, type QuestionDocument } from './answers';
import { exportAnswer, exportEffective, exportMatrix, exportSubject, type ExportFile } from './export';
import { namespaceDetail, namespaceList, namespacePage, type NamespaceDetail, type NamespaceItem, type NamespacePage } from './namespaces';
import { objectDetail, type ObjectDetail } from './objects';
import { queryParamsSchema, resolveQuery, type QueryParams } from './query';
import { search, type SearchResult } from './search';
import { diagnosticItems, type DiagnosticItem, type SourceSummary } from './source-view';
import { reportedFindings } from './scan';
import type { WebSource } from './store';
import { parseSubjectParam, searchSubjects, subjectDocument, type SubjectDocument, type SubjectEntry } from './subjects';

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const subjectKind = z.enum(['User', 'Group', 'ServiceAccount']);

export const sourceParams = z.object({ diagnostics: flag.optional() });
export const namespacesParams = z.object({});
export const whoCanParams = queryParamsSchema;
export const graphParams = queryParamsSchema;
export const namespaceParams = z.object({ ns: z.string().min(1).max(253) });
export const subjectsParams = z.object({ q: z.string().max(300).default(''), kind: subjectKind.optional(), limit: z.coerce.number().int().min(1).max(500).default(50) });
export const subjectParams = z.object({ subject: z.string().min(3).max(600), effective: flag.optional() });
export const searchParams = z.object({ q: z.string().max(300).default(''), limit: z.coerce.number().int().min(1).max(100).default(20) });
export const objectParams = z.object({ id: z.string().min(3).max(800) });
export const exportParams = queryParamsSchema.extend({
  format: z.enum(['json', 'csv']).default('json'),
  view: z.enum(['answer', 'service-accounts', 'pods', 'subject', 'matrix']).default('answer'),
  subject: z.string().max(600).optional(),
  namespace: z.string().max(253).optional(),
});

export function sourceResult(src: WebSource, p: z.infer<typeof sourceParams>): SourceSummary & { diagnosticList?: DiagnosticItem[] } {
  return p.diagnostics ? { ...src.summary, diagnosticList: diagnosticItems(src.snapshot) } : src.summary;
}

/** The question's document: what `who-can -o json` prints (a preset: one per request, under "answers"), plus "view". */
export function whoCanResult(src: WebSource, p: QueryParams): QuestionDocument {
  return questionDocument(src.index, resolveQuery(p), { effective: p.effective === true });
}

/** The graph of the question's document, as the page draws it (riskiest subjects by name). */
export function graphResult(src: WebSource, p: QueryParams): GraphView {
  const merged = mergeDocument(whoCanResult(src, p));
  merged.subjects = rankSubjects(merged.subjects, riskBySubject(reportedFindings(src)));
  return answerGraph(merged, p);
}

export function namespacesResult(src: WebSource): { namespaces: NamespaceItem[] } {
  return { namespaces: namespaceList(src.index) };
}

export function namespaceResult(src: WebSource, p: z.infer<typeof namespaceParams>): NamespaceDetail {
  return namespaceDetail(src.index, p.ns);
}

export const namespacePageParams = z.object({ ns: z.string().min(1).max(253), all: z.boolean().optional() });

/** What the namespace drill-down page renders (namespacePage). */
export function namespacePageResult(src: WebSource, p: z.infer<typeof namespacePageParams>): NamespacePage {
  return namespacePage(src.index, p.ns, p);
}

export function subjectsResult(src: WebSource, p: z.infer<typeof subjectsParams>): { total: number; items: SubjectEntry[] } {
  return searchSubjects(src.index, p.q, p.kind, p.limit, riskBySubject(reportedFindings(src)));
}

/** What `what-can --subject SUBJECT -o json` prints, plus "view". */
export function subjectResult(src: WebSource, p: z.infer<typeof subjectParams>): SubjectDocument {
  return subjectDocument(src.index, parseSubjectParam(p.subject), { effective: p.effective === true });
}

export function searchResult(src: WebSource, p: z.infer<typeof searchParams>): SearchResult {
  return search(src.index, p.q, p.limit);
}

export function objectResult(src: WebSource, p: z.infer<typeof objectParams>): ObjectDetail {
  return objectDetail(src.index, p.id);
}

export function exportResult(src: WebSource, p: z.infer<typeof exportParams>): ExportFile {
  if (p.view === 'subject') return exportSubject(subjectDocument(src.index, parseSubjectParam(p.subject ?? ''), { effective: p.effective === true }), p.format);
  if (p.view === 'matrix') return exportMatrix(namespaceDetail(src.index, p.namespace ?? '').matrix, p.format);
  if (p.view === 'pods' || p.view === 'service-accounts') return exportEffective(whoCanResult(src, { ...p, effective: true }), p.view, p.format);
  return exportAnswer(whoCanResult(src, p), p.format);
}

/** An export as a download. */
export function exportResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  });
}
