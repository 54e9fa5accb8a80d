import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, type Graph } from '@/lib/engine/graph';
import { estimateWidth, glyphKind, MAX_LINE, nodeLines, toElements } from './elements';
import { fitReadable, layoutOptions, MAX_FIT_ZOOM } from './layouts';
import { patchElements } from './patch';
import { buildStylesheet } from './stylesheet';
import { KIND_TOKENS, LINE_HEIGHT, MIN_READABLE_ZOOM, NODE_PAD_Y, glyphUrl, mix } from './tokens';

const graph: Graph = {
  nodes: [
    { id: 'ServiceAccount/prod/ci', kind: 'ServiceAccount', label: 'ci', namespace: 'prod' },
    { id: 'RoleBinding/prod/ci', kind: 'RoleBinding', label: 'ci', namespace: 'prod' },
    { id: 'Role/dev/lonely', kind: 'Role', label: 'lonely', namespace: 'dev' },
    { id: 'ClusterRole/edit', kind: 'ClusterRole', label: 'edit', detail: '3 RoleBindings', matchedRules: [2], clusterWide: true },
    { id: 'Permission/get secrets', kind: 'Permission', label: 'get secrets' },
    { id: 'Collapsed/ns:big', kind: 'Collapsed', label: 'big · 40', namespace: 'big', group: { key: 'ns:big', members: 40, kinds: { ServiceAccount: 40 }, expandable: true } },
  ],
  edges: [
    { id: 'a', source: 'ServiceAccount/prod/ci', target: 'RoleBinding/prod/ci', relation: 'bound-by' },
    { id: 'b', source: 'RoleBinding/prod/ci', target: 'ClusterRole/edit', relation: 'grants' },
    { id: 'c', source: 'ClusterRole/edit', target: 'Permission/get secrets', relation: 'allows', clusterWide: true },
    { id: 'd', source: 'Collapsed/ns:big', target: 'ClusterRole/edit', relation: 'grants', count: 12 },
  ],
};

const headless = () => cytoscape({ headless: true, styleEnabled: true });

