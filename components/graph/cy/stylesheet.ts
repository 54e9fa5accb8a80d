// Pure: the Cytoscape stylesheet. Node look comes from data(kind) / data(glyph) via tokens.ts; size
// from data(w) / data(h) (elements.ts measures the label); state (selected, highlighted, dimmed) is a
// class toggled by GraphCanvas, never a per-element style write. No label is drawn under 10 px on
// screen (min-zoomed-font-size), and edges carry no labels (the details panel and the accessible
// list say what an edge is; the legend says how to read them; edge labels crowd a dense graph).
import type { StylesheetJson } from 'cytoscape';
import { FONT_FAMILY, FONT_SIZE, GLYPH_GAP, GLYPH_SIZE, KIND_TOKENS, LINE_HEIGHT, NODE_PAD_X, THEME, glyphUrl, mix, type ThemeName, type VisualKind } from './tokens';

const READABLE_PX = 10;

export function buildStylesheet(theme: ThemeName, options: { large?: boolean } = {}): StylesheetJson {
  const t = THEME[theme];
  const kinds = Object.keys(KIND_TOKENS) as VisualKind[];
  return [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        color: t.text,
        'font-family': FONT_FAMILY,
        'font-size': FONT_SIZE,
        'line-height': LINE_HEIGHT / FONT_SIZE,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-justification': 'left',
        'text-wrap': 'wrap',
        'text-max-width': '1000px',
        // the label sits right of the glyph
        'text-margin-x': (GLYPH_SIZE + GLYPH_GAP) / 2,
        'min-zoomed-font-size': READABLE_PX,
        'border-width': 1.5,
        'background-image-smoothing': 'yes',
        'background-width': GLYPH_SIZE,
        'background-height': GLYPH_SIZE,
        'background-position-x': NODE_PAD_X,
        'background-position-y': '50%',
        'background-clip': 'none',
        'background-fit': 'none',
      },
    },
    ...kinds.map((kind) => ({
      selector: `node[kind = "${kind}"]`,
      style: {
        'background-color': mix(KIND_TOKENS[kind][theme], t.background, theme === 'light' ? 0.12 : 0.22),
        'border-color': KIND_TOKENS[kind][theme],
      },
    })),
    ...kinds.map((kind) => ({
      selector: `node[glyph = "${kind}"]`,
      style: { 'background-image': glyphUrl(kind, theme) },
    })),
    {
      selector: 'node.collapsed',
      style: { 'border-style': 'dashed', 'border-width': 2, 'font-weight': 'bold' },
    },
    ...kinds.filter((k) => k !== 'Collapsed').map((kind) => ({
      selector: `node.collapsed[glyph = "${kind}"]`,
      style: { 'border-color': KIND_TOKENS[kind][theme], 'background-color': mix(KIND_TOKENS[kind][theme], t.background, theme === 'light' ? 0.06 : 0.12) },
    })),
    {
      selector: 'node.ns-box',
      style: {
        shape: 'round-rectangle',
        'background-color': t.nsBox,
        'background-opacity': 0.6,
        'background-image': 'none',
        'border-width': 1,
        'border-color': t.nsBorder,
        'border-style': 'solid',
        label: 'data(label)',
        color: t.muted,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-x': 0,
        'text-margin-y': -2,
        'font-size': FONT_SIZE,
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
        'font-family': FONT_FAMILY,
        'font-size': 11,
        color: t.text,
        'text-rotation': 'autorotate',
        'text-background-color': t.background,
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'min-zoomed-font-size': READABLE_PX,
      },
    },
    { selector: 'edge.member-of, edge.runs-as', style: { 'line-style': 'dashed' } },
    // a grant that applies cluster-wide (a ClusterRoleBinding): red and thicker
    { selector: 'edge.cluster-wide', style: { 'line-color': t.clusterWide, 'target-arrow-color': t.clusterWide, width: 2 } },
    // subjects with a high or critical finding: a ring outside the node (the border shows selection)
    { selector: 'node.risk-critical', style: { 'outline-width': 2.5, 'outline-offset': 1.5, 'outline-color': t.riskCritical, 'outline-opacity': 1 } },
    { selector: 'node.risk-high', style: { 'outline-width': 2, 'outline-offset': 1.5, 'outline-color': t.riskHigh, 'outline-opacity': 1 } },
    // "try a change": what the change adds to the answer, a green halo and green edges
    { selector: 'node.change-gained', style: { 'underlay-color': t.gained, 'underlay-opacity': 0.45, 'underlay-padding': 10, 'underlay-shape': 'ellipse', 'font-weight': 'bold', 'min-zoomed-font-size': 0 } },
    { selector: 'edge.change-gained', style: { width: 3, 'line-color': t.gained, 'target-arrow-color': t.gained, 'z-index': 5 } },
    { selector: '.dimmed', style: { opacity: 0.2 } },
    { selector: 'node.highlighted', style: { 'border-color': t.highlight, 'border-width': 2, 'z-index': 15 } },
    { selector: 'edge.highlighted', style: { width: 2.4, 'line-color': t.highlight, 'target-arrow-color': t.highlight, 'z-index': 10 } },
    { selector: 'edge.highlighted.cluster-wide', style: { 'line-color': t.clusterWide, 'target-arrow-color': t.clusterWide } },
    {
      selector: 'node.selected',
      style: { 'border-color': t.highlight, 'border-width': 3, 'overlay-color': t.highlight, 'overlay-opacity': 0.08, 'z-index': 20 },
    },
  ];
}
