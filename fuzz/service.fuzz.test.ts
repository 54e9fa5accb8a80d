// Fuzzing the query API's service layer the way the route handlers call it: query parameters →
// zod schema → handler function → JSON, errors through toHttpResponse. Every random request gets
// an ok answer or a 4xx with a readable message, never a 500 or an exception. Uploads too.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { analyzeFindings, scanReport } from '../lib/engine/findings/index';
import { nodeId } from '../lib/engine/graph';
import { buildIndex } from '../lib/engine/query-index';
import { toHttpResponse } from '../lib/errors';
import {
  exportParams, exportResult, graphParams, graphResult, namespaceParams, namespaceResult, namespacesResult, objectParams, objectResult,
  searchParams, searchResult, sourceParams, sourceResult, subjectParams, subjectResult, subjectsParams, subjectsResult, whoCanParams, whoCanResult,
} from '../lib/service/api';
import { findingsView, findingsParamsSchema, type FindingsParams } from '../lib/service/findings';
import { exportFindings, findingsDocument, findingsExportParams } from '../lib/service/findings-export';
import { PRESET_IDS } from '../lib/service/presets';
import { firstValues } from '../lib/service/query';
import { sourceSummary } from '../lib/service/source-view';
import type { WebSource } from '../lib/service/store';
import { parseUpload } from '../lib/service/upload';
import { clusterObjectsArb, fileTextArb, hostileString, PROTO_KEYS, SECRET_MARK, snapshotFrom } from '../testing/arbitraries';
import { expectNoPollution, params, timeout } from './harness';

function webSource(objects: readonly unknown[]): WebSource {
  const snapshot = snapshotFrom(objects);
  return { id: 'fuzz', snapshot, index: buildIndex(snapshot), summary: sourceSummary('fuzz', 'files', snapshot, 0) };
}

/** What a route handler does: parse the parameters, call, answer; errors become responses. */
async function handle<S extends z.ZodType>(schema: S, raw: Record<string, string>, fn: (p: z.infer<S>) => unknown): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    const out = fn(schema.parse(raw));
    res = out instanceof Response ? out : Response.json(out);
  } catch (e) {
    res = toHttpResponse(e);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // downloads (CSV, HTML...) are not JSON
  }
  return { status: res.status, body };
}

function expectClientAnswer(r: { status: number; body: unknown }, what: string): void {
  expect(r.status, `${what}: ${JSON.stringify(r.body)?.slice(0, 500)}`).toBeLessThan(500);
  if (r.status >= 400) {
    const error = (r.body as { error?: unknown }).error;
    expect(typeof error === 'string' && error.length > 0, `${what}: readable error`).toBe(true);
    expect(error as string).not.toMatch(/\n\s+at /); // never a stack trace
  }
}

const PARAM_NAMES = ['preset', 'verb', 'resource', 'group', 'url', 'name', 'ns', 'effective', 'focus', 'expand', 'q', 'kind', 'limit', 'subject', 'id', 'format', 'view', 'namespace', 'diagnostics', 'builtin', 'sev', 'sort', 'dir', 'all', 'src'];

/** Values that mean something to some parameter, mixed with hostile ones and ids from the source. */
function valueArb(src: WebSource): fc.Arbitrary<string> {
  const ids = [
    ...src.index.bindings.map((b) => b.key),
    ...[...src.index.roles.keys()],
    ...[...src.index.subjects.values()].map((s) => nodeId(s.ref)),
    ...src.index.namespaces.map((n) => `Namespace/${n}`),
    ...src.snapshot.pods.map((p) => `Pod/${p.metadata.namespace}/${p.metadata.name}`),
  ];
  const subjects = [...src.index.subjects.values()].map((s) => (s.ref.kind === 'ServiceAccount' ? `ServiceAccount:${s.ref.namespace}/${s.ref.name}` : `${s.ref.kind}:${s.ref.name}`));
  const known = [...ids, ...subjects, ...src.index.namespaces, ...PRESET_IDS, 'get', 'list', 'create', '*', 'pods', 'pods/exec', 'secrets', 'deployments.apps', '/healthz', '_cluster', '1', '0', 'true', 'csv', 'json', 'answer', 'subject', 'matrix', 'critical,high', 'read-secrets', 'severity', 'asc', 'User', 'Group', 'ServiceAccount', '50', '-1', '1e9', 'NaN'];
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) });
}