describe('toElements', () => {
  it('maps nodes and edges with kind data and relation labels', () => {
    const els = toElements(graph);
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(6);
    expect(els.find((e) => e.data.id === 'd')?.data).toMatchObject({ source: 'Collapsed/ns:big', label: 'grants ×12', relation: 'grants' });
    expect(els.find((e) => e.data.id === 'a')?.data.label).toBe('bound by');
    expect(els.find((e) => e.data.id === 'Collapsed/ns:big')?.classes).toBe('collapsed');
    expect(els.find((e) => e.data.id === 'c')?.classes).toBe('allows cluster-wide');
    expect(els.find((e) => e.data.id === 'ClusterRole/edit')?.classes).toBe('cluster-wide');
    expect(els.some((e) => e.data.parent)).toBe(false);
  });
  it('labels: namespace/name unless boxed, the detail on a second line, long lines cut', () => {
    const els = toElements(graph);
    expect(els.find((e) => e.data.id === 'ServiceAccount/prod/ci')?.data.label).toBe('prod/ci');
    expect(els.find((e) => e.data.id === 'ClusterRole/edit')?.data.label).toBe('edit\n3 RoleBindings');
    expect(toElements(graph, { compound: true }).find((e) => e.data.id === 'ServiceAccount/prod/ci')?.data.label).toBe('ci');
    const long = nodeLines({ id: 'User/x', kind: 'User', label: 'x'.repeat(80) }, false);
    expect(long[0]).toHaveLength(MAX_LINE);
    expect(long[0]!.endsWith('…')).toBe(true);
  });
  it('boxes are sized to their label: wider for longer text, taller for two lines', () => {
    const els = toElements(graph, { measure: estimateWidth });
    const data = (id: string) => els.find((e) => e.data.id === id)!.data;
    expect(data('ClusterRole/edit').h).toBe(2 * LINE_HEIGHT + 2 * NODE_PAD_Y);
    expect(data('Permission/get secrets').h).toBe(LINE_HEIGHT + 2 * NODE_PAD_Y);
    expect(data('Permission/get secrets').w).toBeGreaterThan(data('ClusterRole/edit').w - 60);
    expect(data('ClusterRole/edit').w).toBeGreaterThan(estimateWidth('3 RoleBindings'));
  });
  it('groups are measured in bold, as they are drawn', () => {
    const measured: [string, boolean][] = [];
    toElements(graph, { measure: (text, bold) => (measured.push([text, bold]), estimateWidth(text, bold)) });
    expect(measured).toContainEqual(['big · 40', true]);
    expect(measured).toContainEqual(['edit', false]);
    expect(estimateWidth('26 more roles', true)).toBeGreaterThan(estimateWidth('26 more roles'));
  });
  it('a group shows the glyph of most of its members', () => {
    expect(glyphKind(graph.nodes[5]!)).toBe('ServiceAccount');
    expect(glyphKind({ id: 'Collapsed/x', kind: 'Collapsed', label: 'x', group: { key: 'x', members: 3, kinds: { User: 1, Group: 2 }, expandable: true } })).toBe('Group');
    expect(glyphKind(graph.nodes[0]!)).toBe('ServiceAccount');
  });
  it('compound: namespace boxes only for namespaces with two or more nodes, never for groups', () => {
    const els = toElements(graph, { compound: true });
    expect(els.filter((e) => e.data.kind === 'Namespace').map((e) => e.data.id)).toEqual(['Namespace/prod']);
    expect(els.find((e) => e.data.id === 'ServiceAccount/prod/ci')?.data.parent).toBe('Namespace/prod');
    expect(els.find((e) => e.data.id === 'Role/dev/lonely')?.data.parent).toBeUndefined();
    expect(els.find((e) => e.data.id === 'Collapsed/ns:big')?.data.parent).toBeUndefined();
    // parents come before children, nodes before edges
    const order = els.map((e) => e.data.id);
    expect(order.indexOf('Namespace/prod')).toBeLessThan(order.indexOf('ServiceAccount/prod/ci'));
  });
  it('risk marks are classes on the nodes they name (never on group nodes), toggled by patching', () => {
    const risk = { 'ServiceAccount/prod/ci': 'critical', 'Collapsed/ns:big': 'high', 'User/absent': 'high' } as const;
    const els = toElements(graph, { risk });
    expect(els.find((e) => e.data.id === 'ServiceAccount/prod/ci')?.classes).toBe('risk-critical');
    expect(els.find((e) => e.data.id === 'Collapsed/ns:big')?.classes).toBe('collapsed');
    expect(els.find((e) => e.data.id === 'RoleBinding/prod/ci')?.classes).toBe('');
    const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet('light') });
    patchElements(cy, els);
    expect(cy.getElementById('ServiceAccount/prod/ci').hasClass('risk-critical')).toBe(true);
    expect(cy.getElementById('ServiceAccount/prod/ci').style('outline-width')).toBe('2.5px');
    patchElements(cy, toElements(graph));
    expect(cy.getElementById('ServiceAccount/prod/ci').hasClass('risk-critical')).toBe(false);
    cy.destroy();
  });
  it('"try a change": gained nodes (never groups) and the edges touching them get change-gained, with risk marks kept', () => {
    const els = toElements(graph, { risk: { 'ServiceAccount/prod/ci': 'high' }, gained: ['ServiceAccount/prod/ci', 'RoleBinding/prod/ci', 'Collapsed/ns:big'] });
    expect(els.find((e) => e.data.id === 'ServiceAccount/prod/ci')?.classes).toBe('risk-high change-gained');
    expect(els.find((e) => e.data.id === 'RoleBinding/prod/ci')?.classes).toBe('change-gained');
    expect(els.find((e) => e.data.id === 'Collapsed/ns:big')?.classes).toBe('collapsed');
    expect(['a', 'b', 'c'].map((id) => els.find((e) => e.data.id === id)?.classes)).toEqual(['bound-by change-gained', 'grants change-gained', 'allows cluster-wide']);
    const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet('light') });
    patchElements(cy, els);
    expect(cy.getElementById('RoleBinding/prod/ci').style('underlay-opacity')).toBe('0.45');
    expect(cy.getElementById('b').style('width')).toBe('3px');
    cy.destroy();
  });
  it('loads into cytoscape and lays out (dagre and fcose options are valid shapes)', () => {
    const cy = headless();
    cy.add(toElements(graph, { compound: true }));
    expect(cy.nodes()).toHaveLength(7);
    expect(cy.edges()).toHaveLength(4);
    expect(layoutOptions('dagre', 7)).toMatchObject({ name: 'dagre', rankDir: 'LR' });
    expect(layoutOptions('fcose', 1000)).toMatchObject({ name: 'fcose', quality: 'draft' });
    cy.destroy();
  });
});

