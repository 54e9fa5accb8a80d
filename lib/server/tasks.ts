// Work that can take long runs off the thread that answers requests: each task is one named function
// of the product (the same one whether it runs in a worker or not). The server process
// (lib/server/main.ts) registers a runner that runs tasks in worker threads (lib/server/worker-pool.ts,
// lib/server/worker.ts); without one (unit tests, a route imported elsewhere) the task runs inline.
// Task inputs and results cross the thread boundary by structured clone; byte buffers are transferred.
import { AtlasError, type AtlasErrorCode, type AtlasErrorDetails } from '../errors';
import type { DiffResult } from '../engine/diff/types';
import { buildIndex } from '../engine/query-index';
import type { Snapshot } from '../engine/types';
import type { FileNames } from '../load/walk';
import type { AppliedChange, OverlayDiffOptions } from '../service/overlay';
import type { LoadedSnapshot, SourceSpec } from '../service/source';
import { parseUploadPayload, type ParsedSnapshot, type UploadPayload } from '../service/upload';
import { decodeSnapshot, encodeSnapshot, encodeSnapshotDelta, snapshotOfRef, type SnapshotRef, type SnapshotWire } from './snapshot-wire';

/** What a task may do besides returning: report progress (plain data) to whoever runs it. */
export interface TaskContext {
  progress(p: unknown): void;
}

/** A source to read in a worker (the web app's configured source, a kubeconfig context): its spec and how files are named. */
export interface SourceTaskInput {
  spec: SourceSpec;
  root: string;
  fileNames?: FileNames;
}

/** The source loader (lib/service/source.ts) without the index; a live cluster's progress per kind is reported through the task's context. */
async function loadSourceTask(input: SourceTaskInput, ctx: TaskContext): Promise<LoadedSnapshot> {
  const { loadSnapshot } = await import('../service/source');
  return loadSnapshot(input.spec, { root: input.root, ...(input.fileNames ? { fileNames: input.fileNames } : {}), cluster: { onProgress: (p) => ctx.progress(p) } });
}

/** "Try a change" (lib/service/overlay.ts): uploaded manifests applied on a base source, and the change. */
export interface ApplyChangeInput {
  base: SnapshotRef;
  payload: UploadPayload;
  options: OverlayDiffOptions;
}

/**
 * applyChangeManifests on the base, indexed here. The changed snapshot goes back twice: as a delta
 * against the base (decodeSnapshotDelta: the base's objects are shared, as inline) and as the whole
 * snapshot's wire, kept for the answer workers; its index is built again on the requesting thread, in steps.
 */
async function applyChangeTask(input: ApplyChangeInput): Promise<Omit<AppliedChange, 'index' | 'snapshot'> & { delta: SnapshotWire; wire: SnapshotWire }> {
  const { applyChangeManifests } = await import('../service/overlay');
  const base = snapshotOfRef(input.base);
  const applied = applyChangeManifests({ snapshot: base, index: buildIndex(base) }, input.payload, input.options);
  const { snapshot, index, ...rest } = applied;
  void index;
  return { ...rest, delta: encodeSnapshotDelta(snapshot, base), wire: encodeSnapshot(snapshot) };
}

/** The change between a source and the same source with a change applied, under other findings settings (a new day, an edited config). */
export interface ChangeDiffInput {
  before: SnapshotRef;
  after: SnapshotRef;
  options: OverlayDiffOptions;
}

async function changeDiffTask(input: ChangeDiffInput): Promise<DiffResult> {
  const { computeDiff } = await import('../service/overlay');
  return computeDiff(buildIndex(snapshotOfRef(input.before)), buildIndex(snapshotOfRef(input.after)), input.options);
}

/** The tasks, by name: (input, context) -> result (plain data, or a promise of it). */
export const TASKS = {
  'parse-upload': (payload: UploadPayload): ParsedSnapshot => parseUploadPayload(payload),
  'load-source': loadSourceTask,
  'apply-change': applyChangeTask,
  'change-diff': changeDiffTask,
} satisfies Record<string, (input: never, ctx: TaskContext) => unknown>;

