// What the UI shows about the data source at all times: name, object counts, load time, diagnostics.
import type { Diagnostic, DiagnosticSeverity, Snapshot } from '../engine/types';
import { formatDiagnostic } from '../errors';

export interface SourceSummary {
  id: string;
  name: string;
  kind: 'demo' | 'files' | 'cluster' | 'upload';
  counts: Record<'Namespace' | 'ClusterRole' | 'ClusterRoleBinding' | 'Role' | 'RoleBinding' | 'ServiceAccount' | 'Pod', number>;
  objects: number;
  loadMs: number;
  loadedAt?: string;
  /** live clusters: the kubeconfig context */
  context?: string;
  partial: boolean;
  /** why the data is partial: the loader's partial-data warnings (what could not be read, and the rule that would allow it) */
  partialWarnings: string[];
  diagnostics: Record<DiagnosticSeverity, number> & { total: number };
  /** set when this source is another one with a change applied ("try a change", lib/service/overlay.ts) */
  overlay?: OverlaySummary;
}

/** A change applied on a source, at a glance (the banner on every page). */
export interface OverlaySummary {
  /** the source the change is applied on: dropping the change returns to it */
  baseId: string;
  baseName: string;
  files: string[];
  /** objects in the change, and how many of them replaced one of the base */
  objects: number;
  replaced: number;
  /** subjects whose permissions changed; of them, those that gained and those that lost something */
  subjects: number;
  gained: number;
  lost: number;
  findingsAdded: number;
  findingsResolved: number;
}

export interface DiagnosticItem extends Diagnostic {
  text: string;
}

export function sourceSummary(id: string, kind: SourceSummary['kind'], snapshot: Snapshot, loadMs: number): SourceSummary {
  const counts = {
    Namespace: snapshot.namespaces.length,
    ClusterRole: snapshot.clusterRoles.length,
    ClusterRoleBinding: snapshot.clusterRoleBindings.length,
    Role: snapshot.roles.length,
    RoleBinding: snapshot.roleBindings.length,
    ServiceAccount: snapshot.serviceAccounts.length,
    Pod: snapshot.pods.length,
  };
  const diagnostics = { error: 0, warning: 0, info: 0, total: snapshot.diagnostics.length };
  for (const d of snapshot.diagnostics) diagnostics[d.severity]++;
  return {
    id,
    name: snapshot.meta.source,
    kind,
    counts,
    objects: Object.values(counts).reduce((a, b) => a + b, 0),
    loadMs: Math.round(loadMs),
    ...(snapshot.meta.loadedAt ? { loadedAt: snapshot.meta.loadedAt } : {}),
    partial: snapshot.meta.partial,
    partialWarnings: snapshot.diagnostics.filter((d) => d.code === PARTIAL_DATA).map((d) => d.message),
    diagnostics,
  };
}

/** Diagnostic code of the cluster loader for a kind it may not list (403). */
export const PARTIAL_DATA = 'partial-data';

/** "may not list pods" -> ["pods"]: the kinds named by partial-data warnings, for a one-line banner. */
export function unreadableKinds(warnings: readonly string[]): string[] {
  return [...new Set(warnings.flatMap((w) => /may not list ([a-z.]+)/.exec(w)?.[1] ?? []))];
}

/** Diagnostics with their one-line text, errors first, at most `limit`. */
export function diagnosticItems(snapshot: Snapshot, limit = 1000): DiagnosticItem[] {
  const order: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };
  return [...snapshot.diagnostics]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .slice(0, limit)
    .map((d) => ({ ...d, text: formatDiagnostic(d) }));
}
