// Reads one input (a file or a stream) into text, refusing anything over the size limit before it
// is read into memory: a regular file by its size, a stream (stdin, a pipe, a device such as
// /dev/zero) as soon as it passes the limit (the stream is destroyed, not drained). A stream whose
// first bytes hold a NUL is binary: reading stops there (parseText reports it).
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { AtlasError } from '../errors';
import { unreadable } from './walk';

export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true; size?: number };

export async function readFileLimited(p: string, maxBytes: number): Promise<ReadResult> {
  const handle = await open(p, 'r').catch((e: unknown) => {
    throw unreadable(p, e);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      // a pipe such as <(kubectl get ...): its size is only known once read
      return await readStreamLimited(handle.createReadStream({ autoClose: false }), maxBytes);
    }
    if (info.size > maxBytes) return { ok: false, tooLarge: true, size: info.size };
    const bytes = await handle.readFile();
    return bytes.length > maxBytes ? { ok: false, tooLarge: true, size: bytes.length } : { ok: true, bytes };
  } catch (e) {
    throw unreadable(p, e);
  } finally {
    await handle.close();
  }
}

/** How far into a stream a NUL byte marks it as binary (parseText's sample is as long). */
const BINARY_SNIFF_BYTES = 8192;

/**
 * Reads a stream to its end, or stops: past maxBytes (tooLarge, without a size: the rest is not
 * read), or at a NUL in the first bytes (a binary stream: what was read so far, for parseText).
 */
export async function readStreamLimited(stream: NodeJS.ReadableStream, maxBytes: number): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stop = () => (stream as { destroy?: () => void }).destroy?.();
  for await (const chunk of stream) {
    const buf = toBuffer(chunk);
    if (size < BINARY_SNIFF_BYTES && buf.subarray(0, BINARY_SNIFF_BYTES - size).includes(0)) {
      chunks.push(buf.subarray(0, BINARY_SNIFF_BYTES - size));
      stop();
      return { ok: true, bytes: Buffer.concat(chunks) };
    }
    size += buf.length;
    if (size > maxBytes) {
      stop();
      return { ok: false, tooLarge: true };
    }
    chunks.push(buf);
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

function toBuffer(chunk: unknown): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  throw new AtlasError('bad-input', 'input stream does not deliver bytes or text');
}

export interface Decoded {
  text: string;
  /** the bytes were not valid UTF-8 (undecodable bytes became U+FFFD) */
  invalidUtf8: boolean;
}

/** UTF-8 (the BOM is kept for parseText to strip), or UTF-16 when it starts with a UTF-16 BOM. */
export function decodeText(bytes: Buffer): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString('utf16le', 2), invalidUtf8: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return { text: swapped.swap16().toString('utf16le'), invalidUtf8: false };
  }
  return { text: bytes.toString('utf8'), invalidUtf8: !isUtf8(bytes) };
}
