// Does a rule of a permission change cover a request? The rule's lists with the authorizer's
// matchers (match.ts), minus its `except` lists read with the same matchers. Scope is not looked at.
import { apiGroupMatches, combinedResource, nonResourceUrlMatches, resourceMatches, resourceNameMatches, ruleAllows, verbMatches } from '../match';
import type { PolicyRule, Request } from '../types';
import type { DiffRule } from './types';

/** The rule as an RBAC PolicyRule, without its carve-outs (a superset when it has `except`). */
export function policyRuleOf(rule: DiffRule): PolicyRule {
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    resourceNames: rule.resourceNames ?? [],
    nonResourceURLs: rule.nonResourceURLs ?? [],
  };
}

const NONE: PolicyRule = { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] };

export function diffRuleAllows(rule: DiffRule, request: Request): boolean {
  if (!ruleAllows(request, policyRuleOf(rule))) return false;
  const except = rule.except;
  if (!except) return true;
  if (except.verbs && verbMatches({ ...NONE, verbs: except.verbs }, request.verb)) return false;
  if (request.type === 'nonResource') {
    return !(except.nonResourceURLs && nonResourceUrlMatches({ ...NONE, nonResourceURLs: except.nonResourceURLs }, request.path));
  }
  if (except.apiGroups && apiGroupMatches({ ...NONE, apiGroups: except.apiGroups }, request.apiGroup)) return false;
  if (except.resources && resourceMatches({ ...NONE, resources: except.resources }, combinedResource(request.resource, request.subresource), request.subresource)) return false;
  // an except list of names always has names in it: it matches only requests for those names
  if (except.resourceNames && resourceNameMatches({ ...NONE, resourceNames: except.resourceNames }, request.name)) return false;
  return true;
}
