import { describe, expect, it } from 'vitest';
import { collapseGraph, groupKeyOf, groupNodeId, MORE_GROUP } from './graph-collapse';
import type { Graph, GraphEdge, GraphNode } from './graph';

/** n namespaces, each with `perNs` service accounts bound by one RoleBinding to a shared ClusterRole. */
function wide(n: number, perNs: number, users = 0): Graph {
  const nodes: GraphNode[] = [
    { id: 'ClusterRole/reader', kind: 'ClusterRole', label: 'reader' },
    { id: 'Permission/get secrets', kind: 'Permission', label: 'get secrets' },
  ];
  const edges: GraphEdge[] = [{ id: 'ClusterRole/reader->Permission/get secrets', source: 'ClusterRole/reader', target: 'Permission/get secrets', relation: 'allows' }];
  const edge = (source: string, target: string, relation: GraphEdge['relation']) => edges.push({ id: `${source}->${target}`, source, target, relation });
  for (let i = 0; i < n; i++) {
    const ns = `ns-${String(i).padStart(3, '0')}`;
    const rb = `RoleBinding/${ns}/read`;
    nodes.push({ id: rb, kind: 'RoleBinding', label: 'read', namespace: ns });
    edge(rb, 'ClusterRole/reader', 'grants');
    for (let j = 0; j < perNs + (i % 3); j++) {
      const sa = `ServiceAccount/${ns}/sa-${j}`;
      nodes.push({ id: sa, kind: 'ServiceAccount', label: `sa-${j}`, namespace: ns });
      edge(sa, rb, 'bound-by');
    }
  }
  for (let u = 0; u < users; u++) {
    nodes.push({ id: `User/u${u}`, kind: 'User', label: `u${u}` });
    edges.push({ id: `User/u${u}->RoleBinding/ns-000/read`, source: `User/u${u}`, target: 'RoleBinding/ns-000/read', relation: 'bound-by' });
  }
  return { nodes, edges };
}

const ids = (g: Graph) => g.nodes.map((n) => n.id);

describe('collapseGraph', () => {
  it('leaves small graphs alone', () => {
    const g = wide(3, 2);
    const r = collapseGraph(g);
    expect(r).toEqual({ graph: g, collapsed: false, groups: [], hidden: 0 });
  });

  it('collapses namespaced nodes per namespace and keeps roles and permissions', () => {
    const r = collapseGraph(wide(20, 15), { maxNodes: 100 });
    expect(r.collapsed).toBe(true);
    expect(ids(r.graph)).toContain('ClusterRole/reader');
    expect(ids(r.graph)).toContain('Permission/get secrets');
    expect(ids(r.graph)).toContain(groupNodeId('ns:ns-000'));
    expect(r.graph.nodes.some((n) => n.kind === 'ServiceAccount')).toBe(false);
    const group = r.graph.nodes.find((n) => n.id === groupNodeId('ns:ns-001'))!;
    expect(group.group).toEqual({ key: 'ns:ns-001', members: 17, kinds: { RoleBinding: 1, ServiceAccount: 16 }, expandable: true });
    // edges re-pointed to the group, counted, without self-loops
    const e = r.graph.edges.find((x) => x.source === group.id)!;
    expect(e).toMatchObject({ target: 'ClusterRole/reader', relation: 'grants', count: 1 });
    expect(r.graph.edges.some((x) => x.source === x.target)).toBe(false);
  });

  it('merges the smallest namespaces into one "more" group beyond maxGroups', () => {
    const r = collapseGraph(wide(100, 3), { maxNodes: 50, maxGroups: 10 });
    const nsGroups = r.graph.nodes.filter((n) => n.group?.key.startsWith('ns:'));
    expect(nsGroups).toHaveLength(9);
    const more = r.groups.find((g) => g.key === MORE_GROUP)!;
    expect(more.namespaces).toHaveLength(91);
    expect(r.graph.nodes.find((n) => n.id === more.id)?.group?.expandable).toBe(false);
    expect(r.graph.nodes.length).toBeLessThan(15);
  });

  it('expanded groups show their members again, even from inside "more"', () => {
    const r = collapseGraph(wide(100, 3), { maxNodes: 50, maxGroups: 10, expanded: ['ns:ns-050'] });
    expect(ids(r.graph)).toContain('ServiceAccount/ns-050/sa-0');
    expect(ids(r.graph)).toContain('RoleBinding/ns-050/read');
    expect(r.groups.find((g) => g.key === MORE_GROUP)?.namespaces).not.toContain('ns-050');
  });

  it('collapses users per kind only when there are many', () => {
    expect(ids(collapseGraph(wide(20, 10, 5), { maxNodes: 50, maxPerKind: 10 }).graph)).toContain('User/u0');
    const r = collapseGraph(wide(20, 10, 30), { maxNodes: 50, maxPerKind: 10 });
    expect(ids(r.graph)).not.toContain('User/u0');
    expect(r.graph.nodes.find((n) => n.id === groupNodeId('kind:User'))?.label).toBe('30 users');
  });

  it('stays within a few hundred nodes for thousands of subjects', () => {
    const g = wide(1000, 4, 200);
    expect(g.nodes.length).toBeGreaterThan(5000);
    const r = collapseGraph(g);
    expect(r.graph.nodes.length).toBeLessThan(60);
    expect(r.hidden).toBe(g.nodes.length - r.graph.nodes.length + r.groups.length);
  });

  // prettier-ignore
  const keys = [
    { node: { id: 'ServiceAccount/a/b', kind: 'ServiceAccount', label: 'b', namespace: 'a' }, want: 'ns:a' },
    { node: { id: 'Pod/a/b', kind: 'Pod', label: 'b', namespace: 'a' }, want: 'ns:a' },
    { node: { id: 'User/x', kind: 'User', label: 'x' }, want: 'kind:User' },
    { node: { id: 'ClusterRoleBinding/x', kind: 'ClusterRoleBinding', label: 'x' }, want: 'kind:ClusterRoleBinding' },
    { node: { id: 'ClusterRole/x', kind: 'ClusterRole', label: 'x' }, want: undefined },
    { node: { id: 'Permission/get x', kind: 'Permission', label: 'get x' }, want: undefined },
  ] as const;
  it.each(keys)('group key of $node.id is $want', ({ node, want }) => {
    expect(groupKeyOf(node as GraphNode)).toBe(want);
  });
});
