// Route-handler functions of "try a change": apply uploaded manifests as an overlay on the browser's
// source (POST /api/upload?as=change: the upload route, its reader, limits and parser), drop it
// (POST /api/change {"action":"drop"}), and the change as `rbac-atlas diff -o json` prints it
// (GET /api/change). They touch the server-side store, hence server-only.
import 'server-only';
import { z } from 'zod';
import type { DiffResult } from '../engine/diff/types';
import { isoDay } from '../engine/findings/scan';
import type { DiffDocument } from '../format/diff-json';
import { decodeSnapshotDelta, rememberWire, snapshotRef } from '../server/snapshot-wire';
import { hasTaskRunner, runTask } from '../server/tasks';
import { sourceCookie } from './api-source';
import { applyChangeManifests, diffKey, keepDiff, overlayDocument, overlaySource, type AppliedChange, type OverlayDiffOptions } from './overlay';
import { webScanConfig } from './scan';
import { indexLoadedStepwise } from './source';
import { addOverlay, getSource, type WebSource } from './store';
import { payloadTransfer, type UploadPayload } from './upload';
import { sourceFor } from './web';

export const changeParams = z.object({});
export const dropParams = z.object({ action: z.literal('drop') }).strict();
/** POST /api/upload?as=change applies the files on the current source instead of replacing it. */
export const uploadModeParams = z.object({ as: z.enum(['source', 'change']).default('source') });

/** The change's findings settings: the web app's scan config (as the Findings page) and today. */
export function changeOptions(now = new Date()): OverlayDiffOptions {
  const scan = webScanConfig();
  return { ...(scan.config ? { config: scan.config } : {}), fingerprint: scan.fingerprint, today: isoDay(now) };
}

/**
 * The uploaded manifests read and computed on `base` (applyChangeManifests): in a worker thread when
 * the server runs them (the payload's buffers handed over, the base sent as its wire: nothing is
 * copied or cloned here), the changed snapshot arriving in slices as a delta against the base (the
 * base's objects shared, as inline) and indexed here in steps, so that other requests are answered
 * meanwhile; else here.
 */
async function computeChange(base: WebSource, payload: UploadPayload, options: OverlayDiffOptions): Promise<AppliedChange> {
  if (!hasTaskRunner()) return applyChangeManifests(base, payload, options);
  const { delta, wire, ...applied } = await runTask('apply-change', { base: snapshotRef(base.snapshot), payload, options }, payloadTransfer(payload));
  const snapshot = await decodeSnapshotDelta(delta, base.snapshot);
  rememberWire(snapshot, wire);
  return indexLoadedStepwise({ ...applied, snapshot });
}

/**
 * Applies the uploaded manifests on the browser's source (on its base when a change is already
 * applied: the new change replaces it) and makes the result the browser's source (cookie). Any
 * error in the manifests: 422 naming them, and the browser keeps its source.
 */
export async function applyChange(payload: UploadPayload, req: Request): Promise<Response> {
  const current = await sourceFor(req);
  const base = current.overlay?.base ?? current;
  // the names before the buffers go to the worker (transferred, not copied)
  const names = payload.kind === 'files' ? payload.files.map((f) => f.name || 'upload') : undefined;
  const options = changeOptions();
  const applied = await computeChange(base, payload, options);
  const source = addOverlay((id) => overlaySource(id, base, applied, names ?? [applied.name], options, applied.loadMs));
  return Response.json({ source: source.summary, diagnostics: applied.diagnostics }, { status: 201, headers: { 'set-cookie': sourceCookie(source) } });
}

/** Drops the browser's change: back to the source it was applied on (or the configured one when that is gone). */
export async function dropChange(req: Request): Promise<Response> {
  const current = await sourceFor(req);
  const back: WebSource = current.overlay ? await getSource(current.overlay.base.id, { fallback: true }) : current;
  return Response.json({ source: back.summary }, { headers: { 'set-cookie': sourceCookie(back) } });
}

/**
 * Makes sure the change of a source with a change applied is computed under `options` (a new day or
 * an edited config asks for another one): in a worker thread when the server runs them, one
 * computation at a time per settings. Without workers, or when the worker fails, overlayDiff
 * computes it when asked (and reports its error).
 */
export async function prepareOverlayDiff(source: WebSource, options: OverlayDiffOptions): Promise<void> {
  const overlay = source.overlay;
  const key = diffKey(options);
  if (!overlay || overlay.diffs.has(key) || !hasTaskRunner()) return;
  const computing = (overlay.computing ??= new Map<string, Promise<DiffResult>>());
  let running = computing.get(key);
  if (!running) {
    running = runTask('change-diff', { before: snapshotRef(overlay.base.snapshot), after: snapshotRef(source.snapshot), options });
    computing.set(key, running);
    void running.then(
      (diff) => keepDiff(overlay, key, diff),
      () => undefined,
    ).finally(() => computing.delete(key));
  }
  await running.catch(() => undefined);
}

/** `rbac-atlas diff BASE --apply FILES -o json` of the browser's source; 404 when no change is applied. */
export async function changeResult(src: WebSource): Promise<DiffDocument> {
  const options = changeOptions();
  await prepareOverlayDiff(src, options);
  return overlayDocument(src, options);
}
