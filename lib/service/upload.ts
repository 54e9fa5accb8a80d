// Uploaded files -> snapshot, with the same parser as the file loader (Secret values are dropped
// while parsing). Pure apart from the clock: the route handler reads the request, this parses.
import { buildSnapshot, type RawInput } from '../engine/normalize';
import { buildIndex, type AtlasIndex } from '../engine/query-index';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { z } from 'zod';
import { parseText } from '../load/parse-text';
import { BodyTooLarge, readBodyCapped, TooManyParts } from '../server/body';
import { uploadLimits, uploadTooLargeMessage, type UploadLimits } from '../server/limits';

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

function tooLarge(what: string, limits: UploadLimits): AtlasError {
  return new AtlasError('usage', uploadTooLargeMessage(what, limits), { httpStatus: 413 });
}

function tooManyFiles(what: string, limits: UploadLimits): AtlasError {
  return new AtlasError('usage', `too many files: ${what} (at most ${limits.maxFiles}; the server's RBAC_ATLAS_MAX_UPLOAD_FILES)`, { httpStatus: 413 });
}

/** Checks the caps (count, total size in bytes); throws AtlasError('usage') with an HTTP status in details. */
export function checkUploadCaps(files: readonly { name: string; size: number }[], limits: UploadLimits = uploadLimits()): void {
  if (files.length === 0) throw new AtlasError('usage', 'no file in the upload', { httpStatus: 400 });
  if (files.length > limits.maxFiles) {
    throw tooManyFiles(String(files.length), limits);
  }
  const total = files.reduce((a, f) => a + f.size, 0);
  if (total > limits.maxBytes) throw tooLarge(`${total} bytes`, limits);
}

export function parseUpload(files: readonly UploadFile[]): ParsedUpload {
  checkUploadCaps(files.map((f) => ({ name: f.name, size: Buffer.byteLength(f.text, 'utf8') })));
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

export const jsonUpload = z
  .object({
    files: z
      .array(z.object({ name: z.string().min(1).max(255), text: z.string() }).strict())
      .min(1, 'no file in the upload'),
  })
  .strict();

/**
 * Reads the files of an upload request: multipart/form-data (any file fields) or JSON
 * `{"files": [{"name", "text"}]}` (no other keys). The caps (lib/server/limits.ts) are checked on
 * the Content-Length first, then while reading the body (bytes, and multipart parts), then on the
 * files, all before parsing.
 */
export async function readUploadRequest(req: Request, limits: UploadLimits = uploadLimits()): Promise<UploadFile[]> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  const isJson = type.startsWith('application/json');
  if (!isJson && !type.startsWith('multipart/form-data')) {
    throw new AtlasError('usage', 'send multipart/form-data with files, or JSON {"files":[{"name","text"}]} (content-type: application/json)', { httpStatus: 415 });
  }
  let body: Uint8Array;
  try {
    body = await readBodyCapped(req, { max: limits.maxBodyBytes, maxParts: limits.maxParts });
  } catch (e) {
    if (e instanceof BodyTooLarge) throw tooLarge(`the request body is over ${e.max} bytes`, limits);
    if (e instanceof TooManyParts) throw tooManyFiles(`more than ${e.max} parts in the form`, limits);
    throw e;
  }
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new AtlasError('usage', 'the request body is not JSON', { httpStatus: 400 });
    }
    const { files } = jsonUpload.parse(parsed);
    checkUploadCaps(files.map((f) => ({ name: f.name, size: Buffer.byteLength(f.text, 'utf8') })), limits);
    return files;
  }
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'content-type': req.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw new AtlasError('usage', 'the multipart/form-data body is malformed', { httpStatus: 400 });
  }
  const blobs = [...form.values()].filter((v): v is File => typeof v !== 'string');
  checkUploadCaps(blobs.map((b) => ({ name: b.name, size: b.size })), limits);
  return Promise.all(blobs.map(async (b) => ({ name: (b.name || 'upload').slice(0, 255), text: await b.text() })));
}
