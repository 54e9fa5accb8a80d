// Input validation of every route under app/api: the zod schemas (table-driven, good and bad input
// per schema), the errors they turn into (400 naming the field), and the body readers (415, 413
// early and while reading, 400 for malformed bodies). Query strings: unknown keys are ignored (pages
// put view state such as src/focus in URLs); JSON bodies: unknown keys are rejected.
import { describe, expect, it, vi } from 'vitest';
import type { ZodType } from 'zod';
import { toHttpResponse } from '../errors';
import type { UploadLimits } from '../server/limits';

vi.mock('server-only', () => ({}));

const api = await import('./api');
const { findingsParams, findingsExportParams } = await import('./api-findings');
const { switchParams } = await import('./api-source');
const { loadParams } = await import('./cluster-source');
const { jsonUpload, readUploadRequest } = await import('./upload');
const { jsonBody, MAX_JSON_BODY_BYTES, sourceFor } = await import('./web');

type Case = { schema: string; input: unknown; ok: boolean; field?: string };

const schemas: Record<string, ZodType> = {
  source: api.sourceParams,
  whoCan: api.whoCanParams,
  graph: api.graphParams,
  namespace: api.namespaceParams,
  subjects: api.subjectsParams,
  subject: api.subjectParams,
  search: api.searchParams,
  object: api.objectParams,
  export: api.exportParams,
  findings: findingsParams,
  findingsExport: findingsExportParams,
  switch: switchParams,
  load: loadParams,
  upload: jsonUpload,
};

// prettier-ignore
const cases: Case[] = [
  { schema: 'source', input: {}, ok: true },
  { schema: 'source', input: { diagnostics: '1' }, ok: true },
  { schema: 'source', input: { diagnostics: 'maybe' }, ok: false, field: 'diagnostics' },
  { schema: 'source', input: { unknown: 'x' }, ok: true },
  { schema: 'whoCan', input: { verb: 'get', resource: 'secrets', ns: 'team-a' }, ok: true },
  { schema: 'whoCan', input: { preset: 'read-secrets', effective: 'true' }, ok: true },
  { schema: 'whoCan', input: { preset: 'nope' }, ok: false, field: 'preset' },
  { schema: 'whoCan', input: { verb: 'g'.repeat(65) }, ok: false, field: 'verb' },
  { schema: 'whoCan', input: { verb: 'get;rm', ns: 'Bad_NS' }, ok: true }, // the request parser's rules, not the schema's (lib/request-frontends.test.ts)
  { schema: 'whoCan', input: { ns: 'n'.repeat(254) }, ok: false, field: 'ns' },
  { schema: 'whoCan', input: { effective: 'yes' }, ok: false, field: 'effective' },
  { schema: 'whoCan', input: { url: 'x'.repeat(1025) }, ok: false, field: 'url' },
  { schema: 'whoCan', input: { focus: 'User/x', src: 'default' }, ok: true },
  { schema: 'graph', input: { resource: 'r'.repeat(257) }, ok: false, field: 'resource' },
  { schema: 'graph', input: { expand: 'e'.repeat(4001) }, ok: false, field: 'expand' },
  { schema: 'namespace', input: { ns: 'team-a' }, ok: true },
  { schema: 'namespace', input: { ns: '' }, ok: false, field: 'ns' },
  { schema: 'namespace', input: { ns: 'n'.repeat(254) }, ok: false, field: 'ns' },
  { schema: 'subjects', input: { q: 'git', kind: 'User', limit: '10' }, ok: true },
  { schema: 'subjects', input: { kind: 'Robot' }, ok: false, field: 'kind' },
  { schema: 'subjects', input: { limit: 'abc' }, ok: false, field: 'limit' },
  { schema: 'subjects', input: { limit: '0' }, ok: false, field: 'limit' },
  { schema: 'subjects', input: { limit: '501' }, ok: false, field: 'limit' },
  { schema: 'subjects', input: { limit: '1.5' }, ok: false, field: 'limit' },
  { schema: 'subject', input: { subject: 'Group:developers' }, ok: true },
  { schema: 'subject', input: {}, ok: false, field: 'subject' },
  { schema: 'subject', input: { subject: 'ab' }, ok: false, field: 'subject' },
  { schema: 'search', input: { q: 'admin' }, ok: true },
  { schema: 'search', input: { q: 'q'.repeat(301) }, ok: false, field: 'q' },
  { schema: 'search', input: { limit: '101' }, ok: false, field: 'limit' },
  { schema: 'object', input: { id: 'RoleBinding/team-a/jane-edit' }, ok: true },
  { schema: 'object', input: {}, ok: false, field: 'id' },
  { schema: 'object', input: { id: 'i'.repeat(801) }, ok: false, field: 'id' },
  { schema: 'export', input: { preset: 'read-secrets', format: 'csv' }, ok: true },
  { schema: 'export', input: { format: 'xml' }, ok: false, field: 'format' },
  { schema: 'export', input: { view: 'everything' }, ok: false, field: 'view' },
  { schema: 'findings', input: { sev: 'critical,high', builtin: '1' }, ok: true },
  { schema: 'findings', input: { sev: 'urgent' }, ok: false, field: 'sev.0' },
  { schema: 'findings', input: { ns: 'Not A Namespace' }, ok: false, field: 'ns' },
  { schema: 'findings', input: { dir: 'up' }, ok: false, field: 'dir' },
  { schema: 'findingsExport', input: { format: 'sarif' }, ok: true },
  { schema: 'findingsExport', input: { format: 'pdf' }, ok: false, field: 'format' },
  { schema: 'switch', input: { id: 'upload-1-abc123' }, ok: true },
  { schema: 'switch', input: {}, ok: false, field: 'id' },
  { schema: 'switch', input: { id: 42 }, ok: false, field: 'id' },
  { schema: 'switch', input: { id: '../etc/passwd' }, ok: false, field: 'id' },
  { schema: 'switch', input: { id: 'default', extra: 1 }, ok: false },
  { schema: 'load', input: { context: 'prod' }, ok: true },
  { schema: 'load', input: { refresh: true }, ok: true },
  { schema: 'load', input: { refresh: 'yes' }, ok: false },
  { schema: 'load', input: { context: 'prod', server: 'https://evil.example' }, ok: false },
  { schema: 'load', input: { kubeconfig: '/etc/passwd' }, ok: false },
  { schema: 'upload', input: { files: [{ name: 'a.yaml', text: 'x' }] }, ok: true },
  { schema: 'upload', input: { files: [] }, ok: false, field: 'files' },
  { schema: 'upload', input: { files: [{ name: '', text: 'x' }] }, ok: false, field: 'files.0.name' },
  { schema: 'upload', input: { files: [{ name: 'a', text: 1 }] }, ok: false, field: 'files.0.text' },
  { schema: 'upload', input: { files: [{ name: 'a', text: 'x', path: '/etc/passwd' }] }, ok: false, field: 'files.0' },
  { schema: 'upload', input: { files: [{ name: 'a', text: 'x' }], url: 'http://x' }, ok: false },
];

