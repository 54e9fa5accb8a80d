// Pure: engine Graph -> Cytoscape element definitions (ids, data, classes). Namespace compound boxes
// are added when `compound` is set (force layout only: the layered layout reads better without).
import type { ElementDefinition } from 'cytoscape';
import { RELATION_LABELS, type Graph } from '@/lib/engine/graph';

export interface ElementOptions {
  compound?: boolean;
  /** node id -> risk level: the node gets the class risk-critical or risk-high */
  risk?: Readonly<Record<string, 'critical' | 'high'>> | undefined;
  /** "try a change": node ids gained with the change (subjects, bindings): class change-gained on them and their edges */
  gained?: readonly string[] | undefined;
}

export const NAMESPACE_BOX_PREFIX = 'Namespace/';

export function toElements(graph: Graph, options: ElementOptions = {}): ElementDefinition[] {
  const boxes = new Map<string, ElementDefinition>();
  const gained = new Set(options.gained ?? []);
  const nodes: ElementDefinition[] = [];
  for (const n of graph.nodes) {
    const data: ElementDefinition['data'] = { id: n.id, label: n.label, kind: n.kind };
    if (n.namespace !== undefined) data.ns = n.namespace;
    if (n.group) data.members = n.group.members;
    if (options.compound && n.namespace !== undefined && n.kind !== 'Collapsed') {
      const boxId = `${NAMESPACE_BOX_PREFIX}${n.namespace}`;
      if (!boxes.has(boxId)) boxes.set(boxId, { group: 'nodes', data: { id: boxId, label: n.namespace, kind: 'Namespace' }, classes: 'ns-box' });
      data.parent = boxId;
    }
    const risk = options.risk?.[n.id];
    const classes = n.kind === 'Collapsed' ? 'collapsed' : risk ? `risk-${risk}` : '';
    nodes.push({ group: 'nodes', data, classes: n.kind !== 'Collapsed' && gained.has(n.id) ? `${classes} change-gained`.trim() : classes });
  }
  // A namespace with a single node gains nothing from a box.
  const children = new Map<string, number>();
  for (const n of nodes) if (n.data.parent) children.set(n.data.parent, (children.get(n.data.parent) ?? 0) + 1);
  for (const n of nodes) if (n.data.parent && (children.get(n.data.parent) ?? 0) < 2) delete n.data.parent;
  const usedBoxes = [...boxes.values()].filter((b) => (children.get(b.data.id!) ?? 0) >= 2);

  const edges: ElementDefinition[] = graph.edges.map((e) => ({
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      relation: e.relation,
      label: e.count && e.count > 1 ? `${RELATION_LABELS[e.relation]} ×${e.count}` : RELATION_LABELS[e.relation],
    },
    classes: gained.has(e.source) || gained.has(e.target) ? `${e.relation} change-gained` : e.relation,
  }));
  return [...usedBoxes, ...nodes, ...edges];
}
