// The worker threads of the web server, bundled as the server runs them (dist/server/worker.mjs is
// built here into a temporary directory): the answer workers and the task pool give what the same
// functions give inline, errors cross the thread boundary with their HTTP status, the source a
// worker lacks is sent once, a large upload's snapshot arrives without stalling the request thread,
// and a live-cluster load runs in a worker with its progress.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeKubeApi } from '../../testing/fake-kube-api';
import { generateCluster } from '../../testing/cluster/generate';
import { buildIndex } from '../engine/query-index';
import { analyzeFindings } from '../engine/findings/scan';
import { AtlasError } from '../errors';
import { indexLoadedStepwise, loadSource } from '../service/source';
import { sourceSummary } from '../service/source-view';
import type { WebSource } from '../service/store';
import { bundleServerProgram } from '../../scripts/lib/cli-bundle.mjs';
import { createAnswerWorker } from './answer-worker';
import { wireOf } from './snapshot-wire';
import { registerTaskRunner, resultFromWire, runTask } from './tasks';
import { createWorkerPool } from './worker-pool';
import { findingsParamsSchema } from '../service/findings';

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
  await bundleServerProgram(root, dir);
  file = path.join(dir, 'server', 'worker.mjs');
  const loaded = await loadSource({ kind: 'demo' }, { root });
  demo = { id: 'default', snapshot: loaded.snapshot, index: loaded.index, summary: sourceSummary('default', 'demo', loaded.snapshot, 0) };
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A JSON upload of `n` ServiceAccounts over 1,000 namespaces and a RoleBinding every 50 (as `npm run bench:upload`, smaller). */
function bigUpload(n: number) {
  const items: object[] = [];
  for (let i = 0; i < n; i++) {
    const namespace = `team-${i % 1000}`;
    items.push(
      i % 50 === 0
        ? { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `rb-${i}`, namespace }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ kind: 'ServiceAccount', name: `sa-${i + 1}`, namespace }] }
        : { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace } },
    );
  }
  const bytes = new TextEncoder().encode(JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  return { kind: 'files' as const, files: [{ name: 'big.json', bytes }] };
}

const withoutTime = <T extends { meta: { loadedAt?: string } }>(s: T) => ({ ...s, meta: { ...s.meta, loadedAt: '' } });

