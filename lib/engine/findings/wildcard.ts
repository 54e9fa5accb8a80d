// Wildcard rules: "*" (or "*\/subresource") in verbs, resources or API groups. This kind is about
// how a rule is written, so it reads the rule itself; what the wildcard grants is reported by the
// permission kinds.
import { API_GROUP_ALL, RESOURCE_ALL, VERB_ALL } from '../match';
import { CLUSTER_SCOPE } from '../query-index';
import type { PolicyRule } from '../types';
import type { DerivedCheck, ObjectDraft } from './check';
import { baseSeverity, type FindingContext } from './context';
import { shiftSeverity } from './severity';
import type { FindingPath } from './types';

export function wildcardAxes(rule: PolicyRule): string[] {
  const axes: string[] = [];
  if (rule.verbs.includes(VERB_ALL)) axes.push('verbs: *');
  if (rule.nonResourceURLs.length === 0) {
    if (rule.apiGroups.includes(API_GROUP_ALL)) axes.push('apiGroups: *');
    const res = rule.resources.filter((r) => r === RESOURCE_ALL || r.startsWith('*/'));
    if (res.length) axes.push(`resources: ${res.join(', ')}`);
  }
  return axes;
}

function wildcardRuleFindings(ctx: FindingContext): ObjectDraft[] {
  const out: ObjectDraft[] = [];
  for (const entry of ctx.index.roles.values()) {
    const paths: FindingPath[] = [];
    let broad = false;
    const scope = entry.role.kind === 'Role' ? entry.role.metadata.namespace : CLUSTER_SCOPE;
    const builtin = ctx.isBuiltinRole(entry);
    // Aggregated ClusterRoles: report the rules where they are declared, not again in the union.
    const rules = entry.role.kind === 'ClusterRole' && entry.role.aggregatedFrom.length > 0 ? entry.role.declaredRules : entry.rules;
    rules.forEach((rule, ruleIndex) => {
      const axes = wildcardAxes(rule);
      if (axes.length === 0) return;
      if (rule.verbs.includes(VERB_ALL) && rule.resources.includes(RESOURCE_ALL)) broad = true;
      paths.push({ role: entry.ref, rule, ruleIndex, scope, permissions: axes, builtin, ...(entry.role.origin ? { roleOrigin: entry.role.origin } : {}) });
    });
    if (paths.length === 0) continue;
    const bound = ctx.index.bindingsByRole.has(entry.key);
    const base = baseSeverity(ctx, 'WildcardRule', scope);
    const raise = bound && broad;
    out.push({
      object: entry.ref,
      objectOrigin: entry.role.origin,
      scope,
      severity: raise ? shiftSeverity(base, 1) : base,
      baseSeverity: base,
      builtin,
      message: `${entry.key} has ${paths.length} wildcard rule${paths.length === 1 ? '' : 's'} (${[...new Set(paths.flatMap((p) => p.permissions))].join('; ')})${bound ? '' : '; it is not bound'}.`,
      permissions: [...new Set(paths.flatMap((p) => p.permissions))],
      paths,
      notes: raise ? ['raised one step: bound, with "*" verbs on "*" resources'] : [],
    });
  }
  return out;
}

export const wildcardRule: DerivedCheck<ObjectDraft> = { type: 'derived', run: (ctx) => wildcardRuleFindings(ctx) };
