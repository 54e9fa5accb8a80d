// Stable JSON shapes of answers, as DESIGN.md's CLI contract fixes them. Shared by the CLI and the
// web app's exports. Empty rule fields are omitted, as the Kubernetes API does.
import type { CanIAnswer } from '../engine/can-i';
import type { EffectiveAnswer } from '../engine/effective';
import type { WhatCanAnswer } from '../engine/what-can';
import type { WhoCanAnswer } from '../engine/who-can';
import type { Grant, ObjectRef, PolicyRule, Principal, Request, SubjectRef } from '../engine/types';

export interface RequestJson {
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  namespace?: string;
  allNamespaces?: boolean;
  nonResourceURL?: string;
}

export function requestJson(request: Request, allNamespaces = false): RequestJson {
  if (request.type === 'nonResource') return { verb: request.verb, nonResourceURL: request.path };
  return {
    verb: request.verb,
    apiGroup: request.apiGroup,
    resource: request.resource,
    subresource: request.subresource,
    name: request.name,
    namespace: allNamespaces ? '' : request.namespace,
    allNamespaces,
  };
}

export function ruleJson(rule: PolicyRule): Partial<PolicyRule> {
  const out: Partial<PolicyRule> = { verbs: rule.verbs };
  if (rule.apiGroups.length) out.apiGroups = rule.apiGroups;
  if (rule.resources.length) out.resources = rule.resources;
  if (rule.resourceNames.length) out.resourceNames = rule.resourceNames;
  if (rule.nonResourceURLs.length) out.nonResourceURLs = rule.nonResourceURLs;
  return out;
}

export function refJson(ref: ObjectRef): ObjectRef {
  return ref.namespace ? { kind: ref.kind, name: ref.name, namespace: ref.namespace } : { kind: ref.kind, name: ref.name };
}

export function grantJson(g: Grant) {
  return { binding: refJson(g.binding), role: refJson(g.role), rule: ruleJson(g.rule), scope: g.scope };
}

export function subjectJson(s: SubjectRef): SubjectRef {
  return s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace ?? '' } : { kind: s.kind, name: s.name };
}

export function whoCanJson(request: Request, answer: WhoCanAnswer, allNamespaces: boolean, effective?: EffectiveAnswer) {
  return {
    request: requestJson(request, allNamespaces),
    subjects: answer.subjects.map((s) => ({ ...subjectJson(s), grants: s.grants.map(grantJson) })),
    ...(effective ? { serviceAccounts: effective.serviceAccounts, pods: effective.pods } : {}),
    warnings: answer.warnings,
  };
}

export function canIJson(request: Request, principal: Principal, answer: CanIAnswer) {
  return {
    allowed: answer.allowed,
    request: requestJson(request),
    user: principal.user,
    groups: principal.groups,
    ...(answer.grant ? { grant: grantJson(answer.grant) } : {}),
    ...(answer.reason ? { reason: answer.reason } : {}),
  };
}

export function whatCanJson(target: { subject?: SubjectRef; principal?: Principal }, namespace: string | undefined, answer: WhatCanAnswer, warnings: string[]) {
  return {
    ...(target.subject ? { subject: subjectJson(target.subject) } : {}),
    ...(target.principal ? { user: target.principal.user, groups: target.principal.groups } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    scopes: answer.scopes.map((s) => ({ scope: s.scope, grants: s.grants.map(grantJson) })),
    danglingBindings: answer.danglingBindings.map((d) => ({ binding: refJson(d.binding), roleRef: d.roleRef })),
    warnings,
  };
}