/** A parameter a handler requires, with a value that names something in the source (or not). */
function keyedArb(src: WebSource): fc.Arbitrary<readonly (readonly [string, string])[]> {
  const from = (xs: string[]) => (xs.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: hostileString }) : hostileString);
  const ids = [...src.index.bindings.map((b) => b.key), ...src.index.roles.keys(), ...[...src.index.subjects.values()].map((s) => nodeId(s.ref)), ...src.index.namespaces.map((n) => `Namespace/${n}`)];
  const subjects = [...src.index.subjects.values()].map((s) => (s.ref.kind === 'ServiceAccount' ? `ServiceAccount:${s.ref.namespace}/${s.ref.name}` : `${s.ref.kind}:${s.ref.name}`));
  return fc.oneof(
    fc.constant([] as const),
    fc.tuple(fc.constant('id'), from(ids)).map((p) => [p]),
    fc.tuple(fc.constant('subject'), from(subjects)).map((p) => [p]),
    fc.tuple(fc.constant('ns'), from(src.index.namespaces)).map((p) => [p]),
    fc.tuple(fc.constant('verb'), from(['get', 'create', '*'])).chain((v) => fc.tuple(fc.constant('resource'), from(['pods', 'secrets', 'pods/exec', '*'])).map((r) => [v, r])),
  );
}

function paramsArb(src: WebSource): fc.Arbitrary<Record<string, string>> {
  const random = fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAM_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) }, { weight: 1, arbitrary: hostileString }), valueArb(src)), { maxLength: 6 });
  // as requestParams() reads them: URLSearchParams → first value per key → empty values dropped
  return fc.tuple(keyedArb(src), random).map(([keyed, rest]) => {
    const p = [...keyed, ...rest];
    const search = new URLSearchParams();
    for (const [k, v] of p) search.append(k, v);
    const all = firstValues(new URLSearchParams(search.toString()));
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v.trim() !== ''));
  });
}

const sources = fc.sample(clusterObjectsArb, { numRuns: 6, seed: 2024 }).map(webSource);
const analyses = new Map(sources.map((s) => [s, analyzeFindings(s.index, undefined)]));
/** The scan pipeline's report, as lib/service/scan.ts builds it for the view's parameters. */
const reportFor = (src: WebSource, p: FindingsParams) =>
  scanReport(analyses.get(src)!, { includeBuiltin: p.builtin === true, today: '2026-01-01', tool: { name: 'rbac-atlas', version: 'fuzz' }, source: src.summary.name });

type Handler = { name: string; schema: z.ZodType; fn: (src: WebSource, p: never) => unknown };
const handlers: Handler[] = [
  { name: 'source', schema: sourceParams, fn: sourceResult },
  { name: 'who-can', schema: whoCanParams, fn: whoCanResult },
  { name: 'graph', schema: graphParams, fn: graphResult },
  { name: 'namespaces', schema: sourceParams, fn: (src) => namespacesResult(src) },
  { name: 'namespace', schema: namespaceParams, fn: namespaceResult },
  { name: 'subjects', schema: subjectsParams, fn: subjectsResult },
  { name: 'subject', schema: subjectParams, fn: subjectResult },
  { name: 'search', schema: searchParams, fn: searchResult },
  { name: 'object', schema: objectParams, fn: objectResult },
  { name: 'export', schema: exportParams, fn: exportResult },
  { name: 'findings', schema: findingsParamsSchema, fn: (src, p: FindingsParams) => findingsView(reportFor(src, p), p) },
  { name: 'findings-document', schema: findingsParamsSchema, fn: (src, p: FindingsParams) => findingsDocument(reportFor(src, p), p) },
  { name: 'findings-export', schema: findingsExportParams, fn: (src, p: z.infer<typeof findingsExportParams>) => exportFindings(reportFor(src, p), p) },
];

describe('service fuzz', () => {
  beforeAll(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // toHttpResponse logs 500s; the assertion reports them
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it(
    'every API handler answers random query parameters with 2xx or a readable 4xx',
    async () => {
      const cases = fc.integer({ min: 0, max: sources.length - 1 }).chain((i) => fc.tuple(fc.constant(sources[i]!), fc.constantFrom(...handlers), paramsArb(sources[i]!)));
      await fc.assert(
        fc.asyncProperty(cases, async ([src, h, raw]) => {
          const r = await handle(h.schema, raw, (p) => h.fn(src, p as never));
          expectClientAnswer(r, `${h.name} ${JSON.stringify(raw)}`);
          expectNoPollution();
        }),
        params(1_500),
      );
    },
    timeout(),
  );

  it(
    'uploads: any files parse into a source or a 4xx with diagnostics; no Secret data in the answer',
    async () => {
      const filesArb = fc.array(fc.record({ name: fc.oneof(fc.constantFrom('a.yaml', 'b.json', ...PROTO_KEYS), hostileString.filter((s) => s.length > 0 && s.length < 256)), text: fileTextArb }), { minLength: 0, maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(filesArb, async (files) => {
          const r = await handle(sourceParams, {}, () => {
            const up = parseUpload(files);
            return { summary: up.snapshot.meta, counts: up.index.bindings.length, diagnostics: up.snapshot.diagnostics };
          });
          expectClientAnswer(r, `upload of ${files.length} files`);
          expect(JSON.stringify(r.body).includes(SECRET_MARK)).toBe(false);
          expectNoPollution();
        }),
        params(150),
      );
    },
    timeout(),
  );
});
