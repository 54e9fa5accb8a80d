// Cluster-admin equivalent: a rule that allows the request (verb *, group *, resource *), i.e. "*"
// on every axis, bound cluster-wide; and the same held through a RoleBinding: every permission in
// one namespace. Either absorbs the subject's other permission findings at its scope.
import { CLUSTER_SCOPE } from '../query-index';
import { ALL_STAR, type PermissionCheck } from './check';

export const clusterAdmin: PermissionCheck = {
  type: 'permission',
  action: 'holds every verb on every resource (cluster-admin equivalent)',
  probes: () => [{ label: '* *.*', request: ALL_STAR, clusterScoped: true }],
};

export const namespaceAdmin: PermissionCheck = {
  type: 'permission',
  action: 'holds every verb on every resource',
  reach: 'namespace',
  probes: () => [{ label: '* *.*', request: ALL_STAR, clusterScoped: false }],
  // cluster-wide holders are ClusterAdmin findings
  inScope: (_ctx, scope) => scope !== CLUSTER_SCOPE,
};
