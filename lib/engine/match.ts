// Rule matching, ported one to one from the Kubernetes RBAC authorizer so that a reviewer can
// compare them line by line:
//   pkg/apis/rbac/v1/evaluation_helpers.go   VerbMatches, APIGroupMatches, ResourceMatches,
//                                            ResourceNameMatches, NonResourceURLMatches
//   plugin/pkg/auth/authorizer/rbac/rbac.go  RuleAllows
import type { PolicyRule, Request } from './types';

export const VERB_ALL = '*';
export const API_GROUP_ALL = '*';
export const RESOURCE_ALL = '*';
export const NON_RESOURCE_ALL = '*';

/** A rule matches a verb when it lists "*" or the verb itself (case-sensitive). */
export function verbMatches(rule: PolicyRule, requestedVerb: string): boolean {
  for (const ruleVerb of rule.verbs) {
    if (ruleVerb === VERB_ALL) return true;
    if (ruleVerb === requestedVerb) return true;
  }
  return false;
}

/** "*" or the exact group; the core group is "". */
export function apiGroupMatches(rule: PolicyRule, requestedGroup: string): boolean {
  for (const ruleGroup of rule.apiGroups) {
    if (ruleGroup === API_GROUP_ALL) return true;
    if (ruleGroup === requestedGroup) return true;
  }
  return false;
}

/**
 * combinedRequestedResource is "pods" or "pods/exec". A rule resource matches when it is "*",
 * exactly the combined resource, or "*\/<subresource>" for a request with that subresource.
 * "pods/*" is NOT a wildcard upstream: it only equals the literal resource "pods/*".
 */
export function resourceMatches(
  rule: PolicyRule,
  combinedRequestedResource: string,
  requestedSubresource: string,
): boolean {
  for (const ruleResource of rule.resources) {
    if (ruleResource === RESOURCE_ALL) return true;
    if (ruleResource === combinedRequestedResource) return true;
    if (requestedSubresource.length === 0) continue;
    if (
      ruleResource.length === requestedSubresource.length + 2 &&
      ruleResource.startsWith('*/') &&
      ruleResource.endsWith(requestedSubresource)
    ) {
      return true;
    }
  }
  return false;
}

/**
 * An empty resourceNames list matches every name. Otherwise the requested name must be listed,
 * so a rule with resourceNames never covers a request without a name (list, watch, create, ...).
 */
export function resourceNameMatches(rule: PolicyRule, requestedName: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  for (const ruleName of rule.resourceNames) {
    if (ruleName === requestedName) return true;
  }
  return false;
}

/** "*" matches every path; a rule URL ending in "*" is a prefix match on what precedes the stars. */
export function nonResourceUrlMatches(rule: PolicyRule, requestedUrl: string): boolean {
  for (const ruleUrl of rule.nonResourceURLs) {
    if (ruleUrl === NON_RESOURCE_ALL) return true;
    if (ruleUrl === requestedUrl) return true;
    if (ruleUrl.endsWith('*') && requestedUrl.startsWith(trimRightStars(ruleUrl))) return true;
  }
  return false;
}

function trimRightStars(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 42 /* '*' */) end--;
  return s.slice(0, end);
}

export function combinedResource(resource: string, subresource: string): string {
  return subresource.length > 0 ? `${resource}/${subresource}` : resource;
}

/** RuleAllows from rbac.go: every predicate must hold. */
export function ruleAllows(request: Request, rule: PolicyRule): boolean {
  if (request.type === 'resource') {
    return (
      verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.apiGroup) &&
      resourceMatches(rule, combinedResource(request.resource, request.subresource), request.subresource) &&
      resourceNameMatches(rule, request.name)
    );
  }
  return verbMatches(rule, request.verb) && nonResourceUrlMatches(rule, request.path);
}
