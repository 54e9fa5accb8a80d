// Layout options per view, from maintained extensions: layered (dagre, left to right: who -> binding ->
// role -> permission) and a force-directed overview (fcose). Node boxes hold their labels, so both
// layouts space labels as they space nodes. Registered once by register.ts.
import type { Core, LayoutOptions, NodeSingular } from 'cytoscape';
import { MIN_READABLE_ZOOM } from './tokens';

export type LayoutName = 'dagre' | 'fcose';

export const LAYOUTS: readonly { name: LayoutName; label: string }[] = [
  { name: 'dagre', label: 'Layered' },
  { name: 'fcose', label: 'Force' },
];

/** Zoom the default view never goes above (a three-node answer is not drawn huge). */
export const MAX_FIT_ZOOM = 1.3;
export const FIT_PADDING = 24;

export function isLayoutName(v: unknown): v is LayoutName {
  return v === 'dagre' || v === 'fcose';
}

export function layoutOptions(name: LayoutName, nodeCount: number): LayoutOptions {
  if (name === 'dagre') {
    return {
      name: 'dagre',
      rankDir: 'LR',
      nodeSep: 10,
      rankSep: 44,
      edgeSep: 6,
      ranker: 'network-simplex',
      // nodes in the graph's order (riskiest subjects first), dagre's tie-breaker
      sort: (a: NodeSingular, b: NodeSingular) => ((a.data('order') as number | undefined) ?? 0) - ((b.data('order') as number | undefined) ?? 0),
      animate: false,
      fit: false,
    } as LayoutOptions;
  }
  return {
    name: 'fcose',
    quality: nodeCount > 250 ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    nodeSeparation: 40,
    nodeRepulsion: () => 12000,
    idealEdgeLength: () => 90,
    edgeElasticity: () => 0.3,
    nestingFactor: 0.6,
    numIter: nodeCount > 250 ? 1200 : 2500,
    packComponents: true,
    tile: true,
  } as LayoutOptions;
}

/**
 * The default view after a layout: the whole graph in the canvas (less `rightInset` px), at no more
 * than MAX_FIT_ZOOM, and never below MIN_READABLE_ZOOM (labels under 10 px): a graph too big for
 * that is shown from its top left corner at the readable zoom, to pan from.
 */
export function fitReadable(cy: Core, rightInset = 0): void {
  const bb = cy.elements().boundingBox({});
  if (bb.w === 0 && bb.h === 0) return;
  const w = Math.max(cy.width() - rightInset - 2 * FIT_PADDING, 50);
  const h = Math.max(cy.height() - 2 * FIT_PADDING, 50);
  const fit = Math.min(w / Math.max(bb.w, 1), h / Math.max(bb.h, 1));
  const zoom = Math.max(Math.min(fit, MAX_FIT_ZOOM), MIN_READABLE_ZOOM);
  const x = bb.w * zoom <= w ? FIT_PADDING + (w - bb.w * zoom) / 2 - bb.x1 * zoom : FIT_PADDING - bb.x1 * zoom;
  const y = bb.h * zoom <= h ? FIT_PADDING + (h - bb.h * zoom) / 2 - bb.y1 * zoom : FIT_PADDING - bb.y1 * zoom;
  cy.viewport({ zoom, pan: { x, y } });
}
