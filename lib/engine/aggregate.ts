// ClusterRole aggregation, as the clusterrole-aggregation controller does it
// (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go): an aggregated
// ClusterRole's rules are the union, without duplicates, of the rules of every other ClusterRole whose
// labels match any of its clusterRoleSelectors (matched roles in name order). Aggregated roles can
// select other aggregated roles (admin <- edit <- view), so this runs to a fixed point.
import type { ClusterRole, Diagnostic, LabelSelector, PolicyRule } from './types';

/** metav1.LabelSelectorAsSelector semantics: an empty selector matches everything. */
export function labelSelectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.hasOwn(labels, req.key);
    const value = has ? labels[req.key] : undefined;
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
}

/**
 * Computes effective rules for every ClusterRole with an aggregationRule, in place.
 * Effective rules = computed union, plus any declared rule the union lacks (a live dump's declared
 * rules are the controller's own output, so a difference means the snapshot lacks a source role);
 * such differences are reported as diagnostics.
 */
export function aggregateClusterRoles(clusterRoles: ClusterRole[]): Diagnostic[] {
  const aggregated = clusterRoles.filter((r) => r.aggregationRule);
  if (aggregated.length === 0) return [];
  const byName = [...clusterRoles].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));

  for (let round = 0; round <= aggregated.length + 1; round++) {
    let changed = false;
    for (const role of aggregated) {
      const union: PolicyRule[] = [];
      const seen = new Set<string>();
      const from: string[] = [];
      for (const selector of role.aggregationRule!.clusterRoleSelectors) {
        for (const other of byName) {
          if (other.metadata.name === role.metadata.name) continue;
          if (!labelSelectorMatches(selector, other.metadata.labels)) continue;
          if (!from.includes(other.metadata.name)) from.push(other.metadata.name);
          for (const rule of other.rules) {
            const key = ruleKey(rule);
            if (!seen.has(key)) {
              seen.add(key);
              union.push(rule);
            }
          }
        }
      }
      for (const rule of role.declaredRules) {
        if (!seen.has(ruleKey(rule))) {
          seen.add(ruleKey(rule));
          union.push(rule);
        }
      }
      if (union.length !== role.rules.length || union.some((r, i) => ruleKey(r) !== ruleKey(role.rules[i]!))) {
        role.rules = union;
        changed = true;
      }
      role.aggregatedFrom = from;
    }
    if (!changed) break;
  }

  const diagnostics: Diagnostic[] = [];
  for (const role of aggregated) {
    const fromSources = new Set<string>();
    for (const name of role.aggregatedFrom) {
      const src = clusterRoles.find((r) => r.metadata.name === name);
      for (const rule of src?.rules ?? []) fromSources.add(ruleKey(rule));
    }
    const extra = role.declaredRules.filter((r) => !fromSources.has(ruleKey(r)));
    if (extra.length > 0) {
      diagnostics.push({
        severity: 'info',
        code: 'aggregation-mismatch',
        message: `ClusterRole/${role.metadata.name} is aggregated but declares ${extra.length} rule${extra.length === 1 ? '' : 's'} that no selected ClusterRole in the snapshot provides; they are kept (the snapshot may lack a source role, or the controller would remove them)`,
        origin: role.origin,
        object: `ClusterRole/${role.metadata.name}`,
      });
    }
  }
  return diagnostics;
}
