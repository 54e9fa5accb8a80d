// Paths in an answer graph (which is acyclic: pod -> subject -> binding -> role -> permission):
// every path through a node (the details panel's accessible list), the subgraph through a node
// (the focus view) and a node's neighbours. Pure.
import type { EdgeRelation, Graph, NodeId } from './graph';

export interface PathsThrough {
  /** each path from a source (no incoming edge) to a sink (no outgoing edge) through the node */
  paths: NodeId[][];
  /** total number of such paths (counted up to `countLimit`) */
  total: number;
  /** true when `total` reached the count limit */
  totalCapped: boolean;
}

/**
 * Every path through `id`, from a source node to a sink node (the graph is acyclic). At most
 * `limit` paths are listed; counting stops at `countLimit`.
 */
export function pathsThrough(graph: Graph, id: NodeId, limit = 50, countLimit = 10_000): PathsThrough {
  const incoming = new Map<NodeId, NodeId[]>();
  const outgoing = new Map<NodeId, NodeId[]>();
  for (const e of graph.edges) {
    push(incoming, e.target, e.source);
    push(outgoing, e.source, e.target);
  }
  if (!graph.nodes.some((n) => n.id === id)) return { paths: [], total: 0, totalCapped: false };
  const ups = walk(id, incoming, limit).map((p) => p.reverse());
  const downs = walk(id, outgoing, limit);
  const paths: NodeId[][] = [];
  for (const up of ups) {
    for (const down of downs) {
      if (paths.length >= limit) break;
      paths.push([...up, ...down.slice(1)]);
    }
  }
  const total = Math.min(countLimit, countWalks(id, incoming, countLimit) * countWalks(id, outgoing, countLimit));
  return { paths, total, totalCapped: total >= countLimit };
}

function push(map: Map<NodeId, NodeId[]>, key: NodeId, value: NodeId): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Walks from `start` along `next` to nodes without successors; returns up to `limit` walks. */
function walk(start: NodeId, next: Map<NodeId, NodeId[]>, limit: number): NodeId[][] {
  const out: NodeId[][] = [];
  const visit = (path: NodeId[]) => {
    if (out.length >= limit) return;
    const last = path[path.length - 1]!;
    const successors = (next.get(last) ?? []).filter((n) => !path.includes(n));
    if (successors.length === 0) {
      out.push(path);
      return;
    }
    for (const n of successors) visit([...path, n]);
  };
  visit([start]);
  return out;
}

function countWalks(start: NodeId, next: Map<NodeId, NodeId[]>, cap: number): number {
  const memo = new Map<NodeId, number>();
  const count = (n: NodeId, depth: number): number => {
    const known = memo.get(n);
    if (known !== undefined) return known;
    const successors = next.get(n) ?? [];
    let c = successors.length === 0 || depth > 16 ? 1 : 0;
    for (const s of successors) c = Math.min(cap, c + count(s, depth + 1));
    memo.set(n, c);
    return c;
  };
  return count(start, 0);
}

/** Node ids adjacent to `id`, with the relation and direction, for "related" links. */
export function neighbours(graph: Graph, id: NodeId): { id: NodeId; relation: EdgeRelation; direction: 'in' | 'out' }[] {
  const out: { id: NodeId; relation: EdgeRelation; direction: 'in' | 'out' }[] = [];
  for (const e of graph.edges) {
    if (e.source === id) out.push({ id: e.target, relation: e.relation, direction: 'out' });
    else if (e.target === id) out.push({ id: e.source, relation: e.relation, direction: 'in' });
  }
  return out;
}

/** The part of the graph on some path through `id`: its ancestors, its descendants and itself. */
export function subgraphThrough(graph: Graph, id: NodeId): Graph {
  if (!graph.nodes.some((n) => n.id === id)) return { nodes: [], edges: [] };
  const incoming = new Map<NodeId, NodeId[]>();
  const outgoing = new Map<NodeId, NodeId[]>();
  for (const e of graph.edges) {
    push(incoming, e.target, e.source);
    push(outgoing, e.source, e.target);
  }
  const up = reach(id, incoming);
  const down = reach(id, outgoing);
  const keep = new Set([...up, ...down]);
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => (up.has(e.source) && up.has(e.target)) || (down.has(e.source) && down.has(e.target))),
  };
}

function reach(start: NodeId, next: Map<NodeId, NodeId[]>): Set<NodeId> {
  const seen = new Set<NodeId>([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const n of next.get(stack.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}
