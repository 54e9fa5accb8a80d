// Which sources get the small young generation (cli/heap.ts): only inputs known to be small.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourceSpec } from '../lib/service/source';
import { SMALL_INPUT_BYTES, smallSource } from './heap';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-heap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, bytes: number): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, Buffer.alloc(bytes, 0x20));
  return p;
};

describe('smallSource', () => {
  const half = file('half.json', SMALL_INPUT_BYTES / 2);
  const limit = file('limit.json', SMALL_INPUT_BYTES);
  const over = file('over.json', SMALL_INPUT_BYTES + 1);
  it.each<[string, SourceSpec, boolean]>([
    ['the demo', { kind: 'demo' }, true],
    ['a small file', { kind: 'files', paths: [half] }, true],
    ['a file of exactly the limit', { kind: 'files', paths: [limit] }, true],
    ['a file over the limit', { kind: 'files', paths: [over] }, false],
    ['small files over the limit together', { kind: 'files', paths: [half, half, half] }, false],
    ['a directory (its size is not known before the walk)', { kind: 'files', paths: [tmp] }, false],
    ['stdin', { kind: 'files', paths: ['-'] }, false],
    ['a missing file (the loader reports it) next to a small one', { kind: 'files', paths: [path.join(tmp, 'missing.yaml'), half] }, true],
    ['a live cluster', { kind: 'cluster' }, false],
  ])('%s: %s', (_name, spec, small) => {
    expect(smallSource(spec)).toBe(small);
  });
});
