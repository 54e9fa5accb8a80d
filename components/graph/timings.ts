// In-page timings for the benchmark spec: the query form marks the submit, GraphCanvas the end of
// the following layout. Read by e2e/bench.spec.ts through window.__atlasTimings.
export interface AtlasTimings {
  /** performance.now() when the user last asked a question */
  submittedAt?: number;
  /** ms from submit to the end of the following layout */
  lastQueryMs?: number;
  lastLayoutMs?: number;
  layouts: number;
}

declare global {
  interface Window {
    __atlasTimings?: AtlasTimings;
  }
}

export function atlasTimings(): AtlasTimings {
  return (window.__atlasTimings ??= { layouts: 0 });
}
