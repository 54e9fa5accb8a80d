import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SCOPE, type AtlasIndex } from '../engine/query-index';
import { clusterRole, crb, indexOf, rb, role, rule } from '../../testing/engine';
import { riskWeight } from './matrix-risk';
import { matrixGrid, NAMESPACE_PAGE_ITEMS, namespaceDetail, namespacePage, type MatrixGrid, type NamespaceDetail } from './namespaces';
import { loadSource } from './source';

const root = path.resolve(__dirname, '../..');
let demo: AtlasIndex;
let large: AtlasIndex;
beforeAll(async () => {
  demo = (await loadSource({ kind: 'demo' }, { root })).index;
  large = (await loadSource({ kind: 'files', paths: [path.join(root, 'lib/testdata/datasets/realistic-large.json')] })).index;
}, 60_000);

describe('namespacePage', () => {
  const pick = (d: Pick<NamespaceDetail, 'bindings' | 'serviceAccounts' | 'pods'>) => ({ local: d.bindings.filter((b) => b.kind === 'RoleBinding'), cluster: d.bindings.filter((b) => b.kind === 'ClusterRoleBinding'), sas: d.serviceAccounts, pods: d.pods });
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
    expect(got.matrix).toEqual(matrixGrid(full.matrix, full.view.subjects));
    expect(got.detail).not.toHaveProperty('matrix');
    expect(got.detail.item).toEqual(full.item);
  });

  it('an unknown namespace is a 404', () => {
    expect(() => namespacePage(demo, 'nope')).toThrow(/not in the data source/);
  });
});

/** The cells of a grid row as `access-matrix -o json` has them (resource -> verbs). */
function decode(grid: MatrixGrid, cells: number[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  grid.resources.forEach((r, i) => {
    const verbs = grid.verbs.filter((_, bit) => cells[i]! & (1 << bit));
    if (verbs.length) out[r] = verbs;
  });
  return out;
}

describe('matrixGrid: the access matrix as the drill-down page sends it', () => {
  it.each([
    { name: 'demo team-a', index: () => demo, ns: 'team-a' },
    { name: 'demo kube-system', index: () => demo, ns: 'kube-system' },
    { name: 'realistic-large inventory-prod', index: () => large, ns: 'inventory-prod' },
    { name: 'realistic-large payments-prod', index: () => large, ns: 'payments-prod' },
  ])('$name: the same cells as the matrix, every subject once, own subjects first, riskiest first', ({ index, ns }) => {
    const full = namespaceDetail(index(), ns);
    const grid = matrixGrid(full.matrix, full.view.subjects);
    const byId = new Map(grid.rows.map((r) => [r.id, r]));
    expect(grid.rows).toHaveLength(Object.keys(full.view.subjects).length);
    for (const row of full.matrix.rows) expect(decode(grid, byId.get(row.id)!.cells), row.id).toEqual(row.cells);
    for (const [id, info] of Object.entries(full.view.subjects)) expect(byId.get(id)).toMatchObject({ local: info.local, clusterWide: info.clusterWide, risks: info.risks });
    // only the columns some subject holds a verb on
    expect(grid.resources).toEqual(full.matrix.resources.filter((r) => full.matrix.rows.some((row) => row.cells[r])));
    const keys = grid.rows.map((r) => [Number(!r.local), -riskWeight(r.risks)]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('a subject with only risks a cell cannot show (escalate, bind, impersonate) has a row of empty cells', () => {
    const full = namespaceDetail(demo, 'team-a');
    const grid = matrixGrid(full.matrix, full.view.subjects);
    const extra = grid.rows.filter((r) => !full.matrix.rows.some((m) => m.id === r.id));
    for (const r of extra) expect(r.cells.every((c) => c === 0)).toBe(true);
  });
});

describe('the drill-down page stays small (issue 11: the page sends < 300 KB)', () => {
  // the page's data is sent once (the React payload); the HTML draws the first rows of the matrix
  // and the first 100 items of each list. This budget is for the data alone.
  it.each([
    { name: 'realistic-large inventory-prod', index: () => large, ns: 'inventory-prod', maxKb: 100 },
    { name: 'realistic-large payments-prod', index: () => large, ns: 'payments-prod', maxKb: 100 },
  ])('$name: the page data is under $maxKb KB', ({ index, ns, maxKb }) => {
    const page = namespacePage(index(), ns);
    const kb = Buffer.byteLength(JSON.stringify(page)) / 1024;
    expect(kb).toBeLessThan(maxKb);
    // the matrix is the compact grid: a fraction of the matrix document
    const full = namespaceDetail(index(), ns);
    expect(JSON.stringify(page.matrix).length).toBeLessThan(JSON.stringify({ matrix: full.matrix, view: full.view }).length / 3);
  });
});

describe('namespaceDetail: read through the per-namespace lookup, cached', () => {
  it.each([
    { name: 'demo team-a', index: () => demo, ns: 'team-a' },
    { name: 'realistic-large inventory-prod', index: () => large, ns: 'inventory-prod' },
  ])('$name: the bindings, service accounts and pods of a scan of the whole index', ({ index, ns }) => {
    const idx = index();
    const d = namespaceDetail(idx, ns);
    const applies = idx.bindings.filter((b) => b.scope === ns || b.scope === CLUSTER_SCOPE);
    expect(new Set(d.bindings.map((b) => b.id))).toEqual(new Set(applies.map((b) => b.key)));
    expect(d.serviceAccounts.map((s) => s.name)).toEqual(idx.snapshot.serviceAccounts.filter((s) => s.metadata.namespace === ns).map((s) => s.metadata.name).sort((a, b) => a.localeCompare(b)));
    expect(d.pods.map((p) => p.name)).toEqual(idx.snapshot.pods.filter((p) => p.metadata.namespace === ns).map((p) => p.metadata.name).sort((a, b) => a.localeCompare(b)));
    expect(namespaceDetail(idx, ns)).toBe(d);
  });
});

describe('a namespace named "cluster"', () => {
  const index = indexOf(
    role('cluster', 'reader', [rule('get', '', 'pods')]),
    rb('cluster', 'rb', 'Role:reader', 'User:alice'),
    rb('team', 'rb', 'Role:reader', 'User:carol'),
    clusterRole('node-reader', [rule('get', '', 'nodes')]),
    crb('nodes', 'ClusterRole:node-reader', 'User:bob'),
  );

  it('its drill-down lists its RoleBinding as its own and the ClusterRoleBindings once', () => {
    const d = namespaceDetail(index, 'cluster');
    expect(d.bindings.map((b) => b.id)).toEqual(['RoleBinding/cluster/rb', 'ClusterRoleBinding/nodes']);
    expect(d.clusterBindings).toBe(1);
    expect(d.view.subjects['User/alice']).toMatchObject({ local: true, clusterWide: false });
  });

  it('another namespace does not see that RoleBinding', () => {
    expect(namespaceDetail(index, 'team').bindings.map((b) => b.id)).toEqual(['RoleBinding/team/rb', 'ClusterRoleBinding/nodes']);
  });
});
