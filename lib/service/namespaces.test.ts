import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtlasIndex } from '../engine/query-index';
import { NAMESPACE_PAGE_ITEMS, namespaceDetail, namespacePage, type NamespaceDetail } from './namespaces';
import { loadSource } from './source';

const root = path.resolve(__dirname, '../..');
let demo: AtlasIndex;
let large: AtlasIndex;
beforeAll(async () => {
  demo = (await loadSource({ kind: 'demo' }, { root })).index;
  large = (await loadSource({ kind: 'files', paths: [path.join(root, 'lib/testdata/datasets/realistic-large.json')] })).index;
}, 60_000);

describe('namespacePage', () => {
  const pick = (d: NamespaceDetail) => ({ local: d.bindings.filter((b) => b.kind === 'RoleBinding'), cluster: d.bindings.filter((b) => b.kind === 'ClusterRoleBinding'), sas: d.serviceAccounts, pods: d.pods });
  it.each([
    { name: 'demo team-a: nothing to cut', index: () => demo, ns: () => 'team-a', all: false },
    { name: 'realistic-large inventory-prod (150 bindings): lists cut', index: () => large, ns: () => 'inventory-prod', all: false },
    { name: 'realistic-large, ?all=1: nothing cut', index: () => large, ns: () => 'inventory-prod', all: true },
  ])('$name', ({ index, ns, all }) => {
    const full = namespaceDetail(index(), ns());
    const got = namespacePage(index(), ns(), { all });
    if (!all && index() === large) expect(got.detail.bindings.length).toBeLessThan(full.bindings.length);
    const cut = (list: unknown[]) => (all ? list : list.slice(0, NAMESPACE_PAGE_ITEMS));
    const want = pick(full);
    expect(pick(got.detail)).toEqual({ local: cut(want.local), cluster: cut(want.cluster), sas: cut(want.sas), pods: cut(want.pods) });
    expect(got.totals).toEqual({ roleBindings: want.local.length, clusterRoleBindings: want.cluster.length, serviceAccounts: want.sas.length, pods: want.pods.length });
    expect(got.detail.matrix).toEqual(full.matrix);
    expect(got.detail.item).toEqual(full.item);
  });

  it('an unknown namespace is a 404', () => {
    expect(() => namespacePage(demo, 'nope')).toThrow(/not in the data source/);
  });
});
