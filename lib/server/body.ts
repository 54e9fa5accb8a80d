// Request bodies read with a byte cap: the cap holds while reading, whatever Content-Length said
// (a chunked body has none; a lying one is cut off), so a client cannot make the server buffer more.
import { AtlasError } from '../errors';

export class BodyTooLarge extends AtlasError {
  constructor(readonly max: number) {
    super('usage', `request body too large (more than ${max} bytes)`, { httpStatus: 413 });
  }
}

/** The whole body as bytes, or BodyTooLarge (413) as soon as it passes `max` bytes, early when Content-Length says so. */
export async function readBodyCapped(req: Request, max: number): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > max) throw new BodyTooLarge(max);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(max);
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
