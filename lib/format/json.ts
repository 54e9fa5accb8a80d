// Stable JSON shapes of answers, as DESIGN.md's CLI contract fixes them: one document per answer,
// printed by the CLI and returned by the web app's API and exports (lib/service/answers.ts). Empty
// rule fields are omitted, as the Kubernetes API does. The *FromJson inverses let views be derived
// from these documents.
import type { CanIAnswer } from '../engine/can-i';
import type { EffectiveAnswer } from '../engine/effective';
import type { AccessMatrix } from '../engine/matrix';
import { scopedRequest, type ScopedRequest } from '../engine/request';
import { subjectRefKey } from '../engine/subjects';
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

/** The request (and its scope) a request JSON describes. */
export function requestFromJson(r: RequestJson): ScopedRequest {
  if (r.nonResourceURL !== undefined) return scopedRequest({ type: 'nonResource', verb: r.verb, path: r.nonResourceURL });
  const request: Request = {
    type: 'resource', verb: r.verb, apiGroup: r.apiGroup ?? '', resource: r.resource ?? '', subresource: r.subresource ?? '', namespace: r.namespace ?? '', name: r.name ?? '',
  };
  return scopedRequest(request, r.allNamespaces === true);
}

export function ruleJson(rule: PolicyRule): Partial<PolicyRule> {
  const out: Partial<PolicyRule> = { verbs: rule.verbs };
  if (rule.apiGroups.length) out.apiGroups = rule.apiGroups;
  if (rule.resources.length) out.resources = rule.resources;
  if (rule.resourceNames.length) out.resourceNames = rule.resourceNames;
  if (rule.nonResourceURLs.length) out.nonResourceURLs = rule.nonResourceURLs;
  return out;
}

/** Inverse of ruleJson. */
export function ruleFromJson(rule: Partial<PolicyRule>): PolicyRule {
  return { verbs: rule.verbs ?? [], apiGroups: rule.apiGroups ?? [], resources: rule.resources ?? [], resourceNames: rule.resourceNames ?? [], nonResourceURLs: rule.nonResourceURLs ?? [] };
}

export function refJson(ref: ObjectRef): ObjectRef {
  return ref.namespace ? { kind: ref.kind, name: ref.name, namespace: ref.namespace } : { kind: ref.kind, name: ref.name };
}

export type GrantJson = ReturnType<typeof grantJson>;

/** A grant; an effective what-can's grants also say through whom they hold (`via`: the subject itself or one of its groups). */
export function grantJson(g: Grant) {
  return { binding: refJson(g.binding), role: refJson(g.role), rule: ruleJson(g.rule), scope: g.scope, ...(g.via ? { via: subjectJson(g.via) } : {}) };
}

export function subjectJson(s: SubjectRef): SubjectRef {
  return s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace ?? '' } : { kind: s.kind, name: s.name };
}

export type WhoCanJson = ReturnType<typeof whoCanJson>;

/** `who-can -o json`. */
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

export type WhatCanJson = ReturnType<typeof whatCanJson>;

/**
 * `what-can -o json`. An effective answer for a subject (its groups' bindings counted) also lists the
 * groups its requests carry (`groups`, as for a user) and, when one of them is allowed everything
 * before RBAC runs, `reason`; each of its grants says `via` whom it holds.
 */
export function whatCanJson(target: { subject?: SubjectRef; principal?: Principal }, namespace: string | undefined, answer: WhatCanAnswer, warnings: string[]) {
  return {
    ...(target.subject ? { subject: subjectJson(target.subject) } : {}),
    ...(target.principal ? { user: target.principal.user, groups: target.principal.groups } : {}),
    ...(target.subject && answer.identities ? { groups: answer.identities.slice(1).map((g) => g.name) } : {}),
    ...(answer.reason ? { reason: answer.reason } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    scopes: answer.scopes.map((s) => ({ scope: s.scope, grants: s.grants.map(grantJson) })),
    danglingBindings: answer.danglingBindings.map((d) => ({ binding: refJson(d.binding), roleRef: d.roleRef })),
    warnings,
  };
}

export interface MatrixJson {
  namespace: string;
  resources: string[];
  verbs: string[];
  rows: { subject: SubjectRef; id: string; cells: Record<string, string[]> }[];
  omitted: number;
}

/** `access-matrix -o json`. */
export function matrixJson(m: AccessMatrix): MatrixJson {
  return { ...m, rows: m.rows.map((r) => ({ subject: r.subject, id: subjectRefKey(r.subject), cells: r.cells })) };
}
