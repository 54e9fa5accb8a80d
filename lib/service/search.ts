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

const cache = new WeakMap<AtlasIndex, SearchHit[]>();

function everything(index: AtlasIndex): SearchHit[] {
  const cached = cache.get(index);
  if (cached) return cached;
  const s = index.snapshot;
  const hits: SearchHit[] = [];
  const push = (kind: SearchKind, name: string, namespace?: string) => {
    const ref = namespace === undefined ? { kind, name } : { kind, name, namespace };
    hits.push({ id: kind === 'Namespace' ? `Namespace/${name}` : nodeId(ref), ...ref });
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
  cache.set(index, hits);
  return hits;
}

/** Case-insensitive substring match on the name (and "namespace/name"); exact, then prefix matches first. */
export function search(index: AtlasIndex, query: string, limit = 20): SearchResult {
  const q = query.trim().toLowerCase();
  if (!q) return { query, total: 0, hits: [] };
  const scored: { hit: SearchHit; score: number }[] = [];
  for (const hit of everything(index)) {
    const name = hit.name.toLowerCase();
    const full = hit.namespace ? `${hit.namespace}/${name}` : name;
    if (!full.includes(q)) continue;
    const score = name === q || full === q ? 0 : name.startsWith(q) ? 1 : 2;
    scored.push({ hit, score });
  }
  scored.sort((a, b) => a.score - b.score || KIND_ORDER[a.hit.kind] - KIND_ORDER[b.hit.kind] || a.hit.name.localeCompare(b.hit.name));
  return { query, total: scored.length, hits: scored.slice(0, limit).map((x) => x.hit) };
}
