// The V8 heap of a command that runs once and exits. Left alone, V8 doubles the young generation
// (up to 16 MiB per semi-space) as objects survive; a command's data lives for the whole run, so it
// soon does, and every doubling maps fresh memory. Where a page fault is dear (virtual machines such
// as CI runners: ~11 µs per 4 KiB page measured on ours) that costs more than the collections it
// saves when the input is small: `scan` of realistic-large (5.5 MB) faults in a third fewer pages and
// runs ~12 % faster with the young generation kept at its first size. On large inputs the extra
// collections cost more (a 98 MB file loads ~10 % slower), so they, sources of unknown size (a
// directory, stdin, a live cluster) and `serve` keep V8's defaults. docs/benchmarks.md has the runs.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { STDIN_PATH } from '../lib/load/walk';
import type { SourceSpec } from '../lib/service/source';

/** Inputs up to this many bytes keep the young generation small. */
export const SMALL_INPUT_BYTES = 8 * 1024 * 1024;

/** Is the source known to be small (the demo, or regular files of SMALL_INPUT_BYTES at most in all)? */
export function smallSource(spec: SourceSpec): boolean {
  if (spec.kind === 'demo') return true;
  if (spec.kind !== 'files') return false;
  let bytes = 0;
  for (const p of spec.paths) {
    if (p === STDIN_PATH) return false;
    let size: number;
    try {
      const info = statSync(p);
      if (!info.isFile()) return false;
      size = info.size;
    } catch {
      continue; // the loader reports it
    }
    bytes += size;
    if (bytes > SMALL_INPUT_BYTES) return false;
  }
  return true;
}

/** V8's own growth factor of the young generation (its flag's default). */
const V8_GROWTH_FACTOR = 2;

let kept = false;

/**
 * Before loading `spec`: for a small source, keep the young generation at its size from now on (V8
 * reads the factor each time it would grow it); for another (the second side of a diff), V8's growth again.
 */
export function heapForSource(spec: SourceSpec): void {
  const small = smallSource(spec);
  if (small === kept) return;
  setFlagsFromString(`--semi-space-growth-factor=${small ? 1 : V8_GROWTH_FACTOR}`);
  kept = small;
}
