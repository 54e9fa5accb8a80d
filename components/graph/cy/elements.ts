// Pure: engine Graph -> Cytoscape element definitions (ids, data, classes). Every node is a box sized
// to its label (measured, so that layouts that space boxes never overlap labels); namespaced objects
// read "namespace/name" unless drawn inside their namespace's box. Namespace compound boxes are added
// when `compound` is set (force layout only: the layered layout reads better without).
import type { ElementDefinition } from 'cytoscape';
import { RELATION_LABELS, type Graph, type GraphNode, type NodeKind } from '@/lib/engine/graph';
import { FONT_SIZE, GLYPH_GAP, GLYPH_SIZE, LINE_HEIGHT, NODE_PAD_X, NODE_PAD_Y, type VisualKind } from './tokens';

export interface ElementOptions {
  compound?: boolean;
  /** node id -> risk level: the node gets the class risk-critical or risk-high */
  risk?: Readonly<Record<string, 'critical' | 'high'>> | undefined;
  /** "try a change": node ids gained with the change (subjects, bindings): class change-gained on them and their edges */
  gained?: readonly string[] | undefined;
  /** width in px of a line of text at the graph's font, bold for groups (the browser measures; tests estimate) */
  measure?: (text: string, bold: boolean) => number;
}

export const NAMESPACE_BOX_PREFIX = 'Namespace/';
/** Longest label line drawn, in characters (longer ones end in "…"; the details panel has the full text). */
export const MAX_LINE = 30;

/** An estimate of a line's width at FONT_SIZE, for when no browser measures (tests, server). */
export function estimateWidth(text: string, bold = false): number {
  return text.length * FONT_SIZE * (bold ? 0.62 : 0.56);
}

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}

/** The lines a node shows: its name (with its namespace unless boxed), then its detail line. */
export function nodeLines(n: GraphNode, boxed: boolean): string[] {
  const name = n.kind !== 'Collapsed' && n.namespace !== undefined && !boxed ? `${n.namespace}/${n.label}` : n.label;
  return n.detail ? [clip(name), clip(n.detail)] : [clip(name)];
}

/** The kind whose glyph a node shows: its own, or for a group the kind most of its members are. */
export function glyphKind(n: GraphNode): VisualKind {
  if (n.kind !== 'Collapsed') return n.kind;
  const kinds = Object.entries(n.group?.kinds ?? {}) as [NodeKind, number][];
  kinds.sort((a, b) => b[1] - a[1]);
  return kinds[0]?.[0] ?? 'Collapsed';
}

export function toElements(graph: Graph, options: ElementOptions = {}): ElementDefinition[] {
  const measure = options.measure ?? estimateWidth;
  const boxes = new Map<string, ElementDefinition>();
  const gained = new Set(options.gained ?? []);
  const nodes: ElementDefinition[] = [];
  // A namespace with a single node gains nothing from a box.
  const perNs = new Map<string, number>();
  if (options.compound) for (const n of graph.nodes) if (n.namespace !== undefined && n.kind !== 'Collapsed') perNs.set(n.namespace, (perNs.get(n.namespace) ?? 0) + 1);
  for (const [order, n] of graph.nodes.entries()) {
    const boxed = options.compound === true && n.namespace !== undefined && n.kind !== 'Collapsed' && (perNs.get(n.namespace) ?? 0) >= 2;
    const lines = nodeLines(n, boxed);
    // groups draw their label in bold (stylesheet.ts)
    const width = Math.max(...lines.map((l) => measure(l, n.kind === 'Collapsed')));
    const data: ElementDefinition['data'] = {
      id: n.id,
      label: lines.join('\n'),
      kind: n.kind,
      glyph: glyphKind(n),
      w: Math.ceil(width + 2 * NODE_PAD_X + GLYPH_SIZE + GLYPH_GAP),
      h: lines.length * LINE_HEIGHT + 2 * NODE_PAD_Y,
      // the graph's order (riskiest subjects first): the layered layout keeps it where it can
      order,
    };
    if (n.namespace !== undefined) data.ns = n.namespace;
    if (n.group) data.members = n.group.members;
    if (boxed) {
      const boxId = `${NAMESPACE_BOX_PREFIX}${n.namespace}`;
      if (!boxes.has(boxId)) boxes.set(boxId, { group: 'nodes', data: { id: boxId, label: n.namespace, kind: 'Namespace' }, classes: 'ns-box' });
      data.parent = boxId;
    }
    const classes: string[] = [];
    if (n.kind === 'Collapsed') classes.push('collapsed');
    else if (options.risk?.[n.id]) classes.push(`risk-${options.risk[n.id]}`);
    if (n.clusterWide) classes.push('cluster-wide');
    if (n.kind !== 'Collapsed' && gained.has(n.id)) classes.push('change-gained');
    nodes.push({ group: 'nodes', data, classes: classes.join(' ') });
  }

  const edges: ElementDefinition[] = graph.edges.map((e) => ({
    group: 'edges',
    data: {
      id: e.id,
      source: e.source,
      target: e.target,
      relation: e.relation,
      label: e.count && e.count > 1 ? `${RELATION_LABELS[e.relation]} ×${e.count}` : RELATION_LABELS[e.relation],
    },
    classes: [e.relation, ...(e.clusterWide ? ['cluster-wide'] : []), ...(gained.has(e.source) || gained.has(e.target) ? ['change-gained'] : [])].join(' '),
  }));
  return [...boxes.values(), ...nodes, ...edges];
}
