// The requests the techniques and sinks ask about, each decided by the authorizer's own rule
// matching (ruleAllows) over the bindings that apply. A probe is one request shape: verb, API group,
// resource and subresource; the namespace comes from the binding scope, the name from the target.
import type { ResourceRequest } from '../types';

export interface Probe {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  /** a cluster-scoped request (namespace ""): only ClusterRoleBindings can grant it */
  clusterScoped: boolean;
  /**
   * the request carries the target's name, so rules with resourceNames can grant it (create
   * requests carry no name upstream: a rule with resourceNames never allows them)
   */
  named: boolean;
}

const RBAC = 'rbac.authorization.k8s.io';
const CERTS = 'certificates.k8s.io';
const ADMISSION = 'admissionregistration.k8s.io';

const p = (verb: string, apiGroup: string, resource: string, opts: { sub?: string; cluster?: boolean; named?: boolean } = {}): Probe => ({
  verb,
  apiGroup,
  resource,
  subresource: opts.sub ?? '',
  clusterScoped: opts.cluster ?? false,
  named: opts.named ?? false,
});

/** The pod-controlling workloads: changing their pod template runs pods as any ServiceAccount. */
export const WORKLOADS: readonly { apiGroup: string; resource: string }[] = [
  { apiGroup: 'apps', resource: 'deployments' },
  { apiGroup: 'apps', resource: 'replicasets' },
  { apiGroup: 'apps', resource: 'statefulsets' },
  { apiGroup: 'apps', resource: 'daemonsets' },
  { apiGroup: 'batch', resource: 'jobs' },
  { apiGroup: 'batch', resource: 'cronjobs' },
  { apiGroup: '', resource: 'replicationcontrollers' },
];

const workloadProbes = Object.fromEntries(
  WORKLOADS.flatMap(({ apiGroup, resource }) => [
    [`create:${resource}`, p('create', apiGroup, resource)],
    [`update:${resource}`, p('update', apiGroup, resource, { named: true })],
    [`patch:${resource}`, p('patch', apiGroup, resource, { named: true })],
  ]),
) as Record<`${'create' | 'update' | 'patch'}:${(typeof WORKLOADS)[number]['resource']}`, Probe>;

export const PROBES = {
  /** every verb on every resource of every group, cluster-wide: the cluster-admin sink */
  everything: p('*', '*', '*', { cluster: true }),
  createPods: p('create', '', 'pods'),
  updatePods: p('update', '', 'pods', { named: true }),
  patchPods: p('patch', '', 'pods', { named: true }),
  ...workloadProbes,
  execPods: p('create', '', 'pods', { sub: 'exec', named: true }),
  attachPods: p('create', '', 'pods', { sub: 'attach', named: true }),
  updateEphemeralContainers: p('update', '', 'pods', { sub: 'ephemeralcontainers', named: true }),
  patchEphemeralContainers: p('patch', '', 'pods', { sub: 'ephemeralcontainers', named: true }),
  getNodesProxy: p('get', '', 'nodes', { sub: 'proxy', cluster: true, named: true }),
  createNodesProxy: p('create', '', 'nodes', { sub: 'proxy', cluster: true, named: true }),
  impersonateUsers: p('impersonate', '', 'users', { cluster: true, named: true }),
  impersonateGroups: p('impersonate', '', 'groups', { cluster: true, named: true }),
  impersonateServiceAccounts: p('impersonate', '', 'serviceaccounts', { named: true }),
  createTokens: p('create', '', 'serviceaccounts', { sub: 'token', named: true }),
  createRoleBindings: p('create', RBAC, 'rolebindings'),
  updateRoleBindings: p('update', RBAC, 'rolebindings', { named: true }),
  patchRoleBindings: p('patch', RBAC, 'rolebindings', { named: true }),
  createClusterRoleBindings: p('create', RBAC, 'clusterrolebindings', { cluster: true }),
  updateClusterRoleBindings: p('update', RBAC, 'clusterrolebindings', { cluster: true, named: true }),
  patchClusterRoleBindings: p('patch', RBAC, 'clusterrolebindings', { cluster: true, named: true }),
  /** bind is checked in the namespace of the binding being written, also for ClusterRoles */
  bindRoles: p('bind', RBAC, 'roles', { named: true }),
  bindClusterRoles: p('bind', RBAC, 'clusterroles', { named: true }),
  createRoles: p('create', RBAC, 'roles'),
  updateRoles: p('update', RBAC, 'roles', { named: true }),
  patchRoles: p('patch', RBAC, 'roles', { named: true }),
  createClusterRoles: p('create', RBAC, 'clusterroles', { cluster: true }),
  updateClusterRoles: p('update', RBAC, 'clusterroles', { cluster: true, named: true }),
  patchClusterRoles: p('patch', RBAC, 'clusterroles', { cluster: true, named: true }),
  escalateRoles: p('escalate', RBAC, 'roles', { named: true }),
  escalateClusterRoles: p('escalate', RBAC, 'clusterroles', { cluster: true, named: true }),
  createCsr: p('create', CERTS, 'certificatesigningrequests', { cluster: true }),
  getCsr: p('get', CERTS, 'certificatesigningrequests', { cluster: true, named: true }),
  listCsr: p('list', CERTS, 'certificatesigningrequests', { cluster: true, named: true }),
  watchCsr: p('watch', CERTS, 'certificatesigningrequests', { cluster: true, named: true }),
  updateCsrApproval: p('update', CERTS, 'certificatesigningrequests', { sub: 'approval', cluster: true, named: true }),
  patchCsrApproval: p('patch', CERTS, 'certificatesigningrequests', { sub: 'approval', cluster: true, named: true }),
  approveSigners: p('approve', CERTS, 'signers', { cluster: true, named: true }),
  createMutatingWebhooks: p('create', ADMISSION, 'mutatingwebhookconfigurations', { cluster: true }),
  updateMutatingWebhooks: p('update', ADMISSION, 'mutatingwebhookconfigurations', { cluster: true, named: true }),
  patchMutatingWebhooks: p('patch', ADMISSION, 'mutatingwebhookconfigurations', { cluster: true, named: true }),
  createNamespaces: p('create', '', 'namespaces', { cluster: true }),
  updateNamespaces: p('update', '', 'namespaces', { cluster: true, named: true }),
  patchNamespaces: p('patch', '', 'namespaces', { cluster: true, named: true }),
  /** list and watch with a metadata.name field selector carry the name upstream */
  getSecrets: p('get', '', 'secrets', { named: true }),
  listSecrets: p('list', '', 'secrets', { named: true }),
  watchSecrets: p('watch', '', 'secrets', { named: true }),
  createSecrets: p('create', '', 'secrets'),
} satisfies Record<string, Probe>;

export type ProbeId = keyof typeof PROBES;
export const PROBE_IDS = Object.keys(PROBES) as ProbeId[];

/** The request a probe makes in `namespace` ("" for cluster-scoped probes) about `name`. */
export function probeRequest(probe: Probe, namespace: string, name = ''): ResourceRequest {
  return {
    type: 'resource',
    verb: probe.verb,
    apiGroup: probe.apiGroup,
    resource: probe.resource,
    subresource: probe.subresource,
    namespace: probe.clusterScoped ? '' : namespace,
    name,
  };
}