export type TaskName = keyof typeof TASKS;
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0];
export type TaskResult<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>;

/** Progress reports and cancelling of a task. */
export interface TaskOptions {
  onProgress?: (p: unknown) => void;
  /** aborting ends the task (its worker is terminated) and rejects with the signal's reason */
  signal?: AbortSignal;
}

/** What runs tasks elsewhere (a worker pool). */
export interface TaskRunner {
  run(name: TaskName, input: unknown, transfer: readonly ArrayBuffer[], options?: TaskOptions): Promise<unknown>;
}

/** Whether the process runs tasks in worker threads. */
export function hasTaskRunner(): boolean {
  return globals[KEY] !== undefined;
}

const KEY = Symbol.for('rbac-atlas.task-runner');
const globals = globalThis as typeof globalThis & { [KEY]?: TaskRunner };

/** Installs (or, with undefined, removes) the runner every route bundle of the process uses. */
export function registerTaskRunner(runner: TaskRunner | undefined): void {
  globals[KEY] = runner;
}

/**
 * Runs a task in a worker when the process has a runner, else inline. `transfer`: buffers of the
 * input handed over, not copied (unusable here afterwards). A result's snapshot comes back as JSON
 * pieces (lib/server/snapshot-wire.ts) parsed a slice at a time, so that requests keep being
 * answered while it arrives.
 */
export async function runTask<N extends TaskName>(name: N, input: TaskInput<N>, transfer: readonly ArrayBuffer[] = [], options: TaskOptions = {}): Promise<TaskResult<N>> {
  const runner = globals[KEY];
  if (!runner) {
    const ctx: TaskContext = { progress: (p) => options.onProgress?.(p) };
    return await (TASKS[name] as (i: TaskInput<N>, c: TaskContext) => TaskResult<N> | Promise<TaskResult<N>>)(input, ctx);
  }
  return (await resultFromWire(await runner.run(name, input, transfer, options))) as TaskResult<N>;
}

/** A result with its snapshot as a wire, as a worker posts it. */
interface WiredResult {
  snapshotWire: SnapshotWire;
}

/** The worker's side: a result's `snapshot` is sent as JSON pieces in a shared buffer, not cloned. */
export function resultToWire(result: unknown): unknown {
  if (typeof result !== 'object' || result === null || !('snapshot' in result)) return result;
  const { snapshot, ...rest } = result as { snapshot: Snapshot };
  return { ...rest, snapshotWire: encodeSnapshot(snapshot) } satisfies WiredResult;
}

/** The requesting thread's side of resultToWire. */
export async function resultFromWire(result: unknown): Promise<unknown> {
  if (typeof result !== 'object' || result === null || !('snapshotWire' in result)) return result;
  const { snapshotWire, ...rest } = result as WiredResult;
  return { ...rest, snapshot: await decodeSnapshot(snapshotWire) };
}

/** A task's failure as plain data, to post back from a worker. */
export type TaskError = { atlas: true; code: AtlasErrorCode; message: string; details?: AtlasErrorDetails } | { atlas: false; name: string; message: string; issues?: unknown[] };

export function taskError(e: unknown): TaskError {
  if (e instanceof AtlasError) return { atlas: true, code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  // a zod error (a bad JSON upload) keeps its issues: toHttpResponse turns it into a 400 naming the field
  const name = e instanceof Error ? e.name : 'Error';
  const issues = (e as { issues?: unknown }).issues;
  return { atlas: false, name, message: e instanceof Error ? e.message : String(e), ...(Array.isArray(issues) ? { issues: structuredClone(issues) } : {}) };
}

/** The error a task failed with, rebuilt on the requesting thread. */
export function rebuildTaskError(e: TaskError): Error {
  if (e.atlas) return new AtlasError(e.code, e.message, e.details);
  const error = Object.assign(new Error(e.message), e.issues ? { issues: e.issues } : {});
  error.name = e.name;
  return error;
}
