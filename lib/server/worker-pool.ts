// Runs tasks (lib/server/tasks.ts) in worker threads: one fresh thread per task, at most `max` at a
// time (the others wait in line), ended when its task is done. A thread per task costs ~30-60 ms
// to start, small next to the tasks sent here (parsing an upload: seconds), and gives back every
// byte the task used when it ends, whatever V8's heap would have kept.
import { Worker } from 'node:worker_threads';
import { AtlasError } from '../errors';
import { rebuildTaskError, type TaskError, type TaskName, type TaskOptions, type TaskRunner } from './tasks';

export interface WorkerPoolOptions {
  /** the worker script (dist/server/worker.mjs) */
  file: URL | string;
  /** threads at the same time (default 2) */
  max?: number;
  /** heap cap of one thread, MiB (default: V8's) */
  maxHeapMb?: number;
}

type Reply = { ok: true; result: unknown } | { ok: false; error: TaskError } | { progress: unknown };

export function createWorkerPool(o: WorkerPoolOptions): TaskRunner & { readonly running: number; readonly waiting: number } {
  const max = o.max ?? 2;
  let running = 0;
  const queue: (() => void)[] = [];

  const runOne = (name: TaskName, input: unknown, transfer: readonly ArrayBuffer[], options: TaskOptions) =>
    new Promise<unknown>((resolve, reject) => {
      const { signal, onProgress } = options;
      if (signal?.aborted) return reject(signal.reason);
      const worker = new Worker(o.file, o.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb } } : {});
      let settled = false;
      const abort = () => settle(() => reject(signal?.reason));
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', abort);
        f();
        void worker.terminate();
      };
      signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', (reply: Reply) => {
        if ('progress' in reply) onProgress?.(reply.progress);
        else settle(() => (reply.ok ? resolve(reply.result) : reject(rebuildTaskError(reply.error))));
      });
      worker.once('error', (e: Error) =>
        settle(() =>
          reject(
            (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new AtlasError('bad-input', 'the input is too large to process within the memory given to one task', { httpStatus: 413 })
              : e,
          ),
        ),
      );
      worker.once('exit', (code) => settle(() => reject(new Error(`worker thread exited with code ${code} before answering`))));
      worker.postMessage({ name, input }, transfer as ArrayBuffer[]);
    });

  const next = () => {
    if (running < max) queue.shift()?.();
  };

  return {
    run(name, input, transfer, options = {}) {
      return new Promise((resolve, reject) => {
        queue.push(() => {
          running++;
          runOne(name, input, transfer, options)
            .then(resolve, reject)
            .finally(() => {
              running--;
              next();
            });
        });
        next();
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