describe('stylesheet', () => {
  const rules = (theme: 'light' | 'dark') => buildStylesheet(theme) as unknown as { selector: string; style: Record<string, unknown> }[];
  it.each(['light', 'dark'] as const)('%s: every node kind has a colour and a glyph', (theme) => {
    const sheet = rules(theme);
    for (const kind of [...NODE_KINDS, 'Collapsed'] as const) {
      expect(sheet.find((r) => r.selector === `node[kind = "${kind}"]`)?.style, kind).toMatchObject({ 'border-color': KIND_TOKENS[kind][theme] });
      expect(sheet.find((r) => r.selector === `node[glyph = "${kind}"]`)?.style, kind).toMatchObject({ 'background-image': glyphUrl(kind, theme) });
    }
  });
  it('node kinds are told apart by glyph shape as well as colour', () => {
    const glyphs = Object.values(KIND_TOKENS).map((t) => t.glyph);
    expect(new Set(glyphs).size).toBe(glyphs.length);
  });
  it('no label is drawn under 10 px, and edges have none by default', () => {
    const sheet = rules('light');
    expect(sheet.find((r) => r.selector === 'node')?.style['min-zoomed-font-size']).toBe(10);
    expect(sheet.find((r) => r.selector === 'edge')?.style.label).toBeUndefined();
    expect(12 * MIN_READABLE_ZOOM).toBeCloseTo(10);
  });
  it('mix tints a colour toward the background', () => {
    expect(mix('#ff0000', '#ffffff', 0)).toBe('#ffffff');
    expect(mix('#ff0000', '#ffffff', 1)).toBe('#ff0000');
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
  });
  it('is accepted by cytoscape', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet('dark', { large: true }) });
    cy.add(toElements(graph));
    expect(cy.getElementById('Permission/get secrets').style('shape')).toBe('round-rectangle');
    expect(cy.getElementById('ClusterRole/edit').style('label')).toBe('edit\n3 RoleBindings');
    cy.destroy();
  });
});

describe('fitReadable', () => {
  // a headless cytoscape reports a 0x0 container: give it one
  const sized = (w: number, h: number) => {
    const cy = headless();
    Object.assign(cy, { width: () => w, height: () => h });
    return cy;
  };
  it.each([
    { name: 'a small graph is not drawn huge', nodes: 2, want: MAX_FIT_ZOOM },
    { name: 'a graph that fits is fitted', nodes: 12, want: 'fit' },
    { name: 'a graph too tall stays readable', nodes: 60, want: MIN_READABLE_ZOOM },
  ])('$name', ({ nodes, want }) => {
    const cy = sized(900, 500);
    cy.add(Array.from({ length: nodes }, (_, i) => ({ group: 'nodes' as const, data: { id: `n${i}` }, position: { x: 0, y: i * 40 } })));
    fitReadable(cy);
    if (want === 'fit') {
      expect(cy.zoom()).toBeGreaterThan(MIN_READABLE_ZOOM);
      expect(cy.zoom()).toBeLessThan(MAX_FIT_ZOOM);
    } else expect(cy.zoom()).toBeCloseTo(want as number);
    cy.destroy();
  });
});

describe('patchElements', () => {
  it('adds, removes and updates by id inside one batch', () => {
    const cy = headless();
    expect(patchElements(cy, toElements(graph))).toEqual({ added: 10, removed: 0, moved: 0 });
    expect(patchElements(cy, toElements(graph))).toEqual({ added: 0, removed: 0, moved: 0 });
    const smaller: Graph = { nodes: graph.nodes.slice(0, 2), edges: graph.edges.slice(0, 1) };
    expect(patchElements(cy, toElements(smaller))).toEqual({ added: 0, removed: 7, moved: 0 });
    const relabelled: Graph = { nodes: [{ ...graph.nodes[0]!, label: 'renamed' }, graph.nodes[1]!], edges: smaller.edges };
    patchElements(cy, toElements(relabelled));
    expect(cy.getElementById('ServiceAccount/prod/ci').data('label')).toBe('prod/renamed');
    cy.destroy();
  });
  it('moves nodes into and out of namespace boxes', () => {
    const cy = headless();
    patchElements(cy, toElements(graph));
    const boxed = patchElements(cy, toElements(graph, { compound: true }));
    expect(boxed).toEqual({ added: 1, removed: 0, moved: 2 });
    expect(cy.getElementById('RoleBinding/prod/ci').parent().first().id()).toBe('Namespace/prod');
    expect(patchElements(cy, toElements(graph))).toEqual({ added: 0, removed: 1, moved: 2 });
    expect(cy.getElementById('RoleBinding/prod/ci').parent().empty()).toBe(true);
    cy.destroy();
  });
});
