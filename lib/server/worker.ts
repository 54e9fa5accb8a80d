// Worker threads of the web server (bundled to dist/server/worker.mjs), in one of two modes:
// - a task thread (lib/server/worker-pool.ts): runs one task of lib/server/tasks.ts, posts its result
//   (or its error as plain data; progress reports before it) back, and is ended, so that all the memory the task used (a 50 MB
//   upload's parse tree) goes back with it;
// - the answer worker (workerData.mode "answers", lib/server/answer-worker.ts): long-lived, keeps
//   copies of the last few sources and computes expensive answers from them.
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndex } from '../engine/query-index';
import { answerBytes, findingsAnalysis } from '../service/answer-tasks';
import type { WebSource } from '../service/store';
import type { AnswerReply, AnswerRequest } from './answer-worker';
import { decodeSnapshotSync, encodePieces } from './snapshot-wire';
import { resultToWire, TASKS, taskError, type TaskContext, type TaskName } from './tasks';

export interface TaskMessage {
  name: TaskName;
  input: unknown;
}

function taskThread(): void {
  parentPort?.once('message', (msg: TaskMessage) => {
    const ctx: TaskContext = { progress: (p) => parentPort?.postMessage({ progress: p }) };
    const run = async () => {
      const task = TASKS[msg.name] as ((input: unknown, ctx: TaskContext) => unknown) | undefined;
      if (!task) throw new Error(`unknown task ${String(msg.name)}`);
      return resultToWire(await task(msg.input, ctx));
    };
    run().then(
      (result) => parentPort?.postMessage({ ok: true, result }),
      (e: unknown) => parentPort?.postMessage({ ok: false, error: taskError(e) }),
    );
  });
}

/** Findings per piece of an analysis sent back (about 2 KB of JSON each: ~200 KB pieces, a few ms to parse). */
const FINDINGS_PIECE_ITEMS = 100;

function answerThread(keep: number): void {
  const sources = new Map<string, WebSource>();
  parentPort?.on('message', (msg: AnswerRequest) => {
    if (msg.op === 'adopt') {
      const { id, summary } = msg.source;
      const snapshot = 'wire' in msg.source ? decodeSnapshotSync(msg.source.wire) : msg.source.snapshot;
      sources.delete(msg.key);
      sources.set(msg.key, { id, snapshot, summary, index: buildIndex(snapshot) });
      while (sources.size > keep) sources.delete(sources.keys().next().value!);
      return;
    }
    const src = sources.get(msg.key);
    let reply: AnswerReply;
    if (!src) reply = { seq: msg.seq, ok: false, missing: true };
    else {
      // most recently used last
      sources.delete(msg.key);
      sources.set(msg.key, src);
      try {
        if (msg.op === 'answer') {
          const bytes = answerBytes(src, msg.name, msg.params);
          reply = { seq: msg.seq, ok: true, bytes };
          parentPort?.postMessage(reply, [bytes.buffer as ArrayBuffer]);
          return;
        }
        reply = { seq: msg.seq, ok: true, findings: encodePieces(findingsAnalysis(src, msg.config), FINDINGS_PIECE_ITEMS) };
      } catch (e) {
        reply = { seq: msg.seq, ok: false, error: taskError(e) };
      }
    }
    parentPort?.postMessage(reply);
  });
}

const mode = (workerData as { mode?: string; sources?: number } | null)?.mode;
if (mode === 'answers') answerThread((workerData as { sources: number }).sources);
else taskThread();
