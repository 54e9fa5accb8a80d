// Run-count scaling and shared checks for the fuzz suite.
//   FUZZ_RUNS=100000 npx vitest run fuzz    about 100k cases in total instead of the default
//   FUZZ_SEED=1234 npx vitest run fuzz      replay with a given seed (fast-check prints it on failure)
import fc from 'fast-check';
import { expect } from 'vitest';

/** Cases per run of the whole suite with no FUZZ_RUNS (the per-property numbers below add up to it). */
export const DEFAULT_TOTAL_RUNS = 13_700;

const requested = Number(process.env.FUZZ_RUNS);
const scale = Number.isFinite(requested) && requested > 0 ? requested / DEFAULT_TOTAL_RUNS : 1;
const seed = process.env.FUZZ_SEED === undefined || process.env.FUZZ_SEED === '' ? undefined : Number(process.env.FUZZ_SEED);

/** fast-check parameters for a property whose default share of the suite is `runs` cases. */
export function params<T>(runs: number): fc.Parameters<T> {
  return { numRuns: Math.max(1, Math.round(runs * scale)), ...(seed !== undefined && Number.isFinite(seed) ? { seed } : {}) };
}

/** vitest timeout for a property: generous, and growing with FUZZ_RUNS. */
export function timeout(ms = 60_000): number {
  return Math.round(ms * Math.max(1, scale));
}

const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayProtoNames = Object.getOwnPropertyNames(Array.prototype).sort();

/** Object.prototype (and Array.prototype) are untouched: no key added, nothing readable as "polluted". */
export function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNames);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoNames);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** Runs fn; returns what it threw (or undefined). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}
