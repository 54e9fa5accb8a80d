// Fuzzing the file loader: text and bytes of a file → RawInputs + diagnostics → Snapshot.
// Properties: nothing but AtlasError is ever thrown (and only for unreadable paths), every
// diagnostic names its file (and line, for YAML syntax errors), Secret payloads never reach the
// result, and Object.prototype is never polluted.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../lib/engine/normalize';
import type { Diagnostic } from '../lib/engine/types';
import { AtlasError } from '../lib/errors';
import { loadFiles } from '../lib/load/files';
import { parseText } from '../lib/load/parse-text';
import { decodeText } from '../lib/load/read';
import { fileBytesArb, fileTextArb, SECRET_MARK } from '../testing/arbitraries';
import { expectNoPollution, params, timeout } from './harness';

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** Why a diagnostic is malformed, or undefined (plain checks: expect() per diagnostic is slow). */
function malformed(d: Diagnostic, source: string): string | undefined {
  if (!SEVERITIES.has(d.severity)) return 'bad severity';
  if (typeof d.code !== 'string') return 'no code';
  if (typeof d.message !== 'string' || d.message.length === 0) return 'no message';
  if ((d.code === 'parse-error' || d.code === 'secret-data-dropped' || d.code === 'input-too-large') && d.origin?.source !== source) return 'does not name its file';
  if (d.code === 'parse-error' && d.message.startsWith('YAML:') && !d.message.includes('more errors not shown') && !(d.origin?.line !== undefined && d.origin.line >= 1)) {
    return 'YAML syntax error without a line';
  }
  return undefined;
}

function expectWellFormed(d: Diagnostic, source: string): void {
  const why = malformed(d, source);
  if (why !== undefined) expect.fail(`${why}: ${JSON.stringify(d)}`);
}

/** The text → snapshot pipeline of the loader, minus the disk. */
export function loadText(text: string, source: string) {
  const parsed = parseText(text, source);
  for (const d of parsed.diagnostics) expectWellFormed(d, source);
  const snapshot = buildSnapshot(parsed.inputs, { source, diagnostics: parsed.diagnostics });
  const json = JSON.stringify(snapshot);
  expect(json.includes(SECRET_MARK), 'a Secret payload reached the snapshot').toBe(false);
  return snapshot;
}

describe('loader fuzz', () => {
  it(
    'parseText + buildSnapshot: never throws, diagnostics name the file, no Secret data, no pollution',
    () => {
      fc.assert(
        fc.property(fileTextArb, fc.constantFrom('dump.yaml', 'a/b.json', 'ü ß.yml', '<stdin>'), (text, source) => {
          loadText(text, source);
          expectNoPollution();
        }),
        params(1_500),
      );
    },
    timeout(),
  );

  it(
    'decodeText: any bytes decode (or are reported too long), never anything else',
    () => {
      fc.assert(
        fc.property(fileBytesArb, (bytes) => {
          const d = decodeText(bytes);
          expect(typeof d.text).toBe('string');
        }),
        params(1_000),
      );
    },
    timeout(),
  );

  it(
    'loadFiles(stdin): any bytes load into a snapshot with diagnostics; no rejection, no Secret data',
    async () => {
      await fc.assert(
        fc.asyncProperty(fileBytesArb, fc.boolean(), async (bytes, chunked) => {
          const chunks = chunked ? [...splitBytes(bytes, 7)] : [bytes];
          const { snapshot, files } = await loadFiles(['-'], { stdin: Readable.from(chunks), maxFileBytes: 1 << 22 });
          expect(files).toEqual(['<stdin>']);
          for (const d of snapshot.diagnostics) expectWellFormed(d, '<stdin>');
          expect(JSON.stringify(snapshot).includes(SECRET_MARK)).toBe(false);
          expectNoPollution();
        }),
        params(600),
      );
    },
    timeout(),
  );

  describe('on disk', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'atlas-fuzz-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it(
      'loadFiles(path): files and directories of hostile bytes load; only unreadable paths throw, as AtlasError naming the path',
      async () => {
        let n = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.tuple(fc.constantFrom('.yaml', '.json', '.yml', '.txt', ''), fileBytesArb), { minLength: 1, maxLength: 3 }),
            fc.constantFrom('dir', 'files', 'missing'),
            fc.nat({ max: 50 }),
            async (entries, how, maxKb) => {
              const sub = path.join(dir, `case-${n++}`);
              const { mkdir } = await import('node:fs/promises');
              await mkdir(sub);
              const paths: string[] = [];
              for (const [i, [ext, bytes]] of entries.entries()) {
                const p = path.join(sub, `f${i}${ext}`);
                await writeFile(p, bytes);
                paths.push(p);
              }
              const args = how === 'dir' ? [sub] : how === 'files' ? paths : [...paths, path.join(sub, 'nope.yaml')];
              try {
                const { snapshot } = await loadFiles(args, { maxFileBytes: maxKb * 1024 + 1 });
                expect(how).not.toBe('missing');
                expect(JSON.stringify(snapshot).includes(SECRET_MARK)).toBe(false);
                for (const d of snapshot.diagnostics) if (d.code === 'parse-error' || d.code === 'input-too-large') expect(paths).toContain(d.origin?.source);
              } catch (e) {
                expect(e, String(e)).toBeInstanceOf(AtlasError);
                // a missing path, or a file over the size limit (exit 65), named as given
                const message = (e as AtlasError).message;
                if (/over the input limit/.test(message)) expect(paths.some((p) => message.startsWith(`${p} is `))).toBe(true);
                else expect(message).toContain(path.join(sub, 'nope.yaml'));
              }
              expectNoPollution();
            },
          ),
          params(150),
        );
      },
      timeout(),
    );
  });
});

function* splitBytes(b: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
