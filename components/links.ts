// Where a NodeId leads: subjects to the subject view, namespaces to the drill-down, other objects to
// the object page. Shared by links in every view.
import { parseNodeId } from '@/lib/engine/graph';

export function subjectParamOf(id: string): string | undefined {
  const p = parseNodeId(id);
  if (!p) return undefined;
  if (p.kind === 'ServiceAccount') return `ServiceAccount:${p.namespace}/${p.name}`;
  if (p.kind === 'User' || p.kind === 'Group') return `${p.kind}:${p.name}`;
  return undefined;
}

export function hrefFor(id: string): string {
  if (id.startsWith('Namespace/')) return `/namespaces/${encodeURIComponent(id.slice('Namespace/'.length))}`;
  const subject = subjectParamOf(id);
  if (subject) return `/subjects?subject=${encodeURIComponent(subject)}`;
  return `/object?id=${encodeURIComponent(id)}`;
}

/** "ClusterRole/admin" -> {kind: "ClusterRole", text: "admin"}; namespaced: "ns/name". */
export function describeId(id: string): { kind: string; text: string } {
  if (id.startsWith('Namespace/')) return { kind: 'Namespace', text: id.slice('Namespace/'.length) };
  if (id.startsWith('Collapsed/')) return { kind: 'Collapsed', text: id.slice('Collapsed/'.length) };
  const p = parseNodeId(id);
  if (!p) return { kind: '', text: id };
  return { kind: p.kind, text: p.namespace ? `${p.namespace}/${p.name}` : p.name };
}
