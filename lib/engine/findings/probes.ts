// Permission probes: every permission check is a set of authorizer requests answered by the
// engine's who-can (ruleAllows over the rule index), never by reading rule strings. `*` verbs,
// resources and groups, `*\/subresource` and resourceNames therefore behave exactly as in the API
// server: a rule limited by resourceNames does not answer an unnamed request.
import { ruleAllows, combinedResource } from '../match';
import { CLUSTER_SCOPE, type AtlasIndex } from '../query-index';
import { formatResource } from '../request';
import { MASTERS, subjectRefKey } from '../subjects';
import type { ResourceRequest, SubjectRef } from '../types';
import { whoCan } from '../who-can';
import { pathOf, type FindingContext } from './context';
import type { FindingPath } from './types';

export interface Probe {
  /** kubectl-style permission text: "list secrets", "create deployments.apps", "approve signers.certificates.k8s.io [kubernetes.io/*]" */
  label: string;
  /** the request; its namespace is ignored (probes ask for every namespace at once) */
  request: ResourceRequest;
  /** a cluster-scoped resource: only ClusterRoleBindings can grant it */
  clusterScoped: boolean;
}

/** probe('get', '', 'secrets') or probe('update', 'certificates.k8s.io', 'certificatesigningrequests/approval', true) */
export function probe(verb: string, apiGroup: string, resource: string, clusterScoped = false, name = ''): Probe {
  const slash = resource.indexOf('/');
  const res = slash < 0 ? resource : resource.slice(0, slash);
  const sub = slash < 0 ? '' : resource.slice(slash + 1); // userextras keys may contain "/"

  const request: ResourceRequest = { type: 'resource', verb, apiGroup, resource: res, subresource: sub, namespace: '', name };
  const label = `${verb} ${formatResource(request)}${name ? ` [${name}]` : ''}`;
  return { label, request, clusterScoped };
}

/** Every (verb x resource) pair as probes. */
export function probes(verbs: readonly string[], apiGroup: string, resources: readonly string[], clusterScoped = false): Probe[] {
  return resources.flatMap((r) => verbs.map((v) => probe(v, apiGroup, r, clusterScoped)));
}

/** The grants of one subject at one scope, with the probes they answer. */
export interface Accumulator {
  subject: SubjectRef;
  scope: string;
  paths: Map<string, FindingPath>;
  permissions: Set<string>;
}

/**
 * Object names that rules limited by resourceNames allow for this request: the candidates for a
 * named probe. The names come from the rules; whether they allow the request is ruleAllows' call.
 */
export function namedCandidates(index: AtlasIndex, request: ResourceRequest): string[] {
  const names = new Set<string>();
  const keys = [combinedResource(request.resource, request.subresource), '*'];
  if (request.subresource) keys.push(`*/${request.subresource}`);
  for (const group of new Set([request.apiGroup, '*'])) {
    const byResource = index.resourceRules.get(group);
    if (!byResource) continue;
    for (const key of keys) {
      for (const ref of byResource.get(key) ?? []) {
        const rule = ref.role.rules[ref.ruleIndex]!;
        for (const name of rule.resourceNames) {
          if (!names.has(name) && ruleAllows({ ...request, name }, rule)) names.add(name);
        }
      }
    }
  }
  return [...names].sort();
}

export interface CollectOptions {
  /** also collect grants limited by resourceNames (reported with the names) */
  named?: boolean;
}

/**
 * Runs the probes and groups their grants by (subject, scope). A subject that holds the permission
 * cluster-wide gets one accumulator: its namespaced grants are folded into the cluster one.
 */
export function collect(ctx: FindingContext, list: readonly Probe[], options: CollectOptions = {}): Accumulator[] {
  const bySubject = new Map<string, Map<string, Accumulator>>();
  /** the accumulators of a subject by scope (undefined for system:masters: allowed everything before RBAC runs) */
  const scopesOf = (subject: SubjectRef): Map<string, Accumulator> | undefined => {
    if (subject.kind === 'Group' && subject.name === MASTERS) return undefined;
    const sKey = subjectRefKey(subject);
    let scopes = bySubject.get(sKey);
    if (!scopes) bySubject.set(sKey, (scopes = new Map()));
    return scopes;
  };
  const add = (scopes: Map<string, Accumulator>, subject: SubjectRef, grant: Parameters<typeof pathOf>[1], label: string) => {
    let acc = scopes.get(grant.scope);
    if (!acc) {
      const { grants: _grants, ...ref } = subject as SubjectRef & { grants?: unknown };
      scopes.set(grant.scope, (acc = { subject: ref, scope: grant.scope, paths: new Map(), permissions: new Set() }));
    }
    acc.permissions.add(label);
    const pKey = `${grant.binding.kind}/${grant.binding.namespace ?? ''}/${grant.binding.name}#${grant.ruleIndex}`;
    const existing = acc.paths.get(pKey);
    if (existing) {
      if (!existing.permissions.includes(label)) existing.permissions.push(label);
    } else {
      acc.paths.set(pKey, pathOf(ctx, grant, [label]));
    }
  };
  for (const p of list) {
    const opts = { allNamespaces: !p.clusterScoped };
    const answer = whoCan(ctx.index, { ...p.request, namespace: '' }, opts);
    for (const s of answer.subjects) {
      const scopes = scopesOf(s);
      if (scopes) for (const g of s.grants) add(scopes, s, g, p.label);
    }
    if (!options.named) continue;
    for (const name of namedCandidates(ctx.index, p.request)) {
      const named = whoCan(ctx.index, { ...p.request, namespace: '', name }, opts);
      for (const s of named.subjects) {
        const scopes = scopesOf(s);
        if (scopes) for (const g of s.grants) if (g.rule.resourceNames.length > 0) add(scopes, s, g, p.label);
      }
    }
  }
  const out: Accumulator[] = [];
  for (const scopes of bySubject.values()) {
    const cluster = scopes.get(CLUSTER_SCOPE);
    for (const acc of scopes.values()) {
      if (cluster && acc !== cluster) {
        for (const [k, path] of acc.paths) if (!cluster.paths.has(k)) cluster.paths.set(k, path);
        acc.permissions.forEach((l) => cluster.permissions.add(l));
        continue;
      }
      out.push(acc);
    }
  }
  return out;
}
