import { describe, expect, it } from 'vitest';
import { multipartBoundary, multipartPartCounter } from './body';

describe('multipartBoundary', () => {
  it.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['multipart/form-data; boundary="a b;c"', 'a b;c'],
    ['multipart/form-data; charset=utf-8; BOUNDARY=----x', '----x'],
    ['multipart/form-data', undefined],
    [null, undefined],
  ])('%j -> %j', (type, want) => {
    expect(multipartBoundary(type)).toBe(want);
  });
});

describe('multipartPartCounter', () => {
  const body = (n: number) => `${Array.from({ length: n }, (_, i) => `--B\r\ncontent-disposition: form-data; name="f${i}"\r\n\r\nv--B${i}\r\n`).join('')}--B--\r\n`;
  const count = (text: string, chunk: number) => {
    const counter = multipartPartCounter('B');
    const bytes = Buffer.from(text);
    let parts = 0;
    for (let at = 0; at < bytes.length; at += chunk) parts = counter(bytes.subarray(at, at + chunk));
    return parts;
  };
  it.each([
    { name: 'one chunk', text: body(3), chunk: 10_000, want: 3 },
    { name: 'one byte at a time (delimiters split everywhere)', text: body(3), chunk: 1, want: 3 },
    { name: 'chunk of the delimiter length', text: body(5), chunk: 5, want: 5 },
    { name: '"--B" inside a value without a line break before it is not a delimiter', text: body(1), chunk: 3, want: 1 },
    { name: 'no part at all', text: '--B--\r\n', chunk: 2, want: 0 },
    { name: 'not multipart', text: 'hello world', chunk: 4, want: 0 },
  ])('$name', ({ text, chunk, want }) => {
    expect(count(text, chunk)).toBe(want);
  });
});
