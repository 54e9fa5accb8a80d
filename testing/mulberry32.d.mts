// Types for mulberry32.mjs, for TypeScript callers (testing/prng.ts, tests).
/** mulberry32: a 32-bit state PRNG returning floats in [0, 1). */
export declare function mulberry32(seed: number): () => number;
