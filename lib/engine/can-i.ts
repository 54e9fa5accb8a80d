// can-i: the authorizer's decision for one principal and one request (VisitRulesFor + RuleAllows),
// reading only the bindings that name the user or one of its groups.
import { ruleAllows } from './match';
import { bindingAppliesIn, grantOf, type AtlasIndex, type BindingEntry } from './query-index';
import { MASTERS } from './subjects';
import type { Grant, Principal, Request } from './types';

export interface CanIAnswer {
  allowed: boolean;
  /** the first grant found (upstream stops at the first allowing rule); absent when denied */
  grant?: Grant;
  /** set when the decision did not come from RBAC rules */
  reason?: 'system:masters';
}

export function requestNamespace(request: Request): string {
  return request.type === 'resource' ? request.namespace : '';
}

/** Bindings naming the user (User or ServiceAccount subject) or any of its groups, deduplicated. */
export function bindingsForPrincipal(index: AtlasIndex, principal: Principal): BindingEntry[] {
  const direct = index.bindingsByUser.get(principal.user);
  if (principal.groups.length === 0) return direct ?? [];
  const seen = new Set<BindingEntry>(direct);
  for (const group of principal.groups) {
    for (const entry of index.bindingsByGroup.get(group) ?? []) seen.add(entry);
  }
  return [...seen];
}

export function canI(index: AtlasIndex, principal: Principal, request: Request): CanIAnswer {
  // system:masters is allowed everything by the API server before RBAC is consulted.
  if (principal.groups.includes(MASTERS)) return { allowed: true, reason: MASTERS };
  const namespace = requestNamespace(request);
  const visit = (entries: readonly BindingEntry[] | undefined): Grant | undefined => {
    if (!entries) return undefined;
    for (const entry of entries) {
      if (!entry.role || !bindingAppliesIn(entry, namespace)) continue;
      const rules = entry.role.rules;
      for (let i = 0; i < rules.length; i++) {
        if (ruleAllows(request, rules[i]!)) return grantOf(entry, i);
      }
    }
    return undefined;
  };
  let grant = visit(index.bindingsByUser.get(principal.user));
  for (let g = 0; !grant && g < principal.groups.length; g++) {
    grant = visit(index.bindingsByGroup.get(principal.groups[g]!));
  }
  return grant ? { allowed: true, grant } : { allowed: false };
}
