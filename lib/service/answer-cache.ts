// A bounded cache of serialized JSON answers for the questions that are expensive on large clusters:
// who-can / graph over every namespace (-A), the findings list and the namespace list. On the
// generated 1,000-namespace cluster such an answer costs 70-150 ms of computing and serializing (1-11 MB
// of JSON) on the single server thread, during which no other request is served. Answers are a pure
// function of an immutable loaded snapshot and the request, so an answer is kept per (snapshot, route,
// parameters) and sent again as the same bytes. Cheap questions (one namespace, one subject, search)
// are never cached. Least recently used entries go first once the byte budget is reached
// (RBAC_ATLAS_ANSWER_CACHE_MB, default 192; 0 disables the cache). A new snapshot (a load or an
// upload) has a new index, hence new keys; the old entries age out.
//
// Two tiers with a budget each: the findings documents (tens of MB, seconds to build) are kept in a
// tier of their own, so that a stream of distinct -A answers (1-2 MB each, most asked once) cannot
// push them out; everything else shares the other tier.
import type { AtlasIndex } from '../engine/query-index';

interface Entry {
  body: Uint8Array;
}

/** `findings`: the findings documents; `answers`: everything else. */
export type CacheTier = 'answers' | 'findings';

interface CacheState {
  entries: Map<string, Entry>;
  /** the findings tier (same budget, its own least-recently-used order) */
  findings?: { entries: Map<string, Entry>; bytes: number };
  /** answers being computed elsewhere (the answer worker): asked again meanwhile, they are awaited, not computed twice */
  inFlight?: Map<string, Promise<Uint8Array>>;
  bytes: number;
  ids: WeakMap<AtlasIndex, number>;
  nextId: number;
  hits: number;
  misses: number;
}

const KEY = Symbol.for('rbac-atlas.answer-cache');
const globals = globalThis as typeof globalThis & { [KEY]?: CacheState };
const state: CacheState = (globals[KEY] ??= { entries: new Map(), bytes: 0, ids: new WeakMap(), nextId: 1, hits: 0, misses: 0 });

const DEFAULT_BUDGET_MB = 192;

export function cacheBudgetBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.RBAC_ATLAS_ANSWER_CACHE_MB;
  const mb = raw === undefined || raw.trim() === '' ? DEFAULT_BUDGET_MB : Number(raw);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
}

function indexId(index: AtlasIndex): number {
  let id = state.ids.get(index);
  if (id === undefined) {
    id = state.nextId++;
    state.ids.set(index, id);
  }
  return id;
}

/** A stable key for parsed parameters: keys sorted, undefined dropped. */
export function paramsKey(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

const encoder = new TextEncoder();

/**
 * The JSON answer for (index, route, params): from the cache when `cacheable`, else computed. Always
 * returns the serialized bytes, so that a hit costs no JSON work at all.
 */
export function cachedAnswer(index: AtlasIndex, route: string, params: object, cacheable: boolean, compute: () => unknown, tier: CacheTier = 'answers'): Uint8Array {
  const budget = cacheable ? cacheBudgetBytes() : 0;
  if (budget === 0) return encoder.encode(JSON.stringify(compute()));
  const key = `${indexId(index)} ${route} ${paramsKey(params)}`;
  const found = lookup(tier, key);
  if (found) return found;
  state.misses++;
  const body = encoder.encode(JSON.stringify(compute()));
  keep(tier, key, body, budget);
  return body;
}

function tierOf(tier: CacheTier): { entries: Map<string, Entry>; bytes: number } {
  return tier === 'answers' ? state : (state.findings ??= { entries: new Map(), bytes: 0 });
}

/** A kept answer (now the most recently used of its tier), or undefined. */
function lookup(tier: CacheTier, key: string): Uint8Array | undefined {
  const t = tierOf(tier);
  const found = t.entries.get(key);
  if (!found) return undefined;
  state.hits++;
  // most recently used last
  t.entries.delete(key);
  t.entries.set(key, found);
  return found.body;
}

function keep(tier: CacheTier, key: string, body: Uint8Array, budget: number): void {
  if (body.byteLength > budget / 4) return;
  const t = tierOf(tier);
  t.entries.set(key, { body });
  t.bytes += body.byteLength;
  for (const [k, e] of t.entries) {
    if (t.bytes <= budget) break;
    t.entries.delete(k);
    t.bytes -= e.body.byteLength;
  }
}

/**
 * cachedAnswer for answers computed elsewhere (`compute` resolves to the JSON bytes, e.g. from the
 * answer worker): the same cache, and one computation per key at a time, whether cacheable or not
 * (concurrent askers of the same question share it).
 */
export async function cachedAnswerAsync(index: AtlasIndex, route: string, params: object, cacheable: boolean, compute: () => Promise<Uint8Array>, tier: CacheTier = 'answers'): Promise<Uint8Array> {
  const budget = cacheable ? cacheBudgetBytes() : 0;
  const key = `${indexId(index)} ${route} ${paramsKey(params)}`;
  const found = budget > 0 ? lookup(tier, key) : undefined;
  if (found) return found;
  const inFlight = (state.inFlight ??= new Map());
  const running = inFlight.get(key);
  if (running) return running;
  state.misses++;
  const computing = compute().then((body) => {
    if (budget > 0) keep(tier, key, body, budget);
    return body;
  });
  inFlight.set(key, computing);
  try {
    return await computing;
  } finally {
    inFlight.delete(key);
  }
}

/** A JSON response from serialized bytes. */
export function jsonBytesResponse(body: Uint8Array, headers: Record<string, string> = {}): Response {
  // a stream of the one chunk, not the bytes themselves: a Response made from a Uint8Array copies it
  // (megabytes for a kept findings or -A answer, on every request); a default stream hands the same
  // object on, and nothing writes to it
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength), ...headers } });
}

export function answerCacheStats(): { entries: number; bytes: number; hits: number; misses: number; budget: number } {
  const f = state.findings;
  return { entries: state.entries.size + (f?.entries.size ?? 0), bytes: state.bytes + (f?.bytes ?? 0), hits: state.hits, misses: state.misses, budget: cacheBudgetBytes() };
}

/** For tests. */
export function clearAnswerCache(): void {
  state.entries.clear();
  state.bytes = 0;
  state.findings = undefined;
  state.hits = 0;
  state.misses = 0;
}
