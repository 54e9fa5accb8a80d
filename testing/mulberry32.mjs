// mulberry32: a 32-bit state PRNG returning floats in [0, 1). The same seed gives the same sequence
// on every platform (32-bit integer arithmetic only). Plain JavaScript so that the .mjs scripts
// (scripts/lib/bench-load-lib.mjs) and the TypeScript code (testing/prng.ts) share this one copy.

/** @param {number} seed @returns {() => number} */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
