// Pure: the Cytoscape stylesheet. Node look comes from data(kind) via tokens.ts; state (selected,
// highlighted, dimmed) is a class toggled by GraphCanvas, never a per-element style write.
import type { StylesheetJson } from 'cytoscape';
import { KIND_TOKENS, THEME, type ThemeName, type VisualKind } from './tokens';

export function buildStylesheet(theme: ThemeName, options: { large?: boolean } = {}): StylesheetJson {
  const t = THEME[theme];
  const kinds = Object.entries(KIND_TOKENS) as [VisualKind, (typeof KIND_TOKENS)[VisualKind]][];
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: t.text,
        'font-size': 11,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '130px',
        'min-zoomed-font-size': 6,
        'border-width': 2,
        'border-color': t.background,
        'text-background-color': t.background,
        'text-background-opacity': 0.7,
        'text-background-padding': '1px',
      },
    },
    ...kinds.map(([kind, token]) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        shape: token.shape,
        'background-color': token[theme],
        width: token.size[0],
        height: token.size[1],
      },
    })) as StylesheetJson,
    {
      selector: 'node.collapsed',
      style: {
        'background-opacity': 0.18,
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': KIND_TOKENS.Collapsed[theme],
        width: 'mapData(members, 2, 200, 46, 110)',
        height: 'mapData(members, 2, 200, 30, 60)',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.ns-box',
      style: {
        shape: 'round-rectangle',
        'background-color': t.nsBox,
        'background-opacity': 0.6,
        'border-width': 1,
        'border-color': t.nsBorder,
        'border-style': 'solid',
        label: 'data(label)',
        color: t.muted,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -2,
        'font-size': 11,
        padding: '12px',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': t.edge,
        'target-arrow-color': t.edge,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': options.large ? 'straight' : 'bezier',
        label: 'data(label)',
        'font-size': 8,
        color: t.muted,
        'text-rotation': 'autorotate',
        'text-background-color': t.background,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
      },
    },
    { selector: 'edge.member-of, edge.runs-as', style: { 'line-style': 'dashed' } },
    // subjects with a high or critical finding: a ring outside the node (the border shows selection)
    { selector: 'node.risk-critical', style: { 'outline-width': 3, 'outline-offset': 2, 'outline-color': t.riskCritical, 'outline-opacity': 1 } },
    { selector: 'node.risk-high', style: { 'outline-width': 2, 'outline-offset': 2, 'outline-color': t.riskHigh, 'outline-opacity': 1 } },
    // "try a change": what the change adds to the answer, a green halo and green edges
    { selector: 'node.change-gained', style: { 'underlay-color': t.gained, 'underlay-opacity': 0.45, 'underlay-padding': 10, 'underlay-shape': 'ellipse', 'font-weight': 'bold', 'min-zoomed-font-size': 0 } },
    { selector: 'edge.change-gained', style: { width: 3, 'line-color': t.gained, 'target-arrow-color': t.gained, 'z-index': 5 } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    // labels along a highlighted path stay readable when zoomed out
    { selector: 'node.highlighted', style: { 'border-color': t.highlight, 'border-width': 2, 'min-zoomed-font-size': 0, 'font-size': 12, 'z-index': 15 } },
    {
      selector: 'edge.highlighted',
      style: { width: 2.4, 'line-color': t.highlight, 'target-arrow-color': t.highlight, color: t.text, 'z-index': 10 },
    },
    {
      selector: 'node.selected',
      style: { 'border-color': t.highlight, 'border-width': 4, 'overlay-color': t.highlight, 'overlay-opacity': 0.08, 'z-index': 20 },
    },
  ];
}
