// "Try a change" in the web app: manifests uploaded as an OVERLAY on the browser's current source,
// not as a replacement. The overlay is applied with the function `rbac-atlas diff --apply` uses
// (lib/engine/diff overlaySnapshot: same kind, namespace and name replaced, new objects added,
// aggregation computed again), and the change is `rbac-atlas diff`'s (diffSnapshots), so the web's
// "changes" view serves the very document `diff -o json` prints. The manifests are read and parsed
// by the normal upload's reader and parser (same limits); a manifest with an error is refused as a
// whole and the current source stays as it was (a skipped object would silently drop part of the
// change under review).
import { diffSnapshots, overlaySnapshot, type DiffResult } from '../engine/diff/index';
import type { FindingsConfig } from '../engine/findings/config';
import { objectKey } from '../engine/normalize';
import { buildIndex } from '../engine/query-index';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { diffJson, type DiffDocument } from '../format/diff-json';
import { sourceSummary, type OverlaySummary } from './source-view';
import type { WebSource } from './store';
import type { ParsedUpload } from './upload';

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

/**
 * The source `base` becomes with the parsed manifests applied on top, under `id`. Throws
 * AtlasError('bad-input', 422) naming every error of the manifests; neither input is modified.
 */
export function applyOverlay(id: string, base: WebSource, change: ParsedUpload, files: readonly string[], options: OverlayDiffOptions): WebSource {
  const errors = overlayErrors(change.snapshot);
  if (errors.length > 0) {
    throw new AtlasError('bad-input', `the change cannot be applied: ${errors.length} error${errors.length === 1 ? '' : 's'} in the manifests (the current data source is unchanged)`, {
      diagnostics: errors,
      httpStatus: 422,
    });
  }
  const started = performance.now();
  const snapshot = overlaySnapshot(base.snapshot, change.snapshot);
  const index = buildIndex(snapshot);
  const baseKeys = new Set(objectsOf(base.snapshot).map(objectKey));
  const changed = objectsOf(change.snapshot);
  const overlay: OverlayState = {
    base,
    files: [...files],
    objects: changed.length,
    replaced: changed.filter((o) => baseKeys.has(objectKey(o))).length,
    diffs: new Map(),
  };
  const source: WebSource = { id, snapshot, index, summary: sourceSummary(id, base.summary.kind, snapshot, change.loadMs + performance.now() - started), overlay };
  source.summary.overlay = overlaySummary(overlay, overlayDiff(source, options));
  return source;
}

/** The change of a source with a change applied (`rbac-atlas diff` of its base and itself); computed once per settings. */
export function overlayDiff(source: WebSource, options: OverlayDiffOptions): DiffResult {
  const overlay = source.overlay;
  if (!overlay) throw noChange();
  const key = `${options.fingerprint}|${options.today}`;
  let diff = overlay.diffs.get(key);
  if (!diff) {
    diff = diffSnapshots(overlay.base.index, source.index, { today: options.today, ...(options.config ? { config: options.config } : {}) });
    overlay.diffs.clear();
    overlay.diffs.set(key, diff);
  }
  return diff;
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
