// Request bodies read with caps that hold while reading, whatever Content-Length said (a chunked body
// has none; a lying one is cut off), so a client cannot make the server buffer more: a byte cap, and
// for multipart bodies (parsed as they stream, by busboy) caps on parts, files and the files' bytes,
// each refused at the part that passes it, before the rest of the body is read. The gate
// (lib/server/gate.ts) enforces the same byte caps even earlier; these are what a route checks on its own.
import busboy from 'busboy';
import { AtlasError } from '../errors';

export class BodyTooLarge extends AtlasError {
  constructor(readonly max: number) {
    super('usage', `request body too large (more than ${max} bytes)`, { httpStatus: 413 });
  }
}

export class TooManyParts extends AtlasError {
  constructor(readonly max: number) {
    super('usage', `too many parts in the multipart body (more than ${max})`, { httpStatus: 413 });
  }
}

export class TooManyFiles extends AtlasError {
  constructor(readonly max: number) {
    super('usage', `too many files in the multipart body (more than ${max})`, { httpStatus: 413 });
  }
}

export class FilesTooLarge extends AtlasError {
  constructor(readonly max: number) {
    super('usage', `the files of the multipart body are too large (more than ${max} bytes)`, { httpStatus: 413 });
  }
}

export class MalformedMultipart extends AtlasError {
  constructor() {
    super('usage', 'the multipart/form-data body is malformed', { httpStatus: 400 });
  }
}

/** Concatenates chunks into one Uint8Array that owns its ArrayBuffer (so that it can be transferred to a worker). */
function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Reads a body chunk by chunk; `onChunk` may throw to refuse it (the rest of the body is then not read). */
async function readChunks(req: Request, max: number, onChunk: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw new BodyTooLarge(max);
  if (!req.body) return;
  const reader = req.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > max) throw new BodyTooLarge(max);
      await onChunk(value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}

/**
 * The whole body as bytes (an ArrayBuffer of its own). BodyTooLarge (413) as soon as it passes
 * `max` bytes (at once when Content-Length says so).
 */
export async function readBodyCapped(req: Request, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  await readChunks(req, max, (chunk) => {
    chunks.push(chunk);
    size += chunk.byteLength;
  });
  return concat(chunks, size);
}

export interface MultipartCaps {
  /** bytes of the whole body */
  maxBody: number;
  /** parts of any kind (files and fields) */
  maxParts: number;
  /** file parts */
  maxFiles: number;
  /** bytes of all the files together */
  maxFileBytes: number;
}

export interface MultipartFile {
  /** the part's filename (may be empty) */
  name: string;
  /** the file's bytes, in an ArrayBuffer of its own */
  bytes: Uint8Array;
}

/**
 * The files of a multipart/form-data body, parsed as the bytes arrive (busboy); form fields that are
 * not files are read and dropped. Refused with a 413 at the part that passes a cap (TooManyParts,
 * TooManyFiles, FilesTooLarge, BodyTooLarge), before the rest of the body is read; a body busboy
 * cannot parse is MalformedMultipart (400).
 */
export async function readMultipartFiles(req: Request, caps: MultipartCaps): Promise<MultipartFile[]> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
      defParamCharset: 'utf8', // browsers send UTF-8 file names
      limits: { parts: caps.maxParts, files: caps.maxFiles, fields: caps.maxParts, fileSize: caps.maxFileBytes + 1, fieldSize: 64 * 1024, headerPairs: 16 },
    });
  } catch {
    throw new MalformedMultipart();
  }
  const files: MultipartFile[] = [];
  let fileBytes = 0;
  let refusal: AtlasError | undefined;
  const refuse = (e: AtlasError) => {
    refusal ??= e;
  };
  // done when busboy closed and every file stream it opened has ended
  let open = 1;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const settle = () => {
    if (--open === 0) done();
  };
  parser.on('close', settle);
  parser.on('error', () => {
    refuse(new MalformedMultipart());
    done();
  });
  parser.on('partsLimit', () => refuse(new TooManyParts(caps.maxParts)));
  parser.on('filesLimit', () => refuse(new TooManyFiles(caps.maxFiles)));
  parser.on('fieldsLimit', () => refuse(new TooManyParts(caps.maxParts)));
  parser.on('field', () => undefined);
  parser.on('file', (_field: string, stream: NodeJS.ReadableStream, info: busboy.FileInfo) => {
    const chunks: Buffer[] = [];
    let size = 0;
    open++;
    stream.on('data', (chunk: Buffer) => {
      if (refusal) return;
      fileBytes += chunk.byteLength;
      size += chunk.byteLength;
      if (fileBytes > caps.maxFileBytes) return refuse(new FilesTooLarge(caps.maxFileBytes));
      chunks.push(chunk);
    });
    stream.on('limit', () => refuse(new FilesTooLarge(caps.maxFileBytes)));
    stream.on('end', () => {
      if (!refusal) files.push({ name: info.filename ?? '', bytes: concat(chunks, size) });
      settle();
    });
  });
  // busboy parses synchronously in write(): a refusal is known right after the chunk that caused it
  await readChunks(req, caps.maxBody, async (chunk) => {
    if (!parser.write(chunk)) await Promise.race([new Promise((resolve) => parser.once('drain', resolve)), finished]);
    if (refusal) throw refusal;
  }).catch((e: unknown) => {
    parser.destroy();
    throw e;
  });
  parser.end();
  await finished;
  if (refusal) throw refusal;
  return files;
}
