// `npm run bench:load`'s request mix and summaries. Every URL the load generator asks must be a real
// route that answers 2xx: each is dispatched here to the route's own function on a small generated
// cluster, so the benchmark cannot silently measure 400s after an API change. (e2e/bench-load.spec.ts
// runs the whole script for a few seconds against the built server.)
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateCluster } from '../../testing/cluster/generate';
import { buildSnapshot } from '../../lib/engine/normalize';
import { buildIndex } from '../../lib/engine/query-index';
import { sourceSummary } from '../../lib/service/source-view';
import {
  buildMix,
  CHEAP,
  clusterNames,
  distinct,
  EXPENSIVE,
  formatTable,
  growthPercent,
  MIXED,
  QUERY_CLASSES,
  readRss,
  summarize,
  verdicts,
  type PhaseSummary,
} from './bench-load-lib.mjs';

vi.mock('server-only', () => ({}));

const api = await import('../../lib/service/api');
const { findingsParams, findingsResult } = await import('../../lib/service/api-findings');

const list = generateCluster({ namespaces: 12, seed: 3 });
const names = clusterNames(list);
const snapshot = buildSnapshot([{ value: list, origin: { source: 'bench-load test' } }], { source: 'bench-load test' });
const src = { id: 'default', snapshot, index: buildIndex(snapshot), summary: sourceSummary('default', 'files', snapshot, 1) };

/** What the route handler for this URL would do, minus HTTP. Throws like the handler's schema would. */
function dispatch(url: string): unknown {
  const u = new URL(url, 'http://127.0.0.1');
  const params = Object.fromEntries(u.searchParams);
  const route = u.pathname.replace(/^\/api\//, '');
  if (route.startsWith('namespace/')) return api.namespaceResult(src, api.namespaceParams.parse({ ns: decodeURIComponent(route.slice('namespace/'.length)) }));
  switch (route) {
    case 'who-can':
      return api.whoCanResult(src, api.whoCanParams.parse(params));
    case 'graph':
      return api.graphResult(src, api.graphParams.parse(params));
    case 'subject':
      return api.subjectResult(src, api.subjectParams.parse(params));
    case 'subjects':
      return api.subjectsResult(src, api.subjectsParams.parse(params));
    case 'search':
      return api.searchResult(src, api.searchParams.parse(params));
    case 'findings':
      return findingsResult(src, findingsParams.parse(params));
    default:
      throw new Error(`no route for ${url}`);
  }
}

describe('bench:load request mix', () => {
  it('reads namespaces, service accounts, users and groups from the generated cluster', () => {
    expect(names.namespaces.length).toBeGreaterThan(12);
    expect(names.serviceAccounts.length).toBeGreaterThan(10);
    expect(names.users.length).toBeGreaterThan(0);
    expect(names.groups.length).toBeGreaterThan(0);
  });

  it('is deterministic per seed and asks many different questions', () => {
    const a = buildMix(names, MIXED, 2_000, 1);
    expect(buildMix(names, MIXED, 2_000, 1)).toEqual(a);
    expect(buildMix(names, MIXED, 2_000, 2)).not.toEqual(a);
    expect(distinct(a)).toBeGreaterThan(1_000);
    const classes = new Set(a.map((e) => e.cls));
    expect([...classes].sort()).toEqual(Object.keys(MIXED).sort());
  });

  it('cheap and expensive mixes do not overlap', () => {
    expect(Object.keys(CHEAP).filter((c) => c in EXPENSIVE)).toEqual([]);
  });

  it.each(Object.keys(QUERY_CLASSES))('every %s URL is a real route with valid parameters that answers', (cls) => {
    for (const { path: url } of buildMix(names, { [cls]: 1 }, 40, 7)) {
      const route = new URL(url, 'http://x').pathname.replace(/^\/api\//, '').replace(/^namespace\/.*/, 'namespace/[ns]');
      expect(existsSync(path.join('app/api', route, 'route.ts')), url).toBe(true);
      expect(() => dispatch(url), url).not.toThrow();
    }
  });
});

describe('bench:load summaries', () => {
  const result = {
    requests: { total: 1200, average: 120.04 },
    duration: 10.01,
    latency: { p50: 12, p90: 40, p99: 180, max: 260, average: 18.26 },
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodeStats: { '200': { count: 1200 } },
  };

  it('summarize keeps what the report needs', () => {
    expect(summarize(result)).toEqual({
      requests: 1200,
      rps: 120,
      durationS: 10,
      latencyMs: { p50: 12, p90: 40, p99: 180, max: 260, mean: 18.3 },
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      statusCodes: { '200': 1200 },
    });
  });

  it('growth, verdicts and the table', () => {
    expect(growthPercent(400, 420)).toBe(5);
    expect(growthPercent(400, 380)).toBe(-5);
    const s = summarize(result);
    const slow: PhaseSummary = { ...s, latencyMs: { ...s.latencyMs, p99: 900 }, non2xx: 2 };
    const fast: PhaseSummary = { ...s, latencyMs: { ...s.latencyMs, p99: 80 } };
    expect(verdicts({ run1: s, run2: s, growth: 3, cheapAlone: s, cheapUnderLoad: fast }).every((v) => v.ok)).toBe(true);
    expect(verdicts({ run1: s, run2: slow, growth: 12, cheapAlone: s, cheapUnderLoad: slow }).filter((v) => !v.ok).map((v) => v.goal)).toEqual([
      'zero errors (runs 1 and 2)',
      'p99 < 200 ms (mixed, run 2)',
      'RSS growth run 1 -> run 2 <= 10%',
      'cheap p99 < 100 ms while expensive queries run',
    ]);
    const table = formatTable([{ name: 'run 1', s }]);
    expect(table.split('\n')[2]).toMatch(/^run 1\s+120\s+1200\s+12\s+40\s+180\s+260\s+0\s+0\s+0$/);
  });

  it.runIf(process.platform === 'linux')('reads VmRSS and VmHWM from /proc', () => {
    const r = readRss(process.pid);
    expect(r.rssMiB).toBeGreaterThan(10);
    expect(r.hwmMiB).toBeGreaterThanOrEqual(r.rssMiB);
  });
});
