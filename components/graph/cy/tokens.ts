// Visual tokens of node kinds: one source for the Cytoscape stylesheet, the node glyphs and the React
// legend. A node is a rounded box holding its label, tinted in its kind's colour, with the kind's
// glyph (a distinct shape per kind, so kinds are told apart without colour too) at its left.
import type { NodeKind } from '@/lib/engine/graph';

export type VisualKind = NodeKind | 'Collapsed';

export interface KindToken {
  label: string;
  /** SVG path of the kind's glyph in a 16x16 box */
  glyph: string;
  light: string;
  dark: string;
}

export const KIND_TOKENS = {
  User: { label: 'User', glyph: 'M8 1a7 7 0 1 0 0.01 0Z', light: '#2563eb', dark: '#60a5fa' },
  Group: { label: 'Group', glyph: 'M4.5 2h7l3.5 6-3.5 6h-7L1 8Z', light: '#7c3aed', dark: '#a78bfa' },
  ServiceAccount: { label: 'ServiceAccount', glyph: 'M8 1l7 7-7 7-7-7Z', light: '#0d9488', dark: '#2dd4bf' },
  Pod: { label: 'Pod', glyph: 'M3 3h10q2 5 0 10H3q-2-5 0-10Z', light: '#64748b', dark: '#94a3b8' },
  RoleBinding: { label: 'RoleBinding', glyph: 'M4 3h11l-3 10H1Z', light: '#b45309', dark: '#fbbf24' },
  ClusterRoleBinding: { label: 'ClusterRoleBinding', glyph: 'M4 3h8l3 3v4l-3 3H4l-3-3V6Z', light: '#c2410c', dark: '#fb923c' },
  Role: { label: 'Role', glyph: 'M1 3h10l4 5-4 5H1Z', light: '#047857', dark: '#34d399' },
  ClusterRole: { label: 'ClusterRole', glyph: 'M5 1h6l4 4v6l-4 4H5l-4-4V5Z', light: '#15803d', dark: '#4ade80' },
  Permission: { label: 'Permission', glyph: 'M8 1l2 5h5l-4 3 2 6-5-4-5 4 2-6-4-3h5Z', light: '#e11d48', dark: '#fb7185' },
  Collapsed: { label: 'Group of nodes (click to name more)', glyph: 'M3 3h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z', light: '#475569', dark: '#94a3b8' },
} as const satisfies Record<VisualKind, KindToken>;

export const LEGEND_ORDER: readonly VisualKind[] = [
  'User', 'Group', 'ServiceAccount', 'Pod', 'RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole', 'Permission', 'Collapsed',
];

export const THEME = {
  light: { background: '#ffffff', text: '#0f172a', muted: '#475569', edge: '#94a3b8', highlight: '#0f172a', nsBox: '#f1f5f9', nsBorder: '#cbd5e1', riskCritical: '#be123c', riskHigh: '#ea580c', clusterWide: '#e11d48', gained: '#16a34a' },
  dark: { background: '#020617', text: '#e2e8f0', muted: '#94a3b8', edge: '#475569', highlight: '#f8fafc', nsBox: '#0f172a', nsBorder: '#334155', riskCritical: '#fb7185', riskHigh: '#fb923c', clusterWide: '#fb7185', gained: '#4ade80' },
} as const;

export type ThemeName = keyof typeof THEME;

/** The graph's font: the app's sans-serif stack, so that labels measure as they draw. */
export const FONT_FAMILY = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
/** Label size in model px: at the default zoom (see MIN_READABLE_ZOOM) never under 10 px on screen. */
export const FONT_SIZE = 12;
export const LINE_HEIGHT = 15;
/** Below this zoom a 12 px label draws under 10 px: the default view never fits smaller. */
export const MIN_READABLE_ZOOM = 10 / FONT_SIZE;
/** Node box geometry (model px): padding, and the glyph's size and left offset. */
export const NODE_PAD_X = 8;
export const NODE_PAD_Y = 6;
export const GLYPH_SIZE = 13;
export const GLYPH_GAP = 6;

/** `hex` mixed with `base` (`amount` of hex): the tinted fill of a node. */
export function mix(hex: string, base: string, amount: number): string {
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const a = rgb(hex);
  const b = rgb(base);
  return `#${a.map((v, i) => Math.round(v * amount + b[i]! * (1 - amount)).toString(16).padStart(2, '0')).join('')}`;
}

/** The kind's glyph as a data: URL (Cytoscape draws it as the node's background image). */
export function glyphUrl(kind: VisualKind, theme: ThemeName): string {
  const t = KIND_TOKENS[kind];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" height="16"><path d="${t.glyph}" fill="${t[theme]}"${kind === 'Collapsed' ? ' fill-opacity="0.35" stroke="' + t[theme] + '" stroke-width="1.2" stroke-dasharray="2 1.5"' : ''}/></svg>`;
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}
