// Seeded mixes of who-can / can-i requests for benchmarks, drawn from what a cluster actually contains
// (its namespaces, bound users and groups, ServiceAccounts, rule resourceNames) so that a realistic
// share of the answers is "yes". Pure: no I/O.
//
// A request has the shape of an `rbac-atlas query` input line (DESIGN.md), plus `allNamespaces` for
// who-can over all namespaces (`who-can -A`), which the query contract does not have.
import type { Principal, Request } from '../lib/engine/types';
import type { KubeObject } from '../testing/cluster/generate';
import { Rand, mixSeeds } from '../testing/prng';

export interface BenchRequest {
  id: number;
  type: 'can' | 'who-can';
  /** can-i only: the principal, with its groups spelled out (the query contract adds none) */
  user?: string;
  groups?: string[];
  verb: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** non-resource request: replaces the resource fields */
  path?: string;
  /** who-can only: any namespace or cluster-wide (`-A`); namespace is then "" */
  allNamespaces?: boolean;
}

export interface NamedIn {
  name: string;
  /** "" when bound by a ClusterRoleBinding */
  namespace: string;
}

export interface ClusterInfo {
  namespaces: string[];
  /** namespaces holding at least one RoleBinding */
  boundNamespaces: string[];
  /** User subjects with the namespace of each binding naming them */
  users: NamedIn[];
  /** Group subjects (system: groups left out) with the namespace of each binding naming them */
  groups: NamedIn[];
  serviceAccounts: { namespace: string; name: string }[];
  /** resourceNames that Roles mention, with the Role's namespace */
  resourceNames: { namespace: string; resource: string; name: string }[];
  nodes: string[];
}

interface Subject {
  kind?: unknown;
  name?: unknown;
}

/** Collects a ClusterInfo from any stream of raw objects (a generated cluster or a real dump). */
export function clusterInfoFromItems(items: Iterable<KubeObject>): ClusterInfo {
  const namespaces = new Set<string>();
  const bound = new Set<string>();
  const users = new Map<string, NamedIn>();
  const groups = new Map<string, NamedIn>();
  const serviceAccounts: { namespace: string; name: string }[] = [];
  const resourceNames: { namespace: string; resource: string; name: string }[] = [];
  const nodes = new Set<string>();
  for (const o of items) {
    const ns = o.metadata?.namespace ?? '';
    switch (o.kind) {
      case 'Namespace':
        namespaces.add(o.metadata.name);
        break;
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        if (o.kind === 'RoleBinding') bound.add(ns);
        const subjects = Array.isArray(o.subjects) ? (o.subjects as Subject[]) : [];
        for (const s of subjects) {
          if (typeof s.name !== 'string') continue;
          const key = `${s.name}\u0000${ns}`;
          if (s.kind === 'User' && !s.name.startsWith('system:')) users.set(key, { name: s.name, namespace: ns });
          if (s.kind === 'Group' && !s.name.startsWith('system:')) groups.set(key, { name: s.name, namespace: ns });
        }
        break;
      }
      case 'ServiceAccount':
        serviceAccounts.push({ namespace: ns, name: o.metadata.name });
        break;
      case 'Role': {
        const rules = Array.isArray(o.rules) ? (o.rules as { resources?: unknown; resourceNames?: unknown }[]) : [];
        for (const r of rules) {
          if (!Array.isArray(r.resourceNames) || !Array.isArray(r.resources)) continue;
          for (const resource of r.resources) {
            for (const name of r.resourceNames) {
              if (typeof resource === 'string' && typeof name === 'string') resourceNames.push({ namespace: ns, resource, name });
            }
          }
        }
        break;
      }
      case 'Pod': {
        const nodeName = (o.spec as { nodeName?: unknown } | undefined)?.nodeName;
        if (typeof nodeName === 'string') nodes.add(nodeName);
        break;
      }
    }
  }
  return {
    namespaces: [...namespaces],
    boundNamespaces: [...bound],
    users: [...users.values()],
    groups: [...groups.values()],
    serviceAccounts,
    resourceNames,
    nodes: [...nodes],
  };
}

interface ResourceKind {
  verbs: readonly string[];
  apiGroup: string;
  resource: string;
  subresource?: string;
  cluster?: boolean;
  weight: number;
}

