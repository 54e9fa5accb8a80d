// Content-coding negotiation (RFC 9110 §12.5.3) and the kept compressed bodies.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseCoding, compressBody, compressible } from './compress';

describe('chooseCoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'], // what browsers send: br first at equal weight
    ['gzip, deflate, br, zstd', 'br'], // curl --compressed
    ['deflate, gzip', 'gzip'],
    ['deflate', undefined], // a coding we do not make
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['BR ; Q=0.9 , GZIP;q=0.9', 'br'],
    ['gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0', undefined],
    ['gzip;q=0, *', 'br'],
    ['br;q=0, *;q=0.5', 'gzip'],
    ['gzip;q=2', undefined], // an invalid weight is a refusal, not a preference
    ['gzip;q=abc', undefined],
    [' , ,gzip', 'gzip'],
  ])('%j -> %j', (header, want) => {
    expect(chooseCoding(header)).toBe(want);
  });
});

describe('compressible', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    [200, { 'content-type': 'application/json' }, true],
    [200, { 'content-type': 'application/json; charset=utf-8' }, true],
    [400, { 'content-type': 'application/json' }, true],
    [200, { 'content-type': 'text/csv' }, true],
    [200, { 'content-type': 'application/sarif+json' }, true],
    [200, { 'content-type': 'application/octet-stream' }, false],
    [200, {}, false],
    [204, { 'content-type': 'application/json' }, false],
    [304, { 'content-type': 'application/json' }, false],
    [200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, false],
    [200, { 'content-type': 'application/json', 'set-cookie': 'a=1' }, false],
  ])('%i %j -> %s', (status, headers, want) => {
    expect(compressible(status, h(headers))).toBe(want);
  });
});

describe('compressBody', () => {
  const body = new TextEncoder().encode(JSON.stringify({ rows: Array.from({ length: 5000 }, (_, i) => ({ i, name: `row-${i % 50}` })) }));

  it('round-trips in both codings, much smaller', async () => {
    const br = await compressBody(body, 'br');
    const gz = await compressBody(body, 'gzip');
    expect(Buffer.compare(brotliDecompressSync(br), Buffer.from(body))).toBe(0);
    expect(Buffer.compare(gunzipSync(gz), Buffer.from(body))).toBe(0);
    expect(br.byteLength * 5).toBeLessThan(body.byteLength);
    expect(gz.byteLength * 5).toBeLessThan(body.byteLength);
  });

  it('compresses the same body object once per coding', async () => {
    const a = compressBody(body, 'br');
    const b = compressBody(body, 'br');
    expect(b).toBe(a);
    expect(await b).toBe(await a);
    // an equal body in another object is another entry
    expect(compressBody(body.slice(), 'br')).not.toBe(a);
  });
});
