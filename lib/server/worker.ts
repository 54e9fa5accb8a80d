// A worker thread of the web server (bundled to dist/server/worker.mjs): runs one task of
// lib/server/tasks.ts and posts its result (or its error as plain data) back. The pool
// (lib/server/worker-pool.ts) ends the thread after the task, so that all the memory a task used
// (a 50 MB upload's parse tree) goes back with it.
import { parentPort } from 'node:worker_threads';
import { TASKS, taskError, type TaskName } from './tasks';

export interface TaskMessage {
  name: TaskName;
  input: unknown;
}

parentPort?.once('message', (msg: TaskMessage) => {
  try {
    const task = TASKS[msg.name] as ((input: unknown) => unknown) | undefined;
    if (!task) throw new Error(`unknown task ${String(msg.name)}`);
    parentPort?.postMessage({ ok: true, result: task(msg.input) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: taskError(e) });
  }
});