const RESOURCE_KINDS: readonly ResourceKind[] = [
  { verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets', weight: 14 },
  { verbs: ['get', 'list', 'create', 'delete'], apiGroup: '', resource: 'pods', weight: 12 },
  { verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'exec', weight: 10 },
  { verbs: ['get'], apiGroup: '', resource: 'pods', subresource: 'log', weight: 4 },
  { verbs: ['get', 'create', 'patch', 'update', 'delete'], apiGroup: 'apps', resource: 'deployments', weight: 10 },
  { verbs: ['update', 'patch'], apiGroup: 'apps', resource: 'deployments', subresource: 'scale', weight: 4 },
  { verbs: ['get', 'list', 'watch', 'update', 'create'], apiGroup: '', resource: 'configmaps', weight: 10 },
  { verbs: ['get', 'list'], apiGroup: '', resource: 'services', weight: 4 },
  { verbs: ['get', 'create', 'update'], apiGroup: 'coordination.k8s.io', resource: 'leases', weight: 3 },
  { verbs: ['create', 'delete'], apiGroup: 'rbac.authorization.k8s.io', resource: 'rolebindings', weight: 3 },
  { verbs: ['impersonate'], apiGroup: '', resource: 'serviceaccounts', weight: 2 },
  { verbs: ['create'], apiGroup: '', resource: 'serviceaccounts', subresource: 'token', weight: 2 },
  { verbs: ['create', 'patch'], apiGroup: '', resource: 'events', weight: 2 },
  { verbs: ['get', 'list'], apiGroup: 'apps.acme.example', resource: 'rollouts', weight: 2 },
  { verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'nodes', cluster: true, weight: 5 },
  { verbs: ['get'], apiGroup: '', resource: 'nodes', subresource: 'proxy', cluster: true, weight: 2 },
  { verbs: ['get', 'list', 'create', 'delete'], apiGroup: '', resource: 'namespaces', cluster: true, weight: 5 },
  { verbs: ['bind', 'escalate'], apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', cluster: true, weight: 2 },
  { verbs: ['create'], apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', cluster: true, weight: 1 },
  { verbs: ['get', 'list'], apiGroup: '', resource: 'persistentvolumes', cluster: true, weight: 1 },
];
const RESOURCE_WEIGHTS = RESOURCE_KINDS.map((k) => k.weight);

const NON_RESOURCE_PATHS = [
  '/metrics', '/metrics/cadvisor', '/healthz', '/healthz/etcd', '/livez', '/readyz', '/version', '/api',
  '/apis/apps/v1', '/openapi/v3', '/logs/kube-apiserver.log',
];
const NAMED_VERBS = new Set(['get', 'update', 'patch', 'delete', 'bind', 'escalate', 'impersonate']);
const SYSTEM_PRINCIPALS: readonly Principal[] = [
  { user: 'system:kube-controller-manager', groups: ['system:authenticated'] },
  { user: 'system:kube-scheduler', groups: ['system:authenticated'] },
  { user: 'system:anonymous', groups: ['system:unauthenticated'] },
  { user: 'system:kube-proxy', groups: ['system:authenticated'] },
];
const ORG_GROUPS = ['oidc:sre', 'oidc:security', 'oidc:platform-admins', 'oidc:sre-oncall'];

export type RequestMix = 'mixed' | 'can' | 'who-can';

/**
 * `count` requests drawn with the given seed. `mixed` is 80% can-i and 20% who-can. About 4% are
 * non-resource requests; named requests use resourceNames found in the cluster's Roles.
 */
export function generateRequests(info: ClusterInfo, count: number, seed = 1, mix: RequestMix = 'mixed'): BenchRequest[] {
  const rand = new Rand(mixSeeds(seed, 0x2e9c));
  const nsPool = info.boundNamespaces.length > 0 ? info.boundNamespaces : info.namespaces.length > 0 ? info.namespaces : ['default'];
  const out: BenchRequest[] = [];
  for (let id = 0; id < count; id++) {
    const type = mix === 'mixed' ? (rand.chance(0.8) ? 'can' : 'who-can') : mix;
    const req: BenchRequest = { id, type, verb: 'get' };
    // principal first (can-i): it suggests a namespace where it is likely to hold something
    let homeNs: string | undefined;
    if (type === 'can') {
      const p = pickPrincipal(rand, info);
      req.user = p.user;
      req.groups = p.groups;
      homeNs = p.homeNs;
    }
    if (rand.chance(0.04)) {
      req.verb = rand.chance(0.9) ? 'get' : 'post';
      req.path = rand.pick(NON_RESOURCE_PATHS);
      out.push(req);
      continue;
    }
    const kind = RESOURCE_KINDS[rand.weighted(RESOURCE_WEIGHTS)] as ResourceKind;
    req.verb = rand.pick(kind.verbs);
    req.apiGroup = kind.apiGroup;
    req.resource = kind.resource;
    req.subresource = kind.subresource ?? '';
    req.name = '';
    if (kind.cluster) {
      req.namespace = '';
      if (type === 'who-can' && rand.chance(0.1)) req.allNamespaces = true;
    } else if (type === 'who-can') {
      const scope = rand.float();
      if (scope < 0.2) {
        req.namespace = '';
        req.allNamespaces = true;
      } else if (scope < 0.3) req.namespace = '';
      else req.namespace = rand.pick(nsPool);
    } else {
      req.namespace = homeNs !== undefined && homeNs !== '' && rand.chance(0.7) ? homeNs : rand.pick(nsPool);
      if (rand.chance(0.05)) req.namespace = ''; // e.g. list secrets across all namespaces
    }
    if (NAMED_VERBS.has(req.verb) && rand.chance(0.3)) {
      const known = info.resourceNames.length > 0 && rand.chance(0.6) ? rand.pick(info.resourceNames) : undefined;
      if (known && !kind.cluster && !req.allNamespaces) {
        req.resource = known.resource;
        req.apiGroup = known.resource === 'leases' ? 'coordination.k8s.io' : '';
        req.subresource = '';
        if (req.namespace !== '') req.namespace = known.namespace;
        req.name = known.name;
      } else {
        req.name = `${rand.pick(['app', 'db', 'cache', 'web', 'registry'])}-${rand.pick(['config', 'tls', 'credentials', 'leader', 'main'])}`;
      }
    }
    out.push(req);
  }
  return out;
}

function pickPrincipal(rand: Rand, info: ClusterInfo): Principal & { homeNs?: string } {
  const roll = rand.float();
  if (roll < 0.27 && info.groups.length > 0) {
    const g = rand.pick(info.groups);
    return { user: `user-${rand.int(5000)}@example.com`, groups: [g.name, 'system:authenticated'], homeNs: g.namespace };
  }
  if (roll < 0.49 && info.serviceAccounts.length > 0) {
    const s = rand.pick(info.serviceAccounts);
    return {
      user: `system:serviceaccount:${s.namespace}:${s.name}`,
      groups: ['system:serviceaccounts', `system:serviceaccounts:${s.namespace}`, 'system:authenticated'],
      homeNs: s.namespace,
    };
  }
  if (roll < 0.7 && info.users.length > 0) {
    const u = rand.pick(info.users);
    return { user: u.name, groups: ['system:authenticated'], homeNs: u.namespace };
  }
  if (roll < 0.8) return { user: `guest-${rand.int(1000)}@example.com`, groups: ['system:authenticated'] };
  if (roll < 0.88) return { user: `sre-${rand.int(100)}@example.com`, groups: [rand.pick(ORG_GROUPS), 'system:authenticated'] };
  if (roll < 0.95 && info.nodes.length > 0) {
    return { user: `system:node:${rand.pick(info.nodes)}`, groups: ['system:nodes', 'system:authenticated'] };
  }
  if (roll < 0.96) return { user: 'admin', groups: ['system:masters', 'system:authenticated'] };
  return rand.pick(SYSTEM_PRINCIPALS);
}

/** The engine's request type for a bench request. */
export function toEngineRequest(r: BenchRequest): Request {
  if (r.path !== undefined) return { type: 'nonResource', verb: r.verb, path: r.path };
  return {
    type: 'resource',
    verb: r.verb,
    apiGroup: r.apiGroup ?? '',
    resource: r.resource ?? '',
    subresource: r.subresource ?? '',
    namespace: r.namespace ?? '',
    name: r.name ?? '',
  };
}

/** The principal of a can-i request (groups as given: no implicit additions). */
export function principalOf(r: BenchRequest): Principal {
  return { user: r.user ?? '', groups: r.groups ?? [] };
}
