// A snapshot with manifests applied on top (`diff --apply`, the web's "try a change"): an object of
// the overlay replaces the base object of the same kind, namespace and name; other overlay objects
// are added. ClusterRole aggregation and missing roles are computed again over the result, from the rules each role
// declares, as the aggregation controller would once the manifests are applied. Pure: neither input
// is modified.
import { aggregateClusterRoles } from '../aggregate';
import { missingRoleDiagnostics, objectKey } from '../normalize';
import type { AtlasObject, ClusterRole, Snapshot } from '../types';

export function overlaySnapshot(base: Snapshot, overlay: Snapshot): Snapshot {
  const replaced = new Set<string>();
  const overlayLists = [overlay.roles, overlay.clusterRoles, overlay.roleBindings, overlay.clusterRoleBindings, overlay.serviceAccounts, overlay.pods, overlay.namespaces];
  for (const list of overlayLists) for (const o of list as AtlasObject[]) replaced.add(objectKey(o));
  const merge = <T extends AtlasObject>(from: T[], over: T[]): T[] => [...from.filter((o) => !replaced.has(objectKey(o))), ...over];
  const fresh = (r: ClusterRole): ClusterRole => ({ ...r, rules: r.declaredRules, aggregatedFrom: [] });
  const clusterRoles = merge(base.clusterRoles, overlay.clusterRoles).map(fresh);
  const aggregation = aggregateClusterRoles(clusterRoles);
  const stale = new Set(['aggregation-mismatch', 'missing-role']);
  const result: Snapshot = {
    roles: merge(base.roles, overlay.roles),
    clusterRoles,
    roleBindings: merge(base.roleBindings, overlay.roleBindings),
    clusterRoleBindings: merge(base.clusterRoleBindings, overlay.clusterRoleBindings),
    serviceAccounts: merge(base.serviceAccounts, overlay.serviceAccounts),
    pods: merge(base.pods, overlay.pods),
    namespaces: merge(base.namespaces, overlay.namespaces),
    diagnostics: [...base.diagnostics, ...overlay.diagnostics].filter((d) => !stale.has(d.code)).concat(aggregation),
    meta: {
      source: `${base.meta.source} with ${overlay.meta.source} applied`,
      skippedKinds: sumCounts(base.meta.skippedKinds, overlay.meta.skippedKinds),
      partial: base.meta.partial || overlay.meta.partial,
      ...(base.meta.loadedAt ? { loadedAt: base.meta.loadedAt } : {}),
    },
  };
  // missing roles are judged on the result: a dangling binding of the base stays one unless the overlay adds its role
  result.diagnostics.push(...missingRoleDiagnostics(result));
  return result;
}

function sumCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const m of [a, b]) for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
  return out;
}