describe('route input schemas', () => {
  it.each(cases)('$schema $input -> ok=$ok', async ({ schema, input, ok, field }) => {
    const result = schemas[schema]!.safeParse(input);
    expect(result.success).toBe(ok);
    if (ok || result.success) return;
    const res = toHttpResponse(result.error);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('usage');
    if (field) {
      expect(body.issues.map((i: { path: string }) => i.path)).toContain(field);
      expect(body.error).toContain(`${field}: `);
    }
  });
});

const limits: UploadLimits = { maxBytes: 1000, maxFiles: 3, maxBodyBytes: 1500, maxParts: 5, maxConcurrent: 2 };
const yaml = 'kind: ServiceAccount\nmetadata: {name: a, namespace: b}\n';

function post(body: BodyInit | null, headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/api/upload', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

function chunked(parts: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === parts) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}

/** A multipart body of `n` empty form fields, sent in 7-byte chunks (delimiters split across chunks). */
function manyParts(n: number): ReadableStream<Uint8Array> {
  const text = `${Array.from({ length: n }, (_, i) => `--b0undary\r\ncontent-disposition: form-data; name="f${i}"\r\n\r\n\r\n`).join('')}--b0undary--\r\n`;
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 7));
      at += 7;
    },
  });
}

async function failure(p: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await p;
  } catch (e) {
    const res = toHttpResponse(e);
    return { status: res.status, error: (await res.json()).error };
  }
  throw new Error('expected a failure');
}

