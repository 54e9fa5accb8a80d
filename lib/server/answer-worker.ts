// The answer worker: one long-lived worker thread (dist/server/worker.mjs in "answers" mode) that
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
import { rebuildTaskError, type TaskError } from './tasks';

export type AnswerRequest =
  | { op: 'answer'; seq: number; key: string; name: OffThreadAnswer; params: unknown }
  | { op: 'findings'; seq: number; key: string; config: FindingsConfig | undefined }
  | { op: 'adopt'; key: string; source: Pick<WebSource, 'id' | 'snapshot' | 'summary'> };

export type AnswerReply = { seq: number; ok: true; bytes?: Uint8Array; findings?: FindingsResult } | { seq: number; ok: false; missing?: true; error?: TaskError };

export interface AnswerRunner {
  answer(src: WebSource, name: OffThreadAnswer, params: unknown): Promise<Uint8Array>;
  findings(src: WebSource, config: FindingsConfig | undefined): Promise<FindingsResult>;
}

/** Sources the worker keeps (the configured one and the uploads in use); older ones are sent again when asked about. */
export const WORKER_SOURCES = 3;

export function createAnswerWorker(file: URL | string): AnswerRunner & { close(): Promise<void> } {
  let worker: Worker | undefined;
  let seq = 0;
  const pending = new Map<number, { resolve: (r: AnswerReply) => void; reject: (e: Error) => void }>();
  const keys = new WeakMap<Snapshot, string>();
  let nextKey = 1;
  const keyOf = (src: WebSource) => {
    let key = keys.get(src.snapshot);
    if (!key) keys.set(src.snapshot, (key = `s${nextKey++}`));
    return key;
  };

  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(file, { workerData: { mode: 'answers', sources: WORKER_SOURCES } });
    w.unref();
    w.on('message', (reply: AnswerReply) => {
      const p = pending.get(reply.seq);
      pending.delete(reply.seq);
      p?.resolve(reply);
    });
    const fail = (e: Error) => {
      if (worker === w) worker = undefined;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the answer worker exited with code ${code}`)));
    return (worker = w);
  };

  /** Posts a request; when the worker lacks the source, sends it and asks again. */
  const ask = async (src: WebSource, make: (seq: number, key: string) => AnswerRequest): Promise<AnswerReply & { ok: true }> => {
    const key = keyOf(src);
    for (let attempt = 0; attempt < 2; attempt++) {
      const w = start();
      const n = ++seq;
      const reply = await new Promise<AnswerReply>((resolve, reject) => {
        pending.set(n, { resolve, reject });
        w.postMessage(make(n, key));
      });
      if (reply.ok) return reply;
      if (!reply.missing) throw rebuildTaskError(reply.error ?? { atlas: false, name: 'Error', message: 'the answer worker failed' });
      const adopt: AnswerRequest = { op: 'adopt', key, source: { id: src.id, snapshot: src.snapshot, summary: src.summary } };
      w.postMessage(adopt);
    }
    throw new Error('the answer worker lost the source twice');
  };

  return {
    async answer(src, name, params) {
      const reply = await ask(src, (n, key) => ({ op: 'answer', seq: n, key, name, params }));
      return reply.bytes!;
    },
    async findings(src, config) {
      const reply = await ask(src, (n, key) => ({ op: 'findings', seq: n, key, config }));
      return reply.findings!;
    },
    async close() {
      await worker?.terminate();
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
