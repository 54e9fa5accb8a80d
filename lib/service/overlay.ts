// "Try a change" in the web app: manifests uploaded as an OVERLAY on the browser's current source,
// not as a replacement. The overlay is applied with the function `rbac-atlas diff --apply` uses
// (lib/engine/diff overlaySnapshot: same kind, namespace and name replaced, new objects added,
// aggregation computed again), and the change is `rbac-atlas diff`'s (diffSnapshots), so the web's
// "changes" view serves the very document `diff -o json` prints. The manifests are read and parsed
// by the normal upload's reader and parser (same limits); a manifest with an error is refused as a
// whole and the current source stays as it was (a skipped object would silently drop part of the
// change under review). On a large cluster applying a change takes seconds (mostly the findings half
// of the diff): the web server computes it in a worker thread (computeOverlay, applyChangeManifests,
// computeDiff run there as they are; lib/service/api-change.ts sends them), so that requests keep
// being answered meanwhile.
import { diffSnapshots, overlaySnapshot, type DiffResult } from '../engine/diff/index';
import type { FindingsConfig } from '../engine/findings/config';
import { objectKey } from '../engine/normalize';
import { buildIndex, type AtlasIndex } from '../engine/query-index';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { diffJson, type DiffDocument } from '../format/diff-json';
import { diagnosticItems, sourceSummary, type DiagnosticItem, type OverlaySummary } from './source-view';
import type { WebSource } from './store';
import { parseUploadPayload, type ParsedUpload, type UploadPayload } from './upload';

/** What a source with a change applied remembers: the source it was applied on and the change. */
export interface OverlayState {
  /** the source the change was applied on (kept by reference: dropping the change returns to it) */
  base: WebSource;
  /** the uploaded files' names */
  files: string[];
  /** objects in the change, and how many of them replaced an object of the base */
  objects: number;
  replaced: number;
  /** the change, as `rbac-atlas diff BASE --apply FILES` computes it, per findings settings (key: fingerprint and day) */
  diffs: Map<string, DiffResult>;
  /** diffs being computed in a worker thread (lib/service/api-change.ts prepareOverlayDiff), by key */
  computing?: Map<string, Promise<DiffResult>>;
}

/** Settings of the findings half of the change: the web app's scan config and the day (suppression expiry). */
export interface OverlayDiffOptions {
  config?: FindingsConfig;
  /** identifies the config's content */
  fingerprint: string;
  /** YYYY-MM-DD */
  today: string;
}

/** Diagnostics the CLI does not report for `--apply` manifests either: judged on the result, not on the manifests alone. */
const JUDGED_ON_RESULT = new Set<Diagnostic['code']>(['missing-role', 'aggregation-mismatch']);

/** The change's own errors (file, line and object named): any of them refuses the change. */
export function overlayErrors(change: Snapshot): Diagnostic[] {
  return change.diagnostics.filter((d) => d.severity === 'error' && !JUDGED_ON_RESULT.has(d.code));
}

function objectsOf(s: Snapshot) {
  return [...s.roles, ...s.clusterRoles, ...s.roleBindings, ...s.clusterRoleBindings, ...s.serviceAccounts, ...s.pods, ...s.namespaces];
}

/** The part of applying a change that takes long on large clusters (seconds at 1,000 namespaces, mostly the findings half of the diff). */
export interface ComputedOverlay {
  snapshot: Snapshot;
  index: AtlasIndex;
  /** objects in the change, and how many of them replaced an object of the base */
  objects: number;
  replaced: number;
  diff: DiffResult;
  ms: number;
}

/**
 * The manifests applied on `base` (its snapshot and index), the result indexed, and the change as
 * `rbac-atlas diff` computes it. Pure: the web server runs it in a worker thread (lib/server/tasks.ts
 * "apply-change"), without workers it runs here. Throws AtlasError('bad-input', 422) naming every
 * error of the manifests; neither input is modified.
 */
export function computeOverlay(base: Pick<WebSource, 'snapshot' | 'index'>, change: Snapshot, options: OverlayDiffOptions): ComputedOverlay {
  const errors = overlayErrors(change);
  if (errors.length > 0) {
    throw new AtlasError('bad-input', `the change cannot be applied: ${errors.length} error${errors.length === 1 ? '' : 's'} in the manifests (the current data source is unchanged)`, {
      diagnostics: errors,
      httpStatus: 422,
    });
  }
  const started = performance.now();
  const snapshot = overlaySnapshot(base.snapshot, change);
  const index = buildIndex(snapshot);
  const baseKeys = new Set(objectsOf(base.snapshot).map(objectKey));
  const changed = objectsOf(change);
  const diff = computeDiff(base.index, index, options);
  return { snapshot, index, objects: changed.length, replaced: changed.filter((o) => baseKeys.has(objectKey(o))).length, diff, ms: performance.now() - started };
}

