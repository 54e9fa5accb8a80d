// The Paths view's service: its URL parameters (the API's and the form's), and its document, which
// is exactly `rbac-atlas paths -o json` plus "view" (each step in words, the grant as links).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPaths, preparePaths } from '../engine/paths';
import type { AtlasIndex } from '../engine/query-index';
import { isAtlasError } from '../errors';
import { pathsJson } from '../format/paths';
import { parsePathsParams, pathsDocument, pathBadge, preparedPathsOf, withoutView } from './paths';
import { loadSource } from './source';

let demo: AtlasIndex;
beforeAll(async () => {
  demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
});

describe('parsePathsParams', () => {
  // prettier-ignore
  const cases: { name: string; raw: Record<string, string>; want: object }[] = [
    { name: 'nothing: every subject', raw: {}, want: {} },
    { name: 'a subject', raw: { from: 'User:jane' }, want: { from: 'User:jane' } },
    { name: 'the form: a pod', raw: { start: 'pod', value: 'team-a/api-1' }, want: { pod: 'team-a/api-1' } },
    { name: 'the form: a namespace', raw: { start: 'ns', value: 'team-a' }, want: { ns: 'team-a' } },
    { name: 'the form: every subject ignores the value', raw: { start: 'all', value: 'User:jane' }, want: {} },
    { name: 'the form with an empty value: every subject', raw: { start: 'subject', value: ' ' }, want: {} },
    { name: 'empty fields are absent', raw: { from: '', to: '', hops: '' }, want: {} },
    { name: 'sinks, deduplicated', raw: { to: 'node, cluster-admin,node' }, want: { to: ['node', 'cluster-admin'] } },
    { name: 'at most N steps', raw: { hops: '2' }, want: { hops: 2 } },
  ];
  it.each(cases)('$name', ({ raw, want }) => {
    expect(parsePathsParams(raw)).toEqual(want);
  });

  // prettier-ignore
  const bad: { name: string; raw: Record<string, string> }[] = [
    { name: 'two starts', raw: { from: 'User:jane', pod: 'a/b' } },
    { name: 'an unknown sink', raw: { to: 'everything' } },
    { name: 'a pod without a namespace', raw: { pod: 'api-1' } },
    { name: 'a namespace that is not a name', raw: { ns: 'Team A' } },
    { name: 'a negative number of steps', raw: { hops: '-1' } },
  ];
  it.each(bad)('refuses $name', ({ raw }) => {
    expect(() => parsePathsParams(raw)).toThrow();
  });
});

describe('pathsDocument', () => {
  it.each([
    { name: 'every subject', params: {}, options: {} },
    { name: 'a subject', params: { from: 'ServiceAccount:argocd/argocd-server' }, options: { from: { kind: 'ServiceAccount' as const, namespace: 'argocd', name: 'argocd-server' } } },
    { name: 'a subject, one sink, at most 1 step', params: { from: 'User:support-bot@example.com', to: ['node' as const], hops: 1 }, options: { from: { kind: 'User' as const, name: 'support-bot@example.com' }, sinks: ['node' as const], maxHops: 1 } },
  ])('without "view" it is `rbac-atlas paths -o json`: $name', ({ params, options }) => {
    expect(withoutView(pathsDocument(demo, params))).toEqual(pathsJson(findPaths(preparePaths(demo), options)));
  });

  it('a subject: each step in words, with the grant as node ids', () => {
    const doc = pathsDocument(demo, { from: 'ServiceAccount:argocd/argocd-server' });
    expect(doc.view.start).toMatchObject({ kind: 'subject', param: 'ServiceAccount:argocd/argocd-server', label: 'ServiceAccount argocd/argocd-server' });
    const admin = doc.view.paths.find((p) => p.to === 'cluster-admin')!;
    expect(admin.steps).toEqual([
      {
        technique: 'control-workloads',
        does: expect.stringContaining('workload'),
        reaches: 'ServiceAccount argocd/argocd-application-controller',
        reachesParam: 'ServiceAccount:argocd/argocd-application-controller',
        requests: [{ text: 'create jobs.batch -n argocd', grant: { binding: 'ClusterRoleBinding/argocd-server', role: 'ClusterRole/argocd-server', rule: expect.any(String), scope: 'cluster' } }],
      },
    ]);
    expect(doc.view.subjects).toEqual([]);
  });

  it('a pod: its ServiceAccount, and a warning when its token is not mounted', () => {
    const doc = pathsDocument(demo, { pod: 'argocd/argocd-server-d7ckpdqd86-pt5sl' });
    expect(doc.view.start).toMatchObject({ kind: 'pod', namespace: 'argocd', name: 'argocd-server-d7ckpdqd86-pt5sl', param: 'ServiceAccount:argocd/argocd-server' });
    expect(doc.paths.map((p) => p.to)).toEqual(['cluster-admin', 'node']);
  });

  it('a namespace: its ServiceAccounts with a path, one row each', () => {
    const doc = pathsDocument(demo, { ns: 'argocd' });
    expect(doc.view.paths).toEqual([]);
    expect(doc.view.subjects.length).toBeGreaterThan(0);
    expect(doc.view.subjects.every((r) => r.param.startsWith('ServiceAccount:argocd/'))).toBe(true);
    expect(doc.view.subjects.find((r) => r.param === 'ServiceAccount:argocd/argocd-application-controller')?.steps['cluster-admin']).toBe(0);
  });

  it.each([
    { name: 'an unknown pod', params: { pod: 'team-a/nope' } },
    { name: 'an unknown namespace', params: { ns: 'nope' } },
  ])('$name is a 404', ({ params }) => {
    try {
      pathsDocument(demo, params);
      expect.unreachable();
    } catch (e) {
      expect(isAtlasError(e) && e.details?.httpStatus).toBe(404);
    }
  });

  it('keeps one prepared graph per snapshot; the badge reads it', () => {
    expect(preparedPathsOf(demo)).toBe(preparedPathsOf(demo));
    expect(pathBadge(demo, { kind: 'ServiceAccount', namespace: 'argocd', name: 'argocd-server' })).toEqual({ 'cluster-admin': 1, node: 1 });
    expect(pathBadge(demo, { kind: 'Group', name: 'platform-team' })['cluster-admin']).toBe(0);
  });
});
