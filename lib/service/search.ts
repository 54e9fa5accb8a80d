// Global search by name across every object of the data source and every subject.
import { nodeId, type NodeId } from '../engine/graph';
import type { AtlasIndex } from '../engine/query-index';
import { allSubjects } from './subjects';

export type SearchKind = 'Namespace' | 'User' | 'Group' | 'ServiceAccount' | 'Pod' | 'RoleBinding' | 'ClusterRoleBinding' | 'Role' | 'ClusterRole';

export interface SearchHit {
  id: NodeId;
  kind: SearchKind;
  name: string;
  namespace?: string;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

const KIND_ORDER: Record<SearchKind, number> = {
  Namespace: 0, User: 1, Group: 2, ServiceAccount: 3, ClusterRole: 4, Role: 5, ClusterRoleBinding: 6, RoleBinding: 7, Pod: 8,
};

/** A hit with its lower-case name and "namespace/name", computed once per snapshot. */
interface Searchable {
  hit: SearchHit;
  name: string;
  full: string;
  kindOrder: number;
}

const cache = new WeakMap<AtlasIndex, Searchable[]>();

function everything(index: AtlasIndex): Searchable[] {
  const cached = cache.get(index);
  if (cached) return cached;
  const s = index.snapshot;
  const items: Searchable[] = [];
  const push = (kind: SearchKind, name: string, namespace?: string) => {
    const ref = namespace === undefined ? { kind, name } : { kind, name, namespace };
    const lower = name.toLowerCase();
    items.push({
      hit: { id: kind === 'Namespace' ? `Namespace/${name}` : nodeId(ref), ...ref },
      name: lower,
      full: namespace ? `${namespace}/${lower}` : lower,
      kindOrder: KIND_ORDER[kind],
    });
  };
  for (const ns of index.namespaces) push('Namespace', ns);
  for (const subject of allSubjects(index)) {
    if (subject.kind !== 'ServiceAccount') push(subject.kind, subject.name);
  }
  for (const sa of s.serviceAccounts) push('ServiceAccount', sa.metadata.name, sa.metadata.namespace);
  for (const r of s.clusterRoles) push('ClusterRole', r.metadata.name);
  for (const r of s.roles) push('Role', r.metadata.name, r.metadata.namespace);
  for (const b of s.clusterRoleBindings) push('ClusterRoleBinding', b.metadata.name);
  for (const b of s.roleBindings) push('RoleBinding', b.metadata.name, b.metadata.namespace);
  for (const p of s.pods) push('Pod', p.metadata.name, p.metadata.namespace);
  cache.set(index, items);
  return items;
}

const KINDS = Object.keys(KIND_ORDER).length;

/**
 * Case-insensitive substring match on the name (and "namespace/name"); exact, then prefix matches
 * first, then by kind and name. Matches are bucketed by (score, kind) and only the buckets that fill
 * `limit` are sorted by name: a two-letter query on a large cluster matches tens of thousands of objects.
 */
export function search(index: AtlasIndex, query: string, limit = 20): SearchResult {
  const q = query.trim().toLowerCase();
  if (!q) return { query, total: 0, hits: [] };
  const buckets: SearchHit[][] = Array.from({ length: 3 * KINDS }, () => []);
  let total = 0;
  for (const item of everything(index)) {
    if (!item.full.includes(q)) continue;
    const score = item.name === q || item.full === q ? 0 : item.name.startsWith(q) ? 1 : 2;
    buckets[score * KINDS + item.kindOrder]!.push(item.hit);
    total++;
  }
  const hits: SearchHit[] = [];
  for (const bucket of buckets) {
    if (hits.length >= limit) break;
    if (bucket.length === 0) continue;
    bucket.sort((a, b) => a.name.localeCompare(b.name));
    hits.push(...bucket.slice(0, limit - hits.length));
  }
  return { query, total, hits };
}
