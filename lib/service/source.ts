// Data sources: turns a source description (files, demo, cluster) into a loaded, indexed snapshot.
// Shared by the CLI and the web app's route handlers. Node only. The live-cluster loader (and with it
// the Kubernetes client) is imported only when a cluster is the source.
import path from 'node:path';
import { buildIndex, buildIndexSteps, type AtlasIndex } from '../engine/query-index';
import type { Snapshot } from '../engine/types';
import type { ClusterLoadOptions } from '../load/cluster';
import { loadFiles } from '../load/files';
import type { FileNames } from '../load/walk';

export type SourceSpec =
  | { kind: 'files'; paths: string[] }
  | { kind: 'demo' }
  | { kind: 'cluster'; context?: string; kubeconfig?: string };

export interface LoadedSource {
  spec: SourceSpec;
  snapshot: Snapshot;
  index: AtlasIndex;
  /** files read (files and demo sources) */
  files: string[];
  loadMs: number;
}

export interface LoadSourceOptions {
  /** repository root, where public/demo lives (default: process.cwd()) */
  root?: string;
  stdin?: NodeJS.ReadableStream;
  maxFileBytes?: number;
  /** how files are named in diagnostics: as given (default; the CLI) or relative to what was given (the web app) */
  fileNames?: FileNames;
  /** live clusters: page size, timeout, progress callback... (context and kubeconfig come from the spec) */
  cluster?: Omit<ClusterLoadOptions, 'context' | 'kubeconfig'>;
}

export const DEMO_SNAPSHOT = 'public/demo/demo-cluster.json';

export function demoSnapshotPath(root: string = process.cwd()): string {
  return path.join(root, DEMO_SNAPSHOT);
}

/** A loaded source before indexing (what a worker thread sends back: lib/server/tasks.ts "load-source"). */
export type LoadedSnapshot = Omit<LoadedSource, 'index'>;

/** Reads a source into a snapshot (files, the demo, or a live cluster), without indexing it. */
export async function loadSnapshot(spec: SourceSpec, options: LoadSourceOptions = {}): Promise<LoadedSnapshot> {
  const started = performance.now();
  let loaded: { snapshot: Snapshot; files: string[] };
  switch (spec.kind) {
    case 'demo':
      loaded = await loadFiles([demoSnapshotPath(options.root)], { source: 'demo snapshot (demo-cluster)', names: 'relative' });
      break;
    case 'files':
      loaded = await loadFiles(spec.paths, {
        ...(options.stdin ? { stdin: options.stdin } : {}),
        ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
        ...(options.fileNames ? { names: options.fileNames } : {}),
      });
      break;
    case 'cluster': {
      const { loadCluster } = await import('../load/cluster');
      const { snapshot } = await loadCluster({
        ...options.cluster,
        ...(spec.context ? { context: spec.context } : {}),
        ...(spec.kubeconfig ? { kubeconfig: spec.kubeconfig } : {}),
      });
      loaded = { snapshot, files: [] };
      break;
    }
  }
  return { spec, snapshot: loaded.snapshot, files: loaded.files, loadMs: performance.now() - started };
}

/** Reads a source and indexes it. */
export async function loadSource(spec: SourceSpec, options: LoadSourceOptions = {}): Promise<LoadedSource> {
  return indexLoaded(await loadSnapshot(spec, options));
}

/** A loaded snapshot with its index; the indexing time is added to loadMs. */
export function indexLoaded(loaded: LoadedSnapshot): LoadedSource {
  const started = performance.now();
  const index = buildIndex(loaded.snapshot);
  return { ...loaded, index, loadMs: loaded.loadMs + performance.now() - started };
}

/**
 * indexLoaded for the web server: the index is built in steps (buildIndexSteps) with the event loop
 * given back between them, so that other requests are answered while a large upload or cluster is
 * indexed. loadMs counts the wall time, waits included.
 */
export async function indexLoadedStepwise<T extends { snapshot: Snapshot; loadMs: number }>(loaded: T): Promise<T & { index: AtlasIndex }> {
  const started = performance.now();
  const steps = buildIndexSteps(loaded.snapshot);
  let step = steps.next();
  while (!step.done) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return { ...loaded, index: step.value, loadMs: loaded.loadMs + performance.now() - started };
}

/** Number of RBAC-relevant objects in a snapshot. */
export function objectCount(s: Snapshot): number {
  return s.roles.length + s.clusterRoles.length + s.roleBindings.length + s.clusterRoleBindings.length + s.serviceAccounts.length + s.pods.length + s.namespaces.length;
}
