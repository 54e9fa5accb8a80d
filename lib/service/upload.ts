// Uploaded files -> snapshot, with the same parser as the file loader (Secret values are dropped
// while parsing). The route handler reads the request (readUploadRequest: bytes only, caps enforced
// while reading); parseUploadPayload decodes and parses them, in a worker thread when the server runs
// one (lib/server/worker.ts), so that a large upload does not stall other requests.
import { buildSnapshot, type RawInput } from '../engine/normalize';
import { buildIndex, type AtlasIndex } from '../engine/query-index';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { z } from 'zod';
import { parseText } from '../load/parse-text';
import { BodyTooLarge, FilesTooLarge, readBodyCapped, readMultipartFiles, TooManyFiles, TooManyParts } from '../server/body';
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

/** What the route hands to the parser (possibly in a worker thread): the bytes as they were read. */
export type UploadPayload =
  | { kind: 'json'; body: Uint8Array }
  | { kind: 'files'; files: { name: string; bytes: Uint8Array }[] };

/** The parsed snapshot, before indexing (what a worker sends back). */
export interface ParsedSnapshot {
  snapshot: Snapshot;
  loadMs: number;
}

/** The buffers of a payload, to transfer (not copy) to a worker. */
export function payloadTransfer(payload: UploadPayload): ArrayBuffer[] {
  const views = payload.kind === 'json' ? [payload.body] : payload.files.map((f) => f.bytes);
  return views.map((v) => v.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

export function parseUploadSnapshot(files: readonly UploadFile[]): ParsedSnapshot {
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
  return { snapshot, loadMs: performance.now() - started };
}

export function parseUpload(files: readonly UploadFile[]): ParsedUpload {
  const { snapshot, loadMs } = parseUploadSnapshot(files);
  const started = performance.now();
  return { snapshot, index: buildIndex(snapshot), loadMs: loadMs + performance.now() - started };
}

/**
 * The files of an upload payload, decoded (UTF-8, as a browser's File.text()) and checked: a JSON
 * body's shape, the caps on the files.
 */
export function uploadFiles(payload: UploadPayload, limits: UploadLimits = uploadLimits()): UploadFile[] {
  const decoder = new TextDecoder();
  if (payload.kind === 'files') {
    checkUploadCaps(payload.files.map((f) => ({ name: f.name, size: f.bytes.byteLength })), limits);
    return payload.files.map((f) => ({ name: (f.name || 'upload').slice(0, 255), text: decoder.decode(f.bytes) }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(payload.body));
  } catch {
    throw new AtlasError('usage', 'the request body is not JSON', { httpStatus: 400 });
  }
  const { files } = jsonUpload.parse(parsed);
  checkUploadCaps(files.map((f) => ({ name: f.name, size: Buffer.byteLength(f.text, 'utf8') })), limits);
  return files;
}

/** The whole parse of an upload payload, from bytes to snapshot: what the upload worker runs (lib/server/worker.ts), or the route itself without one. */
export function parseUploadPayload(payload: UploadPayload, limits: UploadLimits = uploadLimits()): ParsedSnapshot {
  return parseUploadSnapshot(uploadFiles(payload, limits));
}

export const jsonUpload = z
  .object({
    files: z
      .array(z.object({ name: z.string().min(1).max(255), text: z.string() }).strict())
      .min(1, 'no file in the upload'),
  })
  .strict();

/**
 * Reads an upload request: multipart/form-data (any file fields) or JSON `{"files": [{"name",
 * "text"}]}` (no other keys). The caps (lib/server/limits.ts) are checked on the Content-Length
 * first, then while reading the body (bytes; for multipart, parts, files and their bytes, as busboy
 * parses the stream). Nothing is decoded or parsed here: see parseUploadPayload.
 */
export async function readUploadRequest(req: Request, limits: UploadLimits = uploadLimits()): Promise<UploadPayload> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  const isJson = type.startsWith('application/json');
  if (!isJson && !type.startsWith('multipart/form-data')) {
    throw new AtlasError('usage', 'send multipart/form-data with files, or JSON {"files":[{"name","text"}]} (content-type: application/json)', { httpStatus: 415 });
  }
  try {
    if (isJson) return { kind: 'json', body: await readBodyCapped(req, limits.maxBodyBytes) };
    const files = await readMultipartFiles(req, { maxBody: limits.maxBodyBytes, maxParts: limits.maxParts, maxFiles: limits.maxFiles, maxFileBytes: limits.maxBytes });
    checkUploadCaps(files.map((f) => ({ name: f.name, size: f.bytes.byteLength })), limits);
    return { kind: 'files', files };
  } catch (e) {
    if (e instanceof BodyTooLarge) throw tooLarge(`the request body is over ${e.max} bytes`, limits);
    if (e instanceof FilesTooLarge) throw tooLarge(`the files are over ${e.max} bytes`, limits);
    if (e instanceof TooManyParts) throw tooManyFiles(`more than ${e.max} parts in the form`, limits);
    if (e instanceof TooManyFiles) throw tooManyFiles(`more than ${e.max} files in the form`, limits);
    throw e;
  }
}
