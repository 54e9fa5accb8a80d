// Live clusters in the web app: the kubeconfig contexts of the SERVER process (names only), and
// loading one of them, or refreshing the cluster in use, in the background with progress per kind.
// The previous source keeps serving until a load succeeds; a failed load leaves it in place and is
// reported. Only context names from the server's kubeconfig are accepted: never a URL or a path.
// State lives on globalThis, as in store.ts, so that every route bundle sees the same load.
import 'server-only';
import { z } from 'zod';
import { AtlasError, isAtlasError, publicMessage } from '../errors';
import { CLUSTER_KINDS, listKubeContexts, type ClusterKind, type ClusterProgress } from '../load/cluster';
import type { SourceSpec } from './source';
import { activeSpec, configuredSpec, getSource, loadWebSource, replaceConfigured } from './store';

export const loadParams = z.union([
  z.object({ context: z.string().trim().min(1).max(253) }).strict(),
  z.object({ refresh: z.literal(true) }).strict(),
]);

export type LoadRequest = z.infer<typeof loadParams>;

type ClusterSpec = Extract<SourceSpec, { kind: 'cluster' }>;

export interface KindProgress {
  kind: ClusterKind;
  resource: string;
  objects: number;
  pages: number;
  state: 'waiting' | ClusterProgress['state'];
}

/** What the browser polls: the last (or running) load. No credentials, no server URL. */
export interface LoadProgressView {
  status: 'idle' | 'loading' | 'done' | 'failed';
  /** increases with every load started, so that a poller can tell loads apart */
  seq: number;
  context?: string;
  refresh?: boolean;
  startedAt?: string;
  finishedAt?: string;
  objects: number;
  kinds: KindProgress[];
  error?: string;
}

export interface ContextList {
  contexts: { name: string; current: boolean }[];
  /** where the names come from, without paths (e.g. "~/.kube/config", "the kubeconfig files in KUBECONFIG") */
  origin: string;
  /** the kubeconfig cannot be read */
  error?: string;
}

interface LoadJob {
  seq: number;
  context?: string;
  refresh: boolean;
  startedAt: string;
  finishedAt?: string;
  status: 'loading' | 'done' | 'failed';
  kinds: Map<ClusterKind, ClusterProgress>;
  error?: string;
  controller: AbortController;
}

interface LoadState {
  seq: number;
  job?: LoadJob;
}

const KEY = Symbol.for('rbac-atlas.cluster-loads');
const globals = globalThis as typeof globalThis & { [KEY]?: LoadState };
const state: LoadState = (globals[KEY] ??= { seq: 0 });

/** The kubeconfig the server was told to use (`rbac-atlas serve --kubeconfig`), else KUBECONFIG / ~/.kube/config. */
function serverKubeconfig(): string | undefined {
  const spec = configuredSpec();
  return spec.kind === 'cluster' ? spec.kubeconfig : undefined;
}

export function contextList(): ContextList {
  try {
    const kubeconfig = serverKubeconfig();
    const list = listKubeContexts(kubeconfig ? { kubeconfig } : {});
    return { contexts: list.contexts.map((name) => ({ name, current: name === list.current })), origin: list.originLabel };
  } catch (e) {
    return { contexts: [], origin: '', error: messageOf(e) };
  }
}

/** What the browser is told: no server path, cluster URL or credential (publicMessage); bugs go to the log. */
function messageOf(e: unknown): string {
  if (isAtlasError(e) && e.code !== 'internal') return publicMessage(e);
  console.error(`rbac-atlas: loading a cluster failed: ${e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error'}`);
  return 'internal error: see the server log';
}

function specFor(request: LoadRequest): ClusterSpec {
  if ('refresh' in request) {
    const spec = activeSpec();
    if (spec.kind !== 'cluster') throw new AtlasError('usage', 'the data source in use is not a live cluster: load a context instead');
    return spec;
  }
  const list = contextList();
  if (list.error) throw new AtlasError('usage', list.error);
  if (!list.contexts.some((c) => c.name === request.context)) {
    throw new AtlasError('usage', `context "${request.context}" is not in the server's kubeconfig (${list.origin})`);
  }
  const kubeconfig = serverKubeconfig();
  return { kind: 'cluster', context: request.context, ...(kubeconfig ? { kubeconfig } : {}) };
}

/** Starts loading (a running load is cancelled); the answer comes at once, progress by polling. */
export function startClusterLoad(request: LoadRequest): LoadProgressView {
  const spec = specFor(request);
  state.job?.controller.abort(new Error('replaced by a newer load'));
  const job: LoadJob = {
    seq: ++state.seq,
    ...(spec.kind === 'cluster' && spec.context ? { context: spec.context } : {}),
    refresh: 'refresh' in request,
    startedAt: new Date().toISOString(),
    status: 'loading',
    kinds: new Map(),
    controller: new AbortController(),
  };
  state.job = job;
  const onProgress = (p: ClusterProgress) => {
    job.kinds.set(p.kind, p);
  };
  loadWebSource(spec, { onProgress: (p) => onProgress(p as ClusterProgress), signal: job.controller.signal }).then(
    (loaded) => {
      if (state.job !== job) return;
      replaceConfigured(spec, loaded);
      job.status = 'done';
      job.finishedAt = new Date().toISOString();
    },
    (e: unknown) => {
      if (state.job !== job) return;
      job.status = 'failed';
      job.error = messageOf(e);
      job.finishedAt = new Date().toISOString();
    },
  );
  return progressView(job);
}

function progressView(job: LoadJob | undefined): LoadProgressView {
  const kinds = CLUSTER_KINDS.map(({ kind, resource }): KindProgress => {
    const p = job?.kinds.get(kind);
    return { kind, resource, objects: p?.objects ?? 0, pages: p?.pages ?? 0, state: p?.state ?? 'waiting' };
  });
  if (!job) return { status: 'idle', seq: state.seq, objects: 0, kinds };
  return {
    status: job.status,
    seq: job.seq,
    ...(job.context ? { context: job.context } : {}),
    ...(job.refresh ? { refresh: true } : {}),
    startedAt: job.startedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    objects: kinds.reduce((n, k) => n + k.objects, 0),
    kinds,
    ...(job.error ? { error: job.error } : {}),
  };
}

export function loadProgress(): LoadProgressView {
  return progressView(state.job);
}

/** The source page's picker: contexts, which one is in use, whether it can be refreshed, the last load. */
export async function pickerState(): Promise<{ list: ContextList; inUse?: string; canRefresh: boolean; progress: LoadProgressView }> {
  const spec = activeSpec();
  const inUse = spec.kind === 'cluster' ? (await getSource().catch(() => undefined))?.summary.context : undefined;
  return { list: contextList(), ...(inUse ? { inUse } : {}), canRefresh: spec.kind === 'cluster', progress: loadProgress() };
}
