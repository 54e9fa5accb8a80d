// The answers that can be computed in the server's answer worker (lib/server/answer-worker.ts), by the
// cache name of their route (lib/service/route.ts): the same functions the routes call inline. The
// worker holds its own copy of each source it was asked about, so nothing here may read the
// request or server-only state; the store's caches it reads (the findings analysis) are the worker's own.
import type { FindingsConfig } from '../engine/findings/config';
import type { FindingsResult } from '../engine/findings/types';
import { graphResult, namespacePageResult, namespaceResult, namespacesResult, whoCanResult } from './api';
import { findingsResult } from './api-findings';
import { findingsOf, type WebSource } from './store';

export const OFF_THREAD_ANSWERS = {
  'who-can': whoCanResult,
  graph: graphResult,
  namespaces: namespacesResult,
  namespace: namespaceResult,
  'namespace-page': namespacePageResult,
  // the findings document: tens of MB of JSON on a large cluster, built from the worker's analysis
  findings: findingsResult,
} as const satisfies Record<string, (src: WebSource, params: never) => unknown>;

export type OffThreadAnswer = keyof typeof OFF_THREAD_ANSWERS;

export function isOffThreadAnswer(name: string): name is OffThreadAnswer {
  return Object.hasOwn(OFF_THREAD_ANSWERS, name);
}

/** The answer of route `name` for `params`, as JSON bytes. */
export function answerBytes(src: WebSource, name: OffThreadAnswer, params: unknown): Uint8Array {
  const answer = OFF_THREAD_ANSWERS[name] as (src: WebSource, params: unknown) => unknown;
  return new TextEncoder().encode(JSON.stringify(answer(src, params)));
}

/** Every finding of a source under a config's analysis settings (what store.ts caches per snapshot). */
export function findingsAnalysis(src: WebSource, config: FindingsConfig | undefined): FindingsResult {
  // kept in the worker too: its graphs' risk marks and findings documents read the same analysis
  return findingsOf(src, config);
}

/** What an off-thread answer returns. */
export type OffThreadResult<N extends OffThreadAnswer> = ReturnType<(typeof OFF_THREAD_ANSWERS)[N]>;
