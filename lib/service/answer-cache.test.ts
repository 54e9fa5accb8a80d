import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtlasIndex } from '../engine/query-index';
import { answerCacheStats, cacheBudgetBytes, cachedAnswer, clearAnswerCache, paramsKey } from './answer-cache';

const index = (): AtlasIndex => ({}) as AtlasIndex;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

beforeEach(() => clearAnswerCache());
afterEach(() => vi.unstubAllEnvs());

describe('answer cache', () => {
  it('computes once per (snapshot, route, parameters) and sends the same bytes again', () => {
    const a = index();
    const compute = vi.fn(() => ({ answer: 42 }));
    const first = cachedAnswer(a, 'who-can', { verb: 'get', resource: 'secrets' }, true, compute);
    const again = cachedAnswer(a, 'who-can', { resource: 'secrets', verb: 'get', ns: undefined }, true, compute);
    expect(text(first)).toBe('{"answer":42}');
    expect(again).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
    // another snapshot, another route or other parameters: computed
    cachedAnswer(index(), 'who-can', { verb: 'get', resource: 'secrets' }, true, compute);
    cachedAnswer(a, 'graph', { verb: 'get', resource: 'secrets' }, true, compute);
    cachedAnswer(a, 'who-can', { verb: 'list', resource: 'secrets' }, true, compute);
    expect(compute).toHaveBeenCalledTimes(4);
    expect(answerCacheStats()).toMatchObject({ entries: 4, hits: 1, misses: 4 });
  });

  it('never keeps answers that are not cacheable (cheap questions)', () => {
    const compute = vi.fn(() => ({ ns: 'a' }));
    cachedAnswer(index(), 'who-can', { ns: 'a' }, false, compute);
    cachedAnswer(index(), 'who-can', { ns: 'a' }, false, compute);
    expect(compute).toHaveBeenCalledTimes(2);
    expect(answerCacheStats().entries).toBe(0);
  });

  it('stays within its byte budget, dropping the least recently used answers', () => {
    vi.stubEnv('RBAC_ATLAS_ANSWER_CACHE_MB', '0.01'); // 10,485 bytes; one answer may take a quarter
    const a = index();
    const big = (n: number) => () => ({ s: String(n).repeat(2_000) });
    for (let i = 0; i < 8; i++) cachedAnswer(a, 'findings', { i }, true, big(i));
    const stats = answerCacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(cacheBudgetBytes());
    expect(stats.entries).toBe(5);
    // the newest are kept, the oldest went
    const compute = vi.fn(big(7));
    cachedAnswer(a, 'findings', { i: 7 }, true, compute);
    expect(compute).not.toHaveBeenCalled();
    cachedAnswer(a, 'findings', { i: 0 }, true, compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('findings documents have a tier of their own: a stream of other answers does not push them out', () => {
    vi.stubEnv('RBAC_ATLAS_ANSWER_CACHE_MB', '0.01');
    const a = index();
    const doc = vi.fn(() => ({ findings: 'f'.repeat(2_000) }));
    cachedAnswer(a, 'findings', { sev: 'high' }, true, doc, 'findings');
    for (let i = 0; i < 20; i++) cachedAnswer(a, 'who-can', { i }, true, () => ({ s: String(i).repeat(2_000) }));
    cachedAnswer(a, 'findings', { sev: 'high' }, true, doc, 'findings');
    expect(doc).toHaveBeenCalledTimes(1);
    // each tier stays within the budget on its own
    for (let i = 0; i < 8; i++) cachedAnswer(a, 'findings', { i }, true, () => ({ s: String(i).repeat(2_000) }), 'findings');
    expect(answerCacheStats().bytes).toBeLessThanOrEqual(2 * cacheBudgetBytes());
  });

  it('RBAC_ATLAS_ANSWER_CACHE_MB=0 turns it off', () => {
    vi.stubEnv('RBAC_ATLAS_ANSWER_CACHE_MB', '0');
    const compute = vi.fn(() => 1);
    const a = index();
    cachedAnswer(a, 'findings', {}, true, compute);
    cachedAnswer(a, 'findings', {}, true, compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('parameter keys ignore order and undefined values', () => {
    expect(paramsKey({ b: 1, a: 'x', c: undefined })).toBe(paramsKey({ a: 'x', b: 1 }));
    expect(paramsKey({ a: 'x' })).not.toBe(paramsKey({ a: 'y' }));
  });
});
