import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines, type Line } from './lines';

async function all(chunks: (string | Buffer)[], max: number): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of readLines(Readable.from(chunks), max)) out.push(l);
  return out;
}

describe('readLines', () => {
  it.each([
    { name: 'lines across chunks', chunks: ['a\nb', 'c\n', 'd'], want: [{ line: 'a' }, { line: 'bc' }, { line: 'd' }] },
    { name: 'CRLF', chunks: ['a\r\nb\r\n'], want: [{ line: 'a' }, { line: 'b' }] },
    { name: 'empty lines kept', chunks: ['\n\nx\n'], want: [{ line: '' }, { line: '' }, { line: 'x' }] },
    { name: 'a multi-byte character split across chunks', chunks: [Buffer.from([0xc3]), Buffer.from([0xbc, 0x0a])], want: [{ line: 'ü' }] },
    { name: 'a line over the cap in one chunk', chunks: ['ok\n0123456789\nnext\n'], want: [{ line: 'ok' }, { tooLong: true }, { line: 'next' }] },
    { name: 'a line over the cap across chunks', chunks: ['01234', '56789', 'ab\nnext'], want: [{ tooLong: true }, { line: 'next' }] },
    { name: 'an endless last line', chunks: ['ok\n', '0123456789', '0123456789'], want: [{ line: 'ok' }, { tooLong: true }] },
    { name: 'exactly the cap', chunks: ['01234567\n'], want: [{ line: '01234567' }] },
  ])('$name', async ({ chunks, want }) => {
    expect(await all(chunks, 8)).toEqual(want);
  });

  it('an endless line never holds more than the cap', async () => {
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += 65536;
        this.push(sent > 64 * 1024 * 1024 ? null : Buffer.alloc(65536, 0x61));
      },
    });
    const before = process.memoryUsage().heapUsed;
    const got: Line[] = [];
    for await (const l of readLines(endless, 1024)) got.push(l);
    expect(got).toEqual([{ tooLong: true }]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
  });
});
