import { describe, expect, it } from 'vitest';
import { AtlasError } from '../errors';
import { readBodyCapped, readMultipartFiles, type MultipartCaps } from './body';

const caps: MultipartCaps = { maxBody: 10_000_000, maxParts: 108, maxFiles: 100, maxFileBytes: 1000 };
const BOUNDARY = 'b0undary';

function part(field: string, filename: string | undefined, content: string): string {
  const disposition = `form-data; name="${field}"${filename === undefined ? '' : `; filename="${filename}"`}`;
  return `--${BOUNDARY}\r\ncontent-disposition: ${disposition}\r\n\r\n${content}\r\n`;
}

/** A request whose body is `text` sent in `chunk`-byte pieces; `read()` says how many bytes the server pulled. */
function streamed(text: string, chunk = 64 * 1024) {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
  const req = new Request('http://127.0.0.1/api/upload', {
    method: 'POST',
    body,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    duplex: 'half',
  } as RequestInit);
  return { req, total: bytes.length, read: () => Math.min(at, bytes.length) };
}

async function refusal(p: Promise<unknown>): Promise<AtlasError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AtlasError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('readMultipartFiles', () => {
  it('returns the files (UTF-8 names, contents as bytes) and drops plain fields', async () => {
    const { req } = streamed(`${part('note', undefined, 'hello')}${part('f', 'a.yaml', 'kind: Role')}${part('f', 'ünï.yaml', '')}--${BOUNDARY}--\r\n`, 5);
    const files = await readMultipartFiles(req, caps);
    expect(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([['a.yaml', 'kind: Role'], ['ünï.yaml', '']]);
    expect(files[0]!.bytes.buffer.byteLength).toBe(files[0]!.bytes.byteLength); // its own buffer: transferable
  });

  it('refuses 200,000 empty parts while reading: after the first chunks, not the whole body', async () => {
    const body = `${part('f', 'x', '').repeat(1)}${Array.from({ length: 200_000 }, (_, i) => part(`p${i}`, undefined, '')).join('')}--${BOUNDARY}--\r\n`;
    const { req, total, read } = streamed(body);
    const started = performance.now();
    const e = await refusal(readMultipartFiles(req, caps));
    expect(e.message).toMatch(/too many parts in the multipart body \(more than 108\)/);
    expect(e.details?.httpStatus).toBe(413);
    expect(read()).toBeLessThan(total / 50); // stopped reading at the 109th part
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    { name: 'more files than the cap', body: () => Array.from({ length: 101 }, (_, i) => part('f', `${i}.yaml`, 'a')).join(''), error: /too many files in the multipart body \(more than 100\)/ },
    { name: 'one file over the byte cap', body: () => part('f', 'big.yaml', 'a'.repeat(1001)), error: /too large \(more than 1000 bytes\)/ },
    { name: 'files over the byte cap together', body: () => part('f', 'a.yaml', 'a'.repeat(600)) + part('f', 'b.yaml', 'b'.repeat(600)), error: /too large \(more than 1000 bytes\)/ },
    { name: 'a body over the byte cap', body: () => part('note', undefined, 'n'.repeat(60_000)).repeat(200), error: /request body too large \(more than 10000000 bytes\)/ },
    { name: 'garbage after a delimiter', body: () => `--${BOUNDARY}\r\nno header end`, error: /malformed/ },
  ])('$name: refused', async ({ body, error }) => {
    const { req } = streamed(`${body()}--${BOUNDARY}--\r\n`);
    expect((await refusal(readMultipartFiles(req, { ...caps, maxParts: 1_000 }))).message).toMatch(error);
  });

  it('a content type without a boundary is malformed', async () => {
    const req = new Request('http://127.0.0.1/api/upload', { method: 'POST', body: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect((await refusal(readMultipartFiles(req, caps))).details?.httpStatus).toBe(400);
  });
});

describe('readBodyCapped', () => {
  it.each([
    { name: 'under the cap', size: 10, max: 10, ok: true },
    { name: 'one byte over', size: 11, max: 10, ok: false },
  ])('$name', async ({ size, max, ok }) => {
    const req = new Request('http://127.0.0.1/api/x', { method: 'POST', body: 'a'.repeat(size) });
    const got = readBodyCapped(req, max);
    if (ok) expect((await got).byteLength).toBe(size);
    else expect((await refusal(got)).details?.httpStatus).toBe(413);
  });
});
