// Compressed API answers. A findings document at 1,000 namespaces is ~39 MB of JSON and an -A answer
// 1-16 MB; both compress 20-30x. Browsers and `curl --compressed` ask for it (Accept-Encoding), so the
// gate sends such answers as Brotli (or gzip), compressed in libuv's thread pool, never on the request
// thread. A kept answer (the answer cache hands out the same bytes every time) is compressed once per
// coding and the result is kept for as long as those bytes are (a WeakMap keyed by them).
//
// What is never compressed: bodies under MIN_BYTES (the headers cost more than the saving), streamed
// bodies (exports and progress streams are written as they come), answers that set a cookie or carry
// an encoding already, HEAD answers, and anything but JSON and text. API answers hold cluster metadata
// the asker may read anyway and no secret (no token or cookie value is ever in an /api body), so
// compression leaks nothing a BREACH-style guess could recover.
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

export type Coding = 'br' | 'gzip';

/** Bodies shorter than this go as they are. */
export const MIN_BYTES = 2048;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The coding to answer with for an Accept-Encoding header (RFC 9110 §12.5.3): `br` before `gzip` at
 * equal weight, a coding with q=0 refused, `*` standing for codings not named. undefined: identity.
 */
export function chooseCoding(header: string | undefined): Coding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.split(';');
    const name = token.trim().toLowerCase();
    if (name === '') continue;
    let q = 1;
    for (const p of params) {
      const [k = '', v = ''] = p.split('=');
      if (k.trim().toLowerCase() !== 'q') continue;
      const n = Number(v.trim());
      q = Number.isFinite(n) && n >= 0 && n <= 1 ? n : 0;
    }
    // x-gzip is gzip (RFC 9110 §8.4.1.3)
    weights.set(name === 'x-gzip' ? 'gzip' : name, Math.max(q, weights.get(name) ?? 0));
  }
  const star = weights.get('*');
  const weight = (c: Coding) => weights.get(c) ?? star ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

/** Is a response with these headers one the gate may compress? */
export function compressible(status: number, headers: Headers): boolean {
  if (status < 200 || status === 204 || status === 206 || status === 304) return false;
  if (headers.has('content-encoding') || headers.has('set-cookie')) return false;
  const type = (headers.get('content-type') ?? '').toLowerCase();
  return type.startsWith('application/json') || type.startsWith('application/sarif+json') || type.startsWith('text/');
}

const kept = new WeakMap<Uint8Array, Partial<Record<Coding, Promise<Buffer>>>>();

/** The body in `coding`: compressed off the request thread, once per body object and coding. */
export function compressBody(body: Uint8Array, coding: Coding): Promise<Buffer> {
  let byCoding = kept.get(body);
  if (!byCoding) kept.set(body, (byCoding = {}));
  const known = byCoding[coding];
  if (known) return known;
  const done =
    coding === 'br'
      ? brotli(body, {
          params: {
            // quality 1 compresses a 39 MB findings document 20x in ~50 ms; higher ones cost 3-10x that
            [constants.BROTLI_PARAM_QUALITY]: 1,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        })
      : gzipAsync(body, { level: 1 });
  byCoding[coding] = done;
  // a failure is not kept: the next request tries again
  done.catch(() => {
    if (byCoding[coding] === done) delete byCoding[coding];
  });
  return done;
}
