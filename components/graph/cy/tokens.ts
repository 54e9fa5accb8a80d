// Visual tokens of node kinds: one source for the Cytoscape stylesheet and the React legend.
import type { NodeKind } from '@/lib/engine/graph';

export type VisualKind = NodeKind | 'Collapsed';

export interface KindToken {
  label: string;
  shape: string;
  light: string;
  dark: string;
  /** node size in px (width, height) */
  size: [number, number];
}

export const KIND_TOKENS = {
  User: { label: 'User', shape: 'ellipse', light: '#2563eb', dark: '#60a5fa', size: [30, 30] },
  Group: { label: 'Group', shape: 'round-hexagon', light: '#7c3aed', dark: '#a78bfa', size: [34, 30] },
  ServiceAccount: { label: 'ServiceAccount', shape: 'round-diamond', light: '#0d9488', dark: '#2dd4bf', size: [34, 34] },
  Pod: { label: 'Pod', shape: 'barrel', light: '#64748b', dark: '#94a3b8', size: [26, 22] },
  RoleBinding: { label: 'RoleBinding', shape: 'rhomboid', light: '#d97706', dark: '#fbbf24', size: [36, 22] },
  ClusterRoleBinding: { label: 'ClusterRoleBinding', shape: 'cut-rectangle', light: '#ea580c', dark: '#fb923c', size: [38, 24] },
  Role: { label: 'Role', shape: 'round-tag', light: '#059669', dark: '#34d399', size: [34, 26] },
  ClusterRole: { label: 'ClusterRole', shape: 'round-octagon', light: '#15803d', dark: '#4ade80', size: [34, 34] },
  Permission: { label: 'Permission', shape: 'star', light: '#e11d48', dark: '#fb7185', size: [38, 38] },
  Collapsed: { label: 'Group of nodes (click to expand)', shape: 'round-rectangle', light: '#475569', dark: '#94a3b8', size: [46, 30] },
} as const satisfies Record<VisualKind, KindToken>;

export const LEGEND_ORDER: readonly VisualKind[] = [
  'User', 'Group', 'ServiceAccount', 'Pod', 'RoleBinding', 'ClusterRoleBinding', 'Role', 'ClusterRole', 'Permission', 'Collapsed',
];

export const THEME = {
  light: { background: '#ffffff', text: '#0f172a', muted: '#64748b', edge: '#94a3b8', highlight: '#0f172a', nsBox: '#f1f5f9', nsBorder: '#cbd5e1', riskCritical: '#be123c', riskHigh: '#ea580c', gained: '#16a34a' },
  dark: { background: '#020617', text: '#e2e8f0', muted: '#94a3b8', edge: '#475569', highlight: '#f8fafc', nsBox: '#0f172a', nsBorder: '#334155', riskCritical: '#fb7185', riskHigh: '#fb923c', gained: '#4ade80' },
} as const;

export type ThemeName = keyof typeof THEME;