describe('readUploadRequest', () => {
  it('reads JSON and multipart uploads under the caps', async () => {
    const files = await readUploadRequest(post(JSON.stringify({ files: [{ name: 'a.yaml', text: yaml }] }), { 'content-type': 'application/json' }), limits);
    expect(files).toEqual([{ name: 'a.yaml', text: yaml }]);
    const form = new FormData();
    form.append('f', new File([yaml], 'b.yaml'));
    const req = new Request('http://127.0.0.1/api/upload', { method: 'POST', body: form });
    expect(await readUploadRequest(req, limits)).toEqual([{ name: 'b.yaml', text: yaml }]);
  });

  it.each([
    { name: 'text/plain', req: () => post('x', { 'content-type': 'text/plain' }), status: 415, error: /multipart\/form-data/ },
    { name: 'no content type', req: () => post(null, {}), status: 415, error: /content-type/ },
    { name: 'Content-Length over the cap', req: () => post('x', { 'content-type': 'application/json', 'content-length': '999999' }), status: 413, error: /upload too large.*at most 1000 bytes/ },
    { name: 'chunked body over the cap', req: () => post(chunked(10, 400), { 'content-type': 'application/json' }), status: 413, error: /over 1500 bytes/ },
    { name: 'Content-Length lying low', req: () => post(chunked(10, 400), { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '10' }), status: 413, error: /over 1500 bytes/ },
    { name: 'too many files', req: () => post(JSON.stringify({ files: Array.from({ length: 4 }, (_, i) => ({ name: `${i}`, text: 'a' })) }), { 'content-type': 'application/json' }), status: 413, error: /too many files: 4 \(at most 3/ },
    { name: 'files too large in total', req: () => post(JSON.stringify({ files: [{ name: 'a', text: 'é'.repeat(600) }] }), { 'content-type': 'application/json' }), status: 413, error: /1200 bytes/ },
    { name: 'not JSON', req: () => post('{"files": [', { 'content-type': 'application/json' }), status: 400, error: /not JSON/ },
    { name: 'JSON of the wrong shape', req: () => post('{"files": "a.yaml"}', { 'content-type': 'application/json' }), status: 400, error: /^files: / },
    { name: 'more parts than the cap, counted while reading', req: () => post(manyParts(40), { 'content-type': 'multipart/form-data; boundary=b0undary' }), status: 413, error: /too many files: more than 5 parts/ },
    { name: 'malformed multipart', req: () => post('garbage', { 'content-type': 'multipart/form-data; boundary=zzz' }), status: 400, error: /malformed/ },
  ])('$name -> $status', async ({ req, status, error }) => {
    const got = await failure(readUploadRequest(req(), limits));
    expect(got.status).toBe(status);
    expect(got.error).toMatch(error);
  });

  it('refuses a multipart upload with too many files', async () => {
    const form = new FormData();
    for (let i = 0; i < 4; i++) form.append('f', new File(['a'], `${i}.yaml`));
    const got = await failure(readUploadRequest(new Request('http://127.0.0.1/api/upload', { method: 'POST', body: form }), limits));
    expect(got).toMatchObject({ status: 413, error: expect.stringMatching(/too many files/) });
  });
});

describe('jsonBody', () => {
  const req = (body: BodyInit, type = 'application/json') => new Request('http://127.0.0.1/api/source', { method: 'POST', body, headers: { 'content-type': type } });
  it('parses JSON', async () => {
    expect(await jsonBody(req('{"id":"default"}'))).toEqual({ id: 'default' });
  });
  it.each([
    { name: 'form post', make: () => req('id=default', 'application/x-www-form-urlencoded'), status: 415 },
    { name: 'text/plain (a CORS-simple request)', make: () => req('{"id":"default"}', 'text/plain'), status: 415 },
    { name: 'not JSON', make: () => req('{'), status: 400 },
    { name: 'too large', make: () => req(JSON.stringify({ id: 'x'.repeat(MAX_JSON_BODY_BYTES) })), status: 413 },
  ])('$name -> $status', async ({ make, status }) => {
    expect((await failure(jsonBody(make()))).status).toBe(status);
  });
});

describe('sourceFor', () => {
  it.each(['../../etc/passwd', 'UPLOAD-1', 'a b', 'x'.repeat(101)])('rejects src=%j with 400', async (src) => {
    const got = await failure(sourceFor(new Request(`http://127.0.0.1/api/who-can?src=${encodeURIComponent(src)}`)));
    expect(got).toMatchObject({ status: 400, error: expect.stringMatching(/^src: /) });
  });
  it('an unknown but well-formed id is a 404', async () => {
    expect((await failure(sourceFor(new Request('http://127.0.0.1/api/who-can?src=upload-404')))).status).toBe(404);
  });
});
