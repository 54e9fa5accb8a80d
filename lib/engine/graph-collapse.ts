// Collapsing a large answer graph into group nodes, so that an answer with hundreds of subjects and
// thousands of bindings still renders as a readable graph of at most a few hundred nodes.
//   - Namespaced nodes (ServiceAccounts, Pods, RoleBindings, Roles) collapse per namespace: "ns:<ns>".
//   - Users, Groups and ClusterRoleBindings collapse per kind ("kind:User") when there are many.
//   - ClusterRoles and Permission nodes never collapse: they are what the question is about.
//   - Beyond `maxGroups` namespace groups, the smallest namespaces merge into one "more" node.
// A group listed in `expanded` shows its members again. Pure.
import type { Graph, GraphEdge, GraphNode, NodeId, NodeKind } from './graph';

export interface CollapseOptions {
  /** graphs with at most this many nodes are left as they are */
  maxNodes?: number;
  /** at most this many namespace groups; the rest merge into "more" */
  maxGroups?: number;
  /** Users / Groups / ClusterRoleBindings collapse per kind above this many */
  maxPerKind?: number;
  /** group keys to show expanded */
  expanded?: readonly string[];
}

export interface CollapsedGroupInfo {
  key: string;
  id: NodeId;
  label: string;
  members: number;
  /** namespaces inside a "more" group */
  namespaces?: string[];
}

export interface CollapseResult {
  graph: Graph;
  collapsed: boolean;
  groups: CollapsedGroupInfo[];
  /** nodes hidden inside groups */
  hidden: number;
}

export const DEFAULT_MAX_NODES = 220;
export const DEFAULT_MAX_GROUPS = 16;
export const DEFAULT_MAX_PER_KIND = 25;
export const MORE_GROUP = 'more:namespaces';

const KIND_GROUPED: ReadonlySet<string> = new Set(['User', 'Group', 'ClusterRoleBinding']);
const NS_GROUPED: ReadonlySet<string> = new Set(['ServiceAccount', 'Pod', 'RoleBinding', 'Role']);

export function groupNodeId(key: string): NodeId {
  return `Collapsed/${key}`;
}

/** The group key a node would collapse into, before the "more" merge. */
export function groupKeyOf(node: GraphNode): string | undefined {
  if (node.kind === 'Collapsed') return undefined;
  if (NS_GROUPED.has(node.kind) && node.namespace !== undefined) return `ns:${node.namespace}`;
  if (KIND_GROUPED.has(node.kind)) return `kind:${node.kind}`;
  return undefined;
}

const PLURALS: Record<string, string> = {
  User: 'users', Group: 'groups', ServiceAccount: 'service accounts', Pod: 'pods', RoleBinding: 'role bindings',
  ClusterRoleBinding: 'cluster role bindings', Role: 'roles', ClusterRole: 'cluster roles', Permission: 'permissions',
};

export function kindPlural(kind: string): string {
  return PLURALS[kind] ?? `${kind}s`;
}

export function collapseGraph(graph: Graph, options: CollapseOptions = {}): CollapseResult {
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
  const maxPerKind = options.maxPerKind ?? DEFAULT_MAX_PER_KIND;
  const expanded = new Set(options.expanded ?? []);
  if (graph.nodes.length <= maxNodes) return { graph, collapsed: false, groups: [], hidden: 0 };

  const kindCounts = new Map<string, number>();
  for (const n of graph.nodes) kindCounts.set(n.kind, (kindCounts.get(n.kind) ?? 0) + 1);

  // 1. candidate group per node
  const candidate = new Map<NodeId, string>();
  const nsSizes = new Map<string, number>();
  for (const n of graph.nodes) {
    const key = groupKeyOf(n);
    if (!key || expanded.has(key)) continue;
    if (key.startsWith('kind:') && (kindCounts.get(n.kind) ?? 0) <= maxPerKind) continue;
    candidate.set(n.id, key);
    if (key.startsWith('ns:')) nsSizes.set(key, (nsSizes.get(key) ?? 0) + 1);
  }

  // 2. keep the largest namespaces as their own groups, merge the rest into "more"
  const nsKeys = [...nsSizes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const merged = new Set(nsKeys.length > maxGroups ? nsKeys.slice(maxGroups - 1) : []);

  const members = new Map<string, GraphNode[]>();
  const groupOf = new Map<NodeId, string>();
  for (const n of graph.nodes) {
    let key = candidate.get(n.id);
    if (!key) continue;
    if (merged.has(key)) key = MORE_GROUP;
    groupOf.set(n.id, key);
    const list = members.get(key);
    if (list) list.push(n);
    else members.set(key, [n]);
  }
  // A group of one is not worth a group node.
  for (const [key, list] of members) {
    if (list.length === 1 && key !== MORE_GROUP) {
      groupOf.delete(list[0]!.id);
      members.delete(key);
    }
  }

  const nodes: GraphNode[] = [];
  const groups: CollapsedGroupInfo[] = [];
  const emitted = new Set<string>();
  for (const n of graph.nodes) {
    const key = groupOf.get(n.id);
    if (!key) {
      nodes.push(n);
      continue;
    }
    if (emitted.has(key)) continue;
    emitted.add(key);
    const list = members.get(key)!;
    const kinds: Partial<Record<NodeKind, number>> = {};
    for (const m of list) if (m.kind !== 'Collapsed') kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
    const info = groupInfo(key, list, merged);
    groups.push(info);
    nodes.push({
      id: info.id,
      kind: 'Collapsed',
      label: info.label,
      ...(key.startsWith('ns:') ? { namespace: key.slice(3) } : {}),
      group: { key, members: list.length, kinds, expandable: key !== MORE_GROUP },
    });
  }

  const edges = new Map<string, GraphEdge>();
  for (const e of graph.edges) {
    const sKey = groupOf.get(e.source);
    const tKey = groupOf.get(e.target);
    const source = sKey ? groupNodeId(sKey) : e.source;
    const target = tKey ? groupNodeId(tKey) : e.target;
    if (source === target) continue;
    const id = `${source}->${target}`;
    const found = edges.get(id);
    if (found) found.count = (found.count ?? 1) + (e.count ?? 1);
    else edges.set(id, { id, source, target, relation: e.relation, ...(sKey || tKey ? { count: e.count ?? 1 } : {}) });
  }
  return { graph: { nodes, edges: [...edges.values()] }, collapsed: groups.length > 0, groups, hidden: groupOf.size };
}

function groupInfo(key: string, list: readonly GraphNode[], merged: ReadonlySet<string>): CollapsedGroupInfo {
  const id = groupNodeId(key);
  if (key === MORE_GROUP) {
    const namespaces = [...merged].map((k) => k.slice(3)).sort();
    return { key, id, label: `${namespaces.length} more namespaces · ${list.length}`, members: list.length, namespaces };
  }
  if (key.startsWith('kind:')) {
    const kind = key.slice(5);
    return { key, id, label: `${list.length} ${kindPlural(kind)}`, members: list.length };
  }
  return { key, id, label: `${key.slice(3)} · ${list.length}`, members: list.length };
}
