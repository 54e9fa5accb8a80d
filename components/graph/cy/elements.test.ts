import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, type Graph } from '@/lib/engine/graph';
import { toElements } from './elements';
import { layoutOptions } from './layouts';
import { patchElements } from './patch';
import { buildStylesheet } from './stylesheet';
import { KIND_TOKENS } from './tokens';

const graph: Graph = {
  nodes: [
    { id: 'ServiceAccount/prod/ci', kind: 'ServiceAccount', label: 'ci', namespace: 'prod' },
    { id: 'RoleBinding/prod/ci', kind: 'RoleBinding', label: 'ci', namespace: 'prod' },
    { id: 'Role/dev/lonely', kind: 'Role', label: 'lonely', namespace: 'dev' },
    { id: 'ClusterRole/edit', kind: 'ClusterRole', label: 'edit', matchedRules: [2] },
    { id: 'Permission/get secrets', kind: 'Permission', label: 'get secrets' },
    { id: 'Collapsed/ns:big', kind: 'Collapsed', label: 'big · 40', namespace: 'big', group: { key: 'ns:big', members: 40, kinds: { ServiceAccount: 40 }, expandable: true } },
  ],
  edges: [
    { id: 'a', source: 'ServiceAccount/prod/ci', target: 'RoleBinding/prod/ci', relation: 'bound-by' },
    { id: 'b', source: 'RoleBinding/prod/ci', target: 'ClusterRole/edit', relation: 'grants' },
    { id: 'c', source: 'ClusterRole/edit', target: 'Permission/get secrets', relation: 'allows' },
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
    expect(els.some((e) => e.data.parent)).toBe(false);
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
    expect(cy.getElementById('ServiceAccount/prod/ci').style('outline-width')).toBe('3px');
    patchElements(cy, toElements(graph));
    expect(cy.getElementById('ServiceAccount/prod/ci').hasClass('risk-critical')).toBe(false);
    cy.destroy();
  });
  it('"try a change": gained nodes (never groups) and the edges touching them get change-gained, with risk marks kept', () => {
    const els = toElements(graph, { risk: { 'ServiceAccount/prod/ci': 'high' }, gained: ['ServiceAccount/prod/ci', 'RoleBinding/prod/ci', 'Collapsed/ns:big'] });
    expect(els.find((e) => e.data.id === 'ServiceAccount/prod/ci')?.classes).toBe('risk-high change-gained');
    expect(els.find((e) => e.data.id === 'RoleBinding/prod/ci')?.classes).toBe('change-gained');
    expect(els.find((e) => e.data.id === 'Collapsed/ns:big')?.classes).toBe('collapsed');
    expect(['a', 'b', 'c'].map((id) => els.find((e) => e.data.id === id)?.classes)).toEqual(['bound-by change-gained', 'grants change-gained', 'allows']);
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
  it.each(['light', 'dark'] as const)('%s: every node kind has a shape and colour', (theme) => {
    const sheet = buildStylesheet(theme);
    for (const kind of [...NODE_KINDS, 'Collapsed'] as const) {
      const rule = sheet.find((r) => 'selector' in r && r.selector === `node[kind = "${kind}"]`);
      expect(rule, kind).toBeDefined();
      expect((rule as unknown as { style: Record<string, unknown> }).style).toMatchObject({ shape: KIND_TOKENS[kind].shape, 'background-color': KIND_TOKENS[kind][theme] });
    }
  });
  it('node kinds are told apart by shape as well as colour', () => {
    const shapes = Object.values(KIND_TOKENS).map((t) => t.shape);
    expect(new Set(shapes).size).toBe(shapes.length);
  });
  it('is accepted by cytoscape', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet('dark', { large: true }) });
    cy.add(toElements(graph));
    expect(cy.getElementById('Permission/get secrets').style('shape')).toBe('star');
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
    expect(cy.getElementById('ServiceAccount/prod/ci').data('label')).toBe('renamed');
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
