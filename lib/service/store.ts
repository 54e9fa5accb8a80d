// Server-side holder of loaded data sources. The configured source (RBAC_ATLAS_SOURCE, set by
// `rbac-atlas serve`, else the bundled demo) is loaded once and kept; uploads are kept by id, at most
// MAX_UPLOADS of them (the oldest is dropped). State lives on globalThis so that every route bundle
// of the Next server sees the same store.
import 'server-only';
import { z } from 'zod';
import type { FindingsConfig } from '../engine/findings/config';
import { analysisOptions, analyzeFindings } from '../engine/findings/scan';
import type { FindingsResult } from '../engine/findings/types';
import type { AtlasIndex } from '../engine/query-index';
import type { Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { answerRunner } from '../server/answer-worker';
import type { OverlayState } from './overlay';
import { preparedPathsOf } from './paths';
import { hasTaskRunner, runTask, type TaskOptions } from '../server/tasks';
import { indexLoadedStepwise, loadSource, type LoadedSource, type SourceSpec } from './source';
import { sourceSummary, type SourceSummary } from './source-view';
import type { ParsedUpload } from './upload';

export const DEFAULT_SOURCE_ID = 'default';
export const SOURCE_COOKIE = 'atlas-source';
export const MAX_UPLOADS = 5;
export const MAX_OVERLAYS = 5;

export interface WebSource {
  id: string;
  snapshot: Snapshot;
  index: AtlasIndex;
  summary: SourceSummary;
  /** set when this source is another one with a change applied ("try a change", lib/service/overlay.ts) */
  overlay?: OverlayState;
}

interface StoreState {
  configured?: Promise<WebSource>;
  /** the configured source's spec: RBAC_ATLAS_SOURCE at start, then the last context loaded from the UI */
  spec?: SourceSpec;
  uploads: Map<string, WebSource>;
  /** sources with a change applied ("try a change"), by id, at most MAX_OVERLAYS (the oldest is dropped) */
  overlays?: Map<string, WebSource>;
  counter: number;
  /** findings per loaded snapshot and severity settings, built-in ones included (computed on first use) */
  findings?: WeakMap<AtlasIndex, Map<string, FindingsResult>>;
  /** findings analyses being computed in the answer worker */
  findingsInFlight?: Map<string, Promise<void>>;
}

const KEY = Symbol.for('rbac-atlas.store');
const globals = globalThis as typeof globalThis & { [KEY]?: StoreState };
const state: StoreState = (globals[KEY] ??= { uploads: new Map(), counter: 0 });

const specSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }),
  z.object({ kind: z.literal('files'), paths: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal('cluster'), context: z.string().optional(), kubeconfig: z.string().optional() }),
]);

/** The configured data source: RBAC_ATLAS_SOURCE (JSON of a SourceSpec), or the demo. */
export function configuredSpec(env: NodeJS.ProcessEnv = process.env): SourceSpec {
  const raw = env.RBAC_ATLAS_SOURCE;
  if (!raw) return { kind: 'demo' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AtlasError('usage', 'RBAC_ATLAS_SOURCE is not JSON (expected e.g. {"kind":"files","paths":["/abs/dump.yaml"]})');
  }
  const spec = specSchema.safeParse(parsed);
  if (!spec.success) throw new AtlasError('usage', `RBAC_ATLAS_SOURCE: ${z.prettifyError(spec.error)}`);
  return spec.data as SourceSpec;
}

/** The spec of the source every browser without an upload uses (it changes when a context is loaded from the UI). */
export function activeSpec(): SourceSpec {
  return state.spec ?? configuredSpec();
}

function webSourceOf(spec: SourceSpec, loaded: LoadedSource): WebSource {
  const summary = sourceSummary(DEFAULT_SOURCE_ID, spec.kind, loaded.snapshot, loaded.loadMs);
  // the cluster loader names its source "cluster <context>" (lib/load/cluster.ts)
  if (spec.kind === 'cluster') summary.context = spec.context ?? loaded.snapshot.meta.source.replace(/^cluster /, '');
  return { id: DEFAULT_SOURCE_ID, snapshot: loaded.snapshot, index: loaded.index, summary };
}

/**
 * Reads a source for the web app: in a worker thread when the server runs them (lib/server/tasks.ts
 * "load-source"), so that parsing files or normalizing a large cluster does not hold up requests,
 * the snapshot coming back in slices (lib/server/snapshot-wire.ts); else inline (unit tests).
 * Indexing runs here, in steps between other requests (indexLoadedStepwise). Files are named relative to
 * what `serve -f` was given: no server directory reaches a browser.
 */
export async function loadWebSource(spec: SourceSpec, options: TaskOptions = {}): Promise<LoadedSource> {
  const root = process.cwd();
  if (!hasTaskRunner()) return loadSource(spec, { root, fileNames: 'relative', cluster: { ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) } });
  return indexLoadedStepwise(await runTask('load-source', { spec, root, fileNames: 'relative' }, [], options));
}

async function loadConfigured(): Promise<WebSource> {
  const spec = activeSpec();
  const source = webSourceOf(spec, await loadWebSource(spec));
  // every page shows findings or risk marks: the first request waits for the analysis (in the answer worker) instead of computing it on the request thread
  await warmFindings(source);
  return source;
}

function configured(): Promise<WebSource> {
  if (!state.configured) {
    const loading = loadConfigured();
    state.configured = loading;
    // a failed load is retried on the next request instead of being cached forever
    loading.catch(() => {
      if (state.configured === loading) state.configured = undefined;
    });
  }
  return state.configured;
}

