// Uploaded files -> snapshot, with the same parser as the file loader (Secret values are dropped
// while parsing). Pure apart from the clock: the route handler reads the request, this parses.
import { buildSnapshot, type RawInput } from '../engine/normalize';
import { buildIndex, type AtlasIndex } from '../engine/query-index';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { z } from 'zod';
import { parseText } from '../load/parse-text';

export const MAX_UPLOAD_FILES = 20;
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export interface UploadFile {
  name: string;
  text: string;
}

export interface ParsedUpload {
  snapshot: Snapshot;
  index: AtlasIndex;
  loadMs: number;
}

/** Display name of an upload: the file names, shortened. */
export function uploadName(files: readonly { name: string }[]): string {
  const names = files.map((f) => f.name);
  const shown = names.slice(0, 3).join(', ');
  return `upload: ${names.length > 3 ? `${shown} (+${names.length - 3} more)` : shown}`;
}

/** Checks the caps; throws AtlasError('usage') with an HTTP status in details. */
export function checkUploadCaps(files: readonly { name: string; size: number }[]): void {
  if (files.length === 0) throw new AtlasError('usage', 'no file in the upload', { httpStatus: 400 });
  if (files.length > MAX_UPLOAD_FILES) {
    throw new AtlasError('usage', `too many files: ${files.length} (at most ${MAX_UPLOAD_FILES})`, { httpStatus: 413 });
  }
  const total = files.reduce((a, f) => a + f.size, 0);
  if (total > MAX_UPLOAD_BYTES) {
    throw new AtlasError('usage', `upload too large: ${total} bytes (at most ${MAX_UPLOAD_BYTES})`, { httpStatus: 413 });
  }
}

export function parseUpload(files: readonly UploadFile[]): ParsedUpload {
  checkUploadCaps(files.map((f) => ({ name: f.name, size: f.text.length })));
  const started = performance.now();
  const inputs: RawInput[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const parsed = parseText(f.text, f.name);
    for (const i of parsed.inputs) inputs.push(i);
    for (const d of parsed.diagnostics) diagnostics.push(d);
  }
  const snapshot = buildSnapshot(inputs, { source: uploadName(files), loadedAt: new Date().toISOString(), diagnostics });
  const objects = snapshot.roles.length + snapshot.clusterRoles.length + snapshot.roleBindings.length + snapshot.clusterRoleBindings.length;
  if (objects === 0 && snapshot.serviceAccounts.length === 0 && snapshot.pods.length === 0) {
    throw new AtlasError('bad-input', 'no Kubernetes RBAC object found in the upload', { diagnostics: snapshot.diagnostics, httpStatus: 422 });
  }
  return { snapshot, index: buildIndex(snapshot), loadMs: performance.now() - started };
}

const jsonUpload = z.object({
  files: z.array(z.object({ name: z.string().min(1).max(255), text: z.string() })).min(1).max(MAX_UPLOAD_FILES),
});

/**
 * Reads the files of an upload request: multipart/form-data (any file fields) or JSON
 * `{"files": [{"name", "text"}]}`. Sizes are checked before parsing.
 */
export async function readUploadRequest(req: Request): Promise<UploadFile[]> {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > MAX_UPLOAD_BYTES + 1024 * 1024) {
    throw new AtlasError('usage', `upload too large: ${length} bytes (at most ${MAX_UPLOAD_BYTES})`, { httpStatus: 413 });
  }
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return jsonUpload.parse(await req.json()).files;
  if (!type.includes('multipart/form-data')) {
    throw new AtlasError('usage', 'send multipart/form-data with files, or JSON {"files":[{"name","text"}]}', { httpStatus: 415 });
  }
  const form = await req.formData();
  const blobs = [...form.values()].filter((v): v is File => typeof v !== 'string');
  checkUploadCaps(blobs.map((b) => ({ name: b.name, size: b.size })));
  return Promise.all(blobs.map(async (b) => ({ name: b.name || 'upload', text: await b.text() })));
}