describe('answer worker', () => {
  it.each([
    { name: 'who-can' as const, params: { verb: 'get', resource: 'secrets', allNamespaces: true } },
    { name: 'graph' as const, params: { verb: 'create', resource: 'pods', allNamespaces: true } },
    { name: 'namespaces' as const, params: {} },
    { name: 'namespace' as const, params: { ns: 'team-a' } },
    { name: 'findings' as const, params: findingsParamsSchema.parse({}) },
    { name: 'findings' as const, params: findingsParamsSchema.parse({ sev: 'high,critical', builtin: '1', sort: 'kind' }) },
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
    const got = (await resultFromWire(await pool.run('parse-upload', p, [p.files[0]!.bytes.buffer as ArrayBuffer]))) as typeof inline;
    expect(p.files[0]!.bytes.byteLength).toBe(0); // transferred, not copied
    expect(withoutTime(got.snapshot)).toEqual(withoutTime(inline.snapshot));
    expect(wireOf(got.snapshot)).toBeDefined(); // kept for the answer worker
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

describe('the request thread while a large upload is processed', () => {
  // 150,000 objects: a structured clone of the snapshot alone blocks the receiving thread for 1 s
  // (idle) to 10 s (busy machine); in pieces, the longest block is a few ms plus the machine's noise.
  // Indexing then runs on the request thread in steps (indexLoadedStepwise): measured too.
  it('stays responsive from the upload to its index (parse in a worker, snapshot parsed in slices, indexed in steps)', async () => {
    const pool = createWorkerPool({ file, max: 1 });
    registerTaskRunner(pool);
    try {
      const payload = bigUpload(150_000);
      const inline = parseUploadPayload(bigUpload(150_000));
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const got = await runTask('parse-upload', payload, [payload.files[0]!.bytes.buffer as ArrayBuffer]);
      const { index } = await indexLoadedStepwise({ snapshot: got.snapshot, loadMs: 0 });
      delay.disable();
      expect(got.snapshot.serviceAccounts.length).toBe(147_000);
      expect(withoutTime(got.snapshot)).toEqual(withoutTime(inline.snapshot));
      // the same answers as the inline parse
      const src = (s: typeof got.snapshot, i = buildIndex(s)): WebSource => ({ id: 'u', snapshot: s, index: i, summary: sourceSummary('u', 'upload', s, 0) });
      for (const params of [{ verb: 'get', resource: 'pods', ns: 'team-7' }, { verb: 'create', resource: 'deployments', group: 'apps' }]) {
        expect(text(answerBytes(src(got.snapshot, index), 'who-can', params))).toBe(text(answerBytes(src(inline.snapshot), 'who-can', params)));
      }
      const maxMs = delay.max / 1e6;
      expect(maxMs, `the request thread was blocked for ${Math.round(maxMs)} ms`).toBeLessThan(750);
    } finally {
      registerTaskRunner(undefined);
    }
  }, 180_000);

  it('a small answer does not wait behind a large one (two answer workers)', async () => {
    const worker = createAnswerWorker(file, 2);
    try {
      const { snapshot } = parseUploadPayload(bigUpload(150_000));
      const big: WebSource = { id: 'big', snapshot, index: buildIndex(snapshot), summary: sourceSummary('big', 'upload', snapshot, 0) };
      const order: string[] = [];
      const slow = worker.findings(big, undefined).then(() => order.push('big'));
      const fast = worker.answer(demo, 'namespace', { ns: 'team-a' }).then(() => order.push('small'));
      await Promise.all([slow, fast]);
      expect(order).toEqual(['small', 'big']);
    } finally {
      await worker.close();
    }
  }, 180_000);
});

describe('sources loaded in a worker', () => {
  it('a file: the snapshot of the inline load', async () => {
    const pool = createWorkerPool({ file, max: 1 });
    registerTaskRunner(pool);
    try {
      const input = { spec: { kind: 'files' as const, paths: [path.join(root, 'lib/testdata/datasets/realistic-large.json')] }, root, fileNames: 'relative' as const };
      const got = await runTask('load-source', input);
      registerTaskRunner(undefined);
      const inline = await runTask('load-source', input);
      expect(withoutTime(got.snapshot)).toEqual(withoutTime(inline.snapshot));
      expect(got.files).toEqual(inline.files);
    } finally {
      registerTaskRunner(undefined);
    }
  }, 120_000);

  it('a live cluster: progress per kind, the snapshot of the inline load, cancelling', async () => {
    const api = await startFakeKubeApi({ objects: [generateCluster({ namespaces: 3 })], contextName: 'fake' });
    const pool = createWorkerPool({ file, max: 1 });
    registerTaskRunner(pool);
    try {
      const progress: unknown[] = [];
      const input = { spec: { kind: 'cluster' as const, context: 'fake', kubeconfig: api.kubeconfigPath }, root };
      const got = await runTask('load-source', input, [], { onProgress: (p) => progress.push(p) });
      registerTaskRunner(undefined);
      const inline = await runTask('load-source', input);
      expect(withoutTime(got.snapshot)).toEqual(withoutTime(inline.snapshot));
      expect(got.snapshot.pods.length).toBe(api.counts.pods);
      expect(progress).toContainEqual(expect.objectContaining({ kind: 'Pod', state: 'done', objects: api.counts.pods }));
      // cancelled: the worker is ended and the load rejects with the reason
      registerTaskRunner(pool);
      const controller = new AbortController();
      const cancelled = runTask('load-source', input, [], { signal: controller.signal });
      controller.abort(new Error('replaced by a newer load'));
      await expect(cancelled).rejects.toThrow('replaced by a newer load');
    } finally {
      registerTaskRunner(undefined);
      await api.close();
    }
  }, 120_000);
});