/** `rbac-atlas diff`'s change between two indexed snapshots, with the findings settings of the web app. */
export function computeDiff(before: AtlasIndex, after: AtlasIndex, options: OverlayDiffOptions): DiffResult {
  return diffSnapshots(before, after, { today: options.today, ...(options.config ? { config: options.config } : {}) });
}

/** The key of a diff in OverlayState.diffs. */
export function diffKey(options: OverlayDiffOptions): string {
  return `${options.fingerprint}|${options.today}`;
}

/**
 * The web source of a computed overlay, under `id` (cheap: the diff is already computed).
 * `loadMs`: time spent reading the manifests and applying them.
 */
export function overlaySource(id: string, base: WebSource, computed: Omit<ComputedOverlay, 'ms'>, files: readonly string[], options: OverlayDiffOptions, loadMs: number): WebSource {
  const overlay: OverlayState = { base, files: [...files], objects: computed.objects, replaced: computed.replaced, diffs: new Map([[diffKey(options), computed.diff]]) };
  const source: WebSource = { id, snapshot: computed.snapshot, index: computed.index, summary: sourceSummary(id, base.summary.kind, computed.snapshot, loadMs), overlay };
  source.summary.overlay = overlaySummary(overlay, computed.diff);
  return source;
}

/**
 * The source `base` becomes with the parsed manifests applied on top, under `id`, computed here
 * (computeOverlay + overlaySource). Throws AtlasError('bad-input', 422) naming every error of the
 * manifests; neither input is modified.
 */
export function applyOverlay(id: string, base: WebSource, change: Pick<ParsedUpload, 'snapshot' | 'loadMs'>, files: readonly string[], options: OverlayDiffOptions): WebSource {
  const computed = computeOverlay(base, change.snapshot, options);
  return overlaySource(id, base, computed, files, options, change.loadMs + computed.ms);
}

/** A change read from uploaded files and computed on a base (what "try a change" does with an upload), before it becomes a web source. */
export interface AppliedChange extends Omit<ComputedOverlay, 'ms'> {
  /** the change's own diagnostics (changeDiagnostics) */
  diagnostics: DiagnosticItem[];
  /** the upload's name (the files' names) */
  name: string;
  /** reading, parsing and applying, ms */
  loadMs: number;
}

/**
 * Reads the uploaded manifests with the upload's parser and limits and computes them on `base`. The
 * web server runs it in a worker thread (lib/server/tasks.ts "apply-change"); the payload's buffers
 * are read, not kept.
 */
export function applyChangeManifests(base: Pick<WebSource, 'snapshot' | 'index'>, payload: UploadPayload, options: OverlayDiffOptions): AppliedChange {
  const change = parseUploadPayload(payload);
  const { ms, ...computed } = computeOverlay(base, change.snapshot, options);
  return { ...computed, diagnostics: changeDiagnostics(change.snapshot), name: change.snapshot.meta.source.replace(/^upload: /, ''), loadMs: change.loadMs + ms };
}

/** The diagnostics of the change's own manifests shown after applying it (those judged on the result left out). */
export function changeDiagnostics(change: Snapshot): DiagnosticItem[] {
  return diagnosticItems(change, 500).filter((d) => !JUDGED_ON_RESULT.has(d.code));
}

/** The change of a source with a change applied (`rbac-atlas diff` of its base and itself); computed once per settings. */
export function overlayDiff(source: WebSource, options: OverlayDiffOptions): DiffResult {
  const overlay = source.overlay;
  if (!overlay) throw noChange();
  const key = diffKey(options);
  let diff = overlay.diffs.get(key);
  if (!diff) {
    diff = computeDiff(overlay.base.index, source.index, options);
    keepDiff(overlay, key, diff);
  }
  return diff;
}

/** Keeps the diff of one settings key, the latest only (an edited config or a new day replaces it). */
export function keepDiff(overlay: OverlayState, key: string, diff: DiffResult): void {
  overlay.diffs.clear();
  overlay.diffs.set(key, diff);
}

/** The document of `rbac-atlas diff BASE --apply FILES -o json`. */
export function overlayDocument(source: WebSource, options: OverlayDiffOptions): DiffDocument {
  return diffJson(overlayDiff(source, options));
}

export function noChange(): AtlasError {
  return new AtlasError('usage', 'no change is applied to this data source: upload manifests under "Try a change" on the Data source page', { httpStatus: 404 });
}

export function overlaySummary(o: OverlayState, diff: DiffResult): OverlaySummary {
  return {
    baseId: o.base.id,
    baseName: o.base.summary.name,
    files: o.files,
    objects: o.objects,
    replaced: o.replaced,
    subjects: diff.subjects.length,
    gained: diff.subjects.filter((s) => s.gained.length > 0).length,
    lost: diff.subjects.filter((s) => s.lost.length > 0).length,
    findingsAdded: diff.findings.added.length,
    findingsResolved: diff.findings.resolved.length,
  };
}
