// The worker threads of the web server, bundled as the server runs them (dist/server/worker.mjs is
// built here into a temporary directory): the answer worker and the task pool give what the same
// functions give inline, errors cross the thread boundary with their HTTP status, and the source a
// worker lacks is sent once.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeFindings } from '../engine/findings/scan';
import { AtlasError } from '../errors';
import { loadSource } from '../service/source';
import { sourceSummary } from '../service/source-view';
import type { WebSource } from '../service/store';
import { bundleCli, WORKER_ENTRY } from '../../scripts/lib/cli-bundle.mjs';
import { createAnswerWorker } from './answer-worker';
import { createWorkerPool } from './worker-pool';

vi.mock('server-only', () => ({}));
const { answerBytes } = await import('../service/answer-tasks');
const { parseUploadPayload } = await import('../service/upload');

const root = path.resolve(import.meta.dirname, '../..');
let dir = '';
let file = '';
let demo: WebSource;

beforeAll(async () => {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  dir = mkdtempSync(path.join(root, 'dist', 'worker-test-')); // inside the repository: the bundle imports node_modules
  await bundleCli(root, [WORKER_ENTRY], dir);
  file = path.join(dir, 'server', 'worker.mjs');
  const loaded = await loadSource({ kind: 'demo' }, { root });
  demo = { id: 'default', snapshot: loaded.snapshot, index: loaded.index, summary: sourceSummary('default', 'demo', loaded.snapshot, 0) };
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('answer worker', () => {
  it.each([
    { name: 'who-can' as const, params: { verb: 'get', resource: 'secrets', allNamespaces: true } },
    { name: 'graph' as const, params: { verb: 'create', resource: 'pods', allNamespaces: true } },
    { name: 'namespaces' as const, params: {} },
    { name: 'namespace' as const, params: { ns: 'team-a' } },
  ])('$name: the same bytes as inline', async ({ name, params }) => {
    const worker = createAnswerWorker(file);
    try {
      expect(text(await worker.answer(demo, name, params))).toBe(text(answerBytes(demo, name, params)));
    } finally {
      await worker.close();
    }
  });

  it('findings: the same analysis as inline', async () => {
    const worker = createAnswerWorker(file);
    try {
      expect(await worker.findings(demo, undefined)).toEqual(analyzeFindings(demo.index, undefined));
    } finally {
      await worker.close();
    }
  });

  it('an error keeps its status; a source dropped by the worker is sent again', async () => {
    const worker = createAnswerWorker(file);
    try {
      const e = await worker.answer(demo, 'namespace', { ns: 'no-such-namespace' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AtlasError);
      expect((e as AtlasError).details?.httpStatus).toBe(404);
      // four other sources push the demo out of the worker (it keeps 3)
      for (let i = 0; i < 4; i++) await worker.answer({ ...demo, snapshot: { ...demo.snapshot } }, 'namespaces', {});
      expect(JSON.parse(text(await worker.answer(demo, 'namespaces', {}))).namespaces.length).toBe(demo.index.namespaces.length);
    } finally {
      await worker.close();
    }
  });
});

describe('task pool', () => {
  const yaml = 'kind: ServiceAccount\napiVersion: v1\nmetadata: {name: a, namespace: b}\n';
  const payload = () => ({ kind: 'files' as const, files: [{ name: 'a.yaml', bytes: new TextEncoder().encode(yaml) }] });

  it('parses an upload as inline, and hands the bytes over', async () => {
    const pool = createWorkerPool({ file, max: 1 });
    const p = payload();
    const inline = parseUploadPayload(payload());
    const got = (await pool.run('parse-upload', p, [p.files[0]!.bytes.buffer as ArrayBuffer])) as typeof inline;
    expect(p.files[0]!.bytes.byteLength).toBe(0); // transferred, not copied
    expect({ ...got.snapshot, meta: { ...got.snapshot.meta, loadedAt: '' } }).toEqual({ ...inline.snapshot, meta: { ...inline.snapshot.meta, loadedAt: '' } });
  });

  it('an unusable upload is a 422 with its diagnostics; tasks beyond max wait', async () => {
    const pool = createWorkerPool({ file, max: 1 });
    const bad = { kind: 'files' as const, files: [{ name: 'x.yaml', bytes: new TextEncoder().encode('foo: bar\n') }] };
    const runs = [pool.run('parse-upload', bad, []), pool.run('parse-upload', payload(), [])];
    expect(pool.waiting).toBe(1);
    const [bad422, good] = await Promise.allSettled(runs);
    const reason = bad422?.status === 'rejected' ? (bad422.reason as unknown) : undefined;
    expect(reason instanceof AtlasError && reason.details?.httpStatus).toBe(422);
    expect(good?.status).toBe('fulfilled');
  });
});
