// Compact builders for engine tests, in the spirit of upstream rbac_test.go:
//   rule('get,list', '', 'pods'), crb('admins', 'ClusterRole:admin', 'User:alice', 'Group:ops')
import { buildSnapshot, type RawInput } from '../lib/engine/normalize';
import { buildIndex, type AtlasIndex } from '../lib/engine/query-index';
import type { NonResourceRequest, ResourceRequest, Snapshot } from '../lib/engine/types';

const RBAC = 'rbac.authorization.k8s.io/v1';
const list = (csv: string) => (csv === '' ? [''] : csv.split(','));

export interface RawRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** rule('get,list', '', 'pods'); groups and resources are comma lists ("" = core group). */
export function rule(verbs: string, groups: string, resources: string, names?: string): RawRule {
  const r: RawRule = { verbs: verbs.split(','), apiGroups: list(groups), resources: resources.split(',') };
  if (names !== undefined) r.resourceNames = names.split(',');
  return r;
}

export function urlRule(verbs: string, urls: string): RawRule {
  return { verbs: verbs.split(','), nonResourceURLs: urls.split(',') };
}

export function clusterRole(name: string, rules: RawRule[], labels: Record<string, string> = {}, aggregationRule?: unknown) {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels }, rules, ...(aggregationRule ? { aggregationRule } : {}) };
}

export function role(ns: string, name: string, rules: RawRule[]) {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace: ns }, rules };
}

/** "User:alice" | "Group:devs" | "ServiceAccount:ns/name" | "ServiceAccount:name" (no namespace) */
export function subject(spec: string) {
  const [kind, rest = ''] = spec.split(/:(.*)/s) as [string, string];
  if (kind === 'ServiceAccount') {
    const [a, b] = rest.split('/');
    return b === undefined ? { kind, name: a } : { kind, name: b, namespace: a };
  }
  return { kind, name: rest, apiGroup: 'rbac.authorization.k8s.io' };
}

function roleRef(spec: string) {
  const [kind, name] = spec.split(':') as [string, string];
  return { apiGroup: 'rbac.authorization.k8s.io', kind, name };
}

export function crb(name: string, ref: string, ...subjects: string[]) {
  return { apiVersion: RBAC, kind: 'ClusterRoleBinding', metadata: { name }, roleRef: roleRef(ref), subjects: subjects.map(subject) };
}

export function rb(ns: string, name: string, ref: string, ...subjects: string[]) {
  return { apiVersion: RBAC, kind: 'RoleBinding', metadata: { name, namespace: ns }, roleRef: roleRef(ref), subjects: subjects.map(subject) };
}

export function sa(spec: string) {
  const [ns, name] = spec.split('/') as [string, string];
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } };
}

export function pod(spec: string, serviceAccountName?: string) {
  const [ns, name] = spec.split('/') as [string, string];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: serviceAccountName ? { serviceAccountName } : {} };
}

export function snapshotOf(...objects: unknown[]): Snapshot {
  const inputs: RawInput[] = objects.map((value, doc) => ({ value, origin: { source: 'test', doc } }));
  return buildSnapshot(inputs, { source: 'test' });
}

export function indexOf(...objects: unknown[]): AtlasIndex {
  return buildIndex(snapshotOf(...objects));
}

/** "get pods/exec in ns" style: req('get', 'pods/exec', 'ns', 'name') with group prefix "apps:deployments" */
export function req(verb: string, resource: string, namespace = '', name = ''): ResourceRequest {
  const [groupPart, resPart] = resource.includes(':') ? (resource.split(':') as [string, string]) : ['', resource];
  const [res, sub = ''] = resPart.split('/') as [string, string?];
  return { type: 'resource', verb, apiGroup: groupPart, resource: res, subresource: sub, namespace, name };
}

export function url(verb: string, path: string): NonResourceRequest {
  return { type: 'nonResource', verb, path };
}
