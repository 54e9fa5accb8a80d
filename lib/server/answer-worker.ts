// The answer workers: long-lived worker threads (dist/server/worker.mjs in "answers" mode, two by default) that
// computes the answers that take long on large clusters (who-can and graphs over every namespace,
// the namespace list, namespace drill-downs, the findings analysis) so that the thread serving
// requests stays free for the cheap ones. The worker keeps its own copy of the last few sources it
// was asked about (a source is sent once, by structured clone, when the worker does not have it)
// and computes with the same functions as the routes (lib/service/answer-tasks.ts). A crashed
// worker is started again on the next request; requests it was computing fail with a 500.
import { Worker } from 'node:worker_threads';
import type { FindingsConfig } from '../engine/findings/config';
import type { FindingsResult } from '../engine/findings/types';
import type { Snapshot } from '../engine/types';
import type { OffThreadAnswer } from '../service/answer-tasks';
import type { WebSource } from '../service/store';
import { decodePieces, wireOf, type SnapshotWire } from './snapshot-wire';
import { rebuildTaskError, type TaskError } from './tasks';

export type AnswerRequest =
  | { op: 'answer'; seq: number; key: string; name: OffThreadAnswer; params: unknown }
  | { op: 'findings'; seq: number; key: string; config: FindingsConfig | undefined }
  | { op: 'adopt'; key: string; source: Pick<WebSource, 'id' | 'summary'> & ({ snapshot: Snapshot } | { wire: SnapshotWire }) };

/** A findings analysis comes back as JSON pieces in a shared buffer (40 MB of JSON at 1,000 namespaces: a structured clone would stall the request thread ~1 s), parsed here in slices. */
export type AnswerReply = { seq: number; ok: true; bytes?: Uint8Array; findings?: SnapshotWire } | { seq: number; ok: false; missing?: true; error?: TaskError };

export interface AnswerRunner {
  /** Sends a new source to every worker now, so that each builds its index before it is asked (not during a request). */
  prepare(src: WebSource): void;
  answer(src: WebSource, name: OffThreadAnswer, params: unknown): Promise<Uint8Array>;
  findings(src: WebSource, config: FindingsConfig | undefined): Promise<FindingsResult>;
}

/** Sources each worker keeps (the configured one and the uploads in use); older ones are sent again when asked about. */
export const WORKER_SOURCES = 3;

/** Answer workers (RBAC_ATLAS_ANSWER_WORKERS): two, so that a small drill-down does not wait behind a large one. */
export const DEFAULT_ANSWER_WORKERS = 2;

export function answerWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.RBAC_ATLAS_ANSWER_WORKERS ?? '');
  return Number.isInteger(n) && n >= 1 && n <= 16 ? n : DEFAULT_ANSWER_WORKERS;
}

/** One worker thread and the requests it is computing. */
interface Lane {
  worker?: Worker;
  pending: Map<number, { resolve: (r: AnswerReply) => void; reject: (e: Error) => void }>;
  /** keys of the sources sent to it, most recently used last (what it probably still keeps) */
  keeps: string[];
}

/**
 * `threads` long-lived answer workers; a request goes to the one with the fewest requests in
 * progress (preferring one that has the source), so that one slow answer holds up one worker only.
 * Each worker keeps its own copies of the sources it was asked about.
 */
export function createAnswerWorker(file: URL | string, threads = 1): AnswerRunner & { close(): Promise<void> } {
  let seq = 0;
  const lanes: Lane[] = Array.from({ length: Math.max(1, threads) }, () => ({ pending: new Map(), keeps: [] }));
  const keys = new WeakMap<Snapshot, string>();
  let nextKey = 1;
  const keyOf = (src: WebSource) => {
    let key = keys.get(src.snapshot);
    if (!key) keys.set(src.snapshot, (key = `s${nextKey++}`));
    return key;
  };

  const start = (lane: Lane): Worker => {
    if (lane.worker) return lane.worker;
    const w = new Worker(file, { workerData: { mode: 'answers', sources: WORKER_SOURCES } });
    w.unref();
    w.on('message', (reply: AnswerReply) => {
      const p = lane.pending.get(reply.seq);
      lane.pending.delete(reply.seq);
      p?.resolve(reply);
    });
    const fail = (e: Error) => {
      if (lane.worker === w) {
        lane.worker = undefined;
        lane.keeps = [];
      }
      for (const p of lane.pending.values()) p.reject(e);
      lane.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the answer worker exited with code ${code}`)));
    return (lane.worker = w);
  };

  const pick = (key: string): Lane =>
    lanes.reduce((best, lane) => {
      const d = lane.pending.size - best.pending.size;
      return d < 0 || (d === 0 && lane.keeps.includes(key) && !best.keeps.includes(key)) ? lane : best;
    });

  const kept = (lane: Lane, key: string) => {
    lane.keeps = [...lane.keeps.filter((k) => k !== key), key].slice(-WORKER_SOURCES);
  };

  const adoptMessage = (src: WebSource, key: string): AnswerRequest => {
    const wire = wireOf(src.snapshot);
    return { op: 'adopt', key, source: { id: src.id, summary: src.summary, ...(wire ? { wire } : { snapshot: src.snapshot }) } };
  };

  /** Posts a request; when the worker lacks the source, sends it (as its wire when it came from a worker: no copy here) and asks again. */
  const ask = async (src: WebSource, make: (seq: number, key: string) => AnswerRequest): Promise<AnswerReply & { ok: true }> => {
    const key = keyOf(src);
    const lane = pick(key);
    for (let attempt = 0; attempt < 2; attempt++) {
      const w = start(lane);
      const n = ++seq;
      const reply = await new Promise<AnswerReply>((resolve, reject) => {
        lane.pending.set(n, { resolve, reject });
        w.postMessage(make(n, key));
      });
      if (reply.ok) {
        kept(lane, key);
        return reply;
      }
      if (!reply.missing) throw rebuildTaskError(reply.error ?? { atlas: false, name: 'Error', message: 'the answer worker failed' });
      w.postMessage(adoptMessage(src, key));
    }
    throw new Error('the answer worker lost the source twice');
  };

  return {
    prepare(src) {
      const key = keyOf(src);
      for (const lane of lanes) {
        if (lane.keeps.includes(key)) continue;
        // messages are handled in order: a request posted after this finds the source there
        start(lane).postMessage(adoptMessage(src, key));
        kept(lane, key);
      }
    },
    async answer(src, name, params) {
      const reply = await ask(src, (n, key) => ({ op: 'answer', seq: n, key, name, params }));
      return reply.bytes!;
    },
    async findings(src, config) {
      const reply = await ask(src, (n, key) => ({ op: 'findings', seq: n, key, config }));
      return decodePieces<FindingsResult>(reply.findings!);
    },
    async close() {
      await Promise.all(lanes.map((l) => l.worker?.terminate()));
    },
  };
}

const KEY = Symbol.for('rbac-atlas.answer-runner');
const globals = globalThis as typeof globalThis & { [KEY]?: AnswerRunner };

/** Installs (or removes) the answer worker every route bundle of the process uses (lib/server/main.ts). */
export function registerAnswerRunner(runner: AnswerRunner | undefined): void {
  globals[KEY] = runner;
}

/** The process's answer worker, if the server runs one (not in unit tests). */
export function answerRunner(): AnswerRunner | undefined {
  return globals[KEY];
}
