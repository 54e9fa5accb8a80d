// Layout options per view: a layered layout (dagre, left to right: subject -> binding -> role ->
// permission) and a force-directed overview (fcose). Registered once by register.ts.
import type { LayoutOptions } from 'cytoscape';

export type LayoutName = 'dagre' | 'fcose';

export const LAYOUTS: readonly { name: LayoutName; label: string }[] = [
  { name: 'dagre', label: 'Layered' },
  { name: 'fcose', label: 'Force' },
];

export function isLayoutName(v: unknown): v is LayoutName {
  return v === 'dagre' || v === 'fcose';
}

export function layoutOptions(name: LayoutName, nodeCount: number): LayoutOptions {
  if (name === 'dagre') {
    return {
      name: 'dagre',
      rankDir: 'LR',
      nodeSep: nodeCount > 150 ? 8 : 18,
      rankSep: nodeCount > 150 ? 140 : 170,
      edgeSep: 4,
      animate: false,
      fit: true,
      padding: 24,
    } as LayoutOptions;
  }
  return {
    name: 'fcose',
    quality: nodeCount > 250 ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: true,
    padding: 24,
    nodeDimensionsIncludeLabels: nodeCount <= 300,
    nodeRepulsion: () => (nodeCount <= 80 ? 9000 : 6500),
    idealEdgeLength: () => (nodeCount <= 80 ? 90 : 70),
    nestingFactor: 0.6,
    numIter: nodeCount > 250 ? 1200 : 2500,
    packComponents: true,
    tile: true,
  } as LayoutOptions;
}