/**
 * Makes a freshly loaded source the configured one, for every browser without an upload (a context
 * loaded or refreshed from the UI). Until this call the previous source kept serving.
 */
export function replaceConfigured(spec: SourceSpec, loaded: LoadedSource): WebSource {
  const source = webSourceOf(spec, loaded);
  state.spec = spec;
  state.configured = Promise.resolve(source);
  void warmFindings(source);
  return source;
}

/**
 * The source with this id; undefined or "default" is the configured one. An unknown upload id (e.g.
 * after a restart) falls back to the configured source when `fallback` is set, else is a 404.
 */
export async function getSource(id?: string, { fallback = false } = {}): Promise<WebSource> {
  if (!id || id === DEFAULT_SOURCE_ID) return configured();
  const found = state.uploads.get(id) ?? state.overlays?.get(id);
  if (found) return found;
  if (fallback) return configured();
  throw new AtlasError('usage', `unknown data source "${id}" (uploads are kept in memory until the server restarts)`, { httpStatus: 404 });
}

export function addUpload(parsed: ParsedUpload): WebSource {
  state.counter += 1;
  const id = `upload-${state.counter}-${Math.random().toString(36).slice(2, 8)}`;
  const source: WebSource = {
    id,
    snapshot: parsed.snapshot,
    index: parsed.index,
    summary: sourceSummary(id, 'upload', parsed.snapshot, parsed.loadMs),
  };
  state.uploads.set(id, source);
  void warmFindings(source);
  while (state.uploads.size > MAX_UPLOADS) {
    const oldest = state.uploads.keys().next().value;
    if (oldest === undefined) break;
    state.uploads.delete(oldest);
  }
  return source;
}

/** Keeps a source with a change applied, built under a fresh id (`build` may throw: nothing is kept then). */
export function addOverlay(build: (id: string) => WebSource): WebSource {
  const overlays = (state.overlays ??= new Map());
  const id = `change-${state.counter + 1}-${Math.random().toString(36).slice(2, 8)}`;
  const source = build(id);
  state.counter += 1;
  overlays.set(id, source);
  void warmFindings(source);
  while (overlays.size > MAX_OVERLAYS) overlays.delete(overlays.keys().next().value!);
  return source;
}

/** Ids of the sources a user can pick: the configured one and the uploads, newest first. */
export function uploadedSources(): SourceSummary[] {
  return [...state.uploads.values()].reverse().map((s) => s.summary);
}

/** Analyses kept per snapshot: one per config seen recently (an edited config adds one). */
const ANALYSES_PER_SNAPSHOT = 2;

/**
 * Every finding of a source under a scan configuration's severity overrides and privileged
 * namespaces, built-in and suppressed ones included (lib/service/scan.ts reports them): computed once
 * per loaded snapshot and settings, on first use (about 100 ms on realistic-large, seconds on huge clusters).
 */
export function findingsOf(source: WebSource, config?: FindingsConfig): FindingsResult {
  const cache = (state.findings ??= new WeakMap());
  let bySettings = cache.get(source.index);
  if (!bySettings) cache.set(source.index, (bySettings = new Map()));
  const key = JSON.stringify(analysisOptions(config));
  let result = bySettings.get(key);
  if (!result) {
    result = analyzeFindings(source.index, config, preparedPathsOf(source.index));
    bySettings.set(key, result);
    while (bySettings.size > ANALYSES_PER_SNAPSHOT) bySettings.delete(bySettings.keys().next().value!);
  }
  return result;
}

/**
 * Computes the findings analysis of findingsOf in the answer worker, when the server runs one, and
 * keeps it, so that the first scan of a large snapshot (seconds) does not hold up other requests.
 * Without a worker, or when it fails, findingsOf computes it inline as before.
 */
export async function prepareFindings(source: WebSource, config?: FindingsConfig): Promise<void> {
  const runner = answerRunner();
  if (!runner) return;
  const cache = (state.findings ??= new WeakMap());
  const key = JSON.stringify(analysisOptions(config));
  if (cache.get(source.index)?.has(key)) return;
  const inFlight = (state.findingsInFlight ??= new Map());
  const flightKey = `${source.id} ${source.summary.loadedAt ?? ''} ${key}`;
  let running = inFlight.get(flightKey);
  if (!running) {
    running = runner.findings(source, config).then(
      (result) => {
        let bySettings = cache.get(source.index);
        if (!bySettings) cache.set(source.index, (bySettings = new Map()));
        bySettings.set(key, result);
        while (bySettings.size > ANALYSES_PER_SNAPSHOT) bySettings.delete(bySettings.keys().next().value!);
      },
      () => undefined, // findingsOf computes it (and reports its error) inline
    );
    inFlight.set(flightKey, running);
    void running.finally(() => inFlight.delete(flightKey));
  }
  await running;
}

/**
 * Starts the findings analysis of a new source in the answer worker with the web app's scan config
 * (prepareFindings), so that the first page or answer that shows findings or risk marks finds it
 * kept instead of computing it on the request thread. Nothing without an answer worker, or when the
 * config file cannot be used (the Findings page says why).
 */
export async function warmFindings(source: WebSource): Promise<void> {
  const runner = answerRunner();
  if (!runner) return;
  // every answer worker gets the source now and builds its index in the background: the second
  // worker would otherwise build it (seconds on large clusters) during the first request it is given
  runner.prepare(source);
  let config: FindingsConfig | undefined;
  try {
    config = (await import('./scan')).webScanConfig().config;
  } catch {
    return;
  }
  await prepareFindings(source, config);
}
