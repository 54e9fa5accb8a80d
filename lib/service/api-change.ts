// Route-handler functions of "try a change": apply uploaded manifests as an overlay on the browser's
// source (POST /api/upload?as=change: the upload route, its reader, limits and parser), drop it
// (POST /api/change {"action":"drop"}), and the change as `rbac-atlas diff -o json` prints it
// (GET /api/change). They touch the server-side store, hence server-only.
import 'server-only';
import { z } from 'zod';
import { isoDay } from '../engine/findings/scan';
import type { DiffDocument } from '../format/diff-json';
import { sourceCookie } from './api-source';
import { applyOverlay, overlayDocument, type OverlayDiffOptions } from './overlay';
import { webScanConfig } from './scan';
import { diagnosticItems } from './source-view';
import { addOverlay, getSource, type WebSource } from './store';
import { buildIndex } from '../engine/query-index';
import { runTask } from '../server/tasks';
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
 * Applies the uploaded manifests on the browser's source (on its base when a change is already
 * applied: the new change replaces it) and makes the result the browser's source (cookie). Any
 * error in the manifests: 422 naming them, and the browser keeps its source.
 */
export async function applyChange(payload: UploadPayload, req: Request): Promise<Response> {
  const current = await sourceFor(req);
  const base = current.overlay?.base ?? current;
  // the names before the buffers go to the upload worker (transferred, not copied)
  const names = payload.kind === 'files' ? payload.files.map((f) => f.name || 'upload') : undefined;
  const { snapshot, loadMs } = await runTask('parse-upload', payload, payloadTransfer(payload));
  const started = performance.now();
  const parsed = { snapshot, index: buildIndex(snapshot), loadMs: loadMs + performance.now() - started };
  const files = names ?? [snapshot.meta.source.replace(/^upload: /, '')];
  const options = changeOptions();
  const source = addOverlay((id) => applyOverlay(id, base, parsed, files, options));
  const body = { source: source.summary, diagnostics: diagnosticItems(parsed.snapshot, 500).filter((d) => d.code !== 'missing-role' && d.code !== 'aggregation-mismatch') };
  return Response.json(body, { status: 201, headers: { 'set-cookie': sourceCookie(source) } });
}

/** Drops the browser's change: back to the source it was applied on (or the configured one when that is gone). */
export async function dropChange(req: Request): Promise<Response> {
  const current = await sourceFor(req);
  const back: WebSource = current.overlay ? await getSource(current.overlay.base.id, { fallback: true }) : current;
  return Response.json({ source: back.summary }, { headers: { 'set-cookie': sourceCookie(back) } });
}

/** `rbac-atlas diff BASE --apply FILES -o json` of the browser's source; 404 when no change is applied. */
export function changeResult(src: WebSource): DiffDocument {
  return overlayDocument(src, changeOptions());
}
