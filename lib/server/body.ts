// Request bodies read with caps that hold while reading, whatever Content-Length said (a chunked body
// has none; a lying one is cut off), so a client cannot make the server buffer more: a byte cap,
// and for multipart bodies a cap on the number of parts (counted from the boundary as the bytes
// arrive, before any parser builds a part). The gate (lib/server/gate.ts) enforces the same byte
// caps even earlier; these are what a route (or a streaming parser later) checks on its own.
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

/** The boundary of a multipart/form-data content type, or undefined. */
export function multipartBoundary(contentType: string | null): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

/**
 * Counts the parts of a multipart body fed in chunks: every delimiter line ("--" + boundary after a
 * line break, or at the very start) opens a part, except the closing one. Chunk borders may split a
 * delimiter: the last bytes of each chunk are kept to search across them.
 */
export function multipartPartCounter(boundary: string): (chunk: Uint8Array) => number {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let tail: Buffer = Buffer.from('\r\n'); // the body's start counts as a line break
  let delimiters = 0;
  return (chunk) => {
    const data = Buffer.concat([tail, Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)]);
    let from = 0;
    for (let at = data.indexOf(delimiter, from); at !== -1; at = data.indexOf(delimiter, from)) {
      delimiters++;
      from = at + delimiter.length;
    }
    // keep what could be the start of a delimiter that the next chunk completes
    tail = data.subarray(Math.max(from, data.length - (delimiter.length - 1)));
    return Math.max(0, delimiters - 1); // the last delimiter closes the body
  };
}

export interface BodyCaps {
  /** bytes */
  max: number;
  /** multipart bodies: the most parts; counted while reading */
  maxParts?: number;
}

/**
 * The whole body as bytes. BodyTooLarge (413) as soon as it passes `max` bytes (at once when
 * Content-Length says so); TooManyParts (413) as soon as a multipart body opens more than
 * `maxParts` parts.
 */
export async function readBodyCapped(req: Request, caps: number | BodyCaps): Promise<Uint8Array> {
  const { max, maxParts } = typeof caps === 'number' ? { max: caps, maxParts: undefined } : caps;
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw new BodyTooLarge(max);
  if (!req.body) return new Uint8Array(0);
  const boundary = maxParts === undefined ? undefined : multipartBoundary(req.headers.get('content-type'));
  const countParts = boundary === undefined ? undefined : multipartPartCounter(boundary);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    let refusal: AtlasError | undefined;
    if (size > max) refusal = new BodyTooLarge(max);
    else if (countParts && maxParts !== undefined && countParts(value) > maxParts) refusal = new TooManyParts(maxParts);
    if (refusal) {
      await reader.cancel().catch(() => undefined);
      throw refusal;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
