// The kinds the live-cluster loader lists, and its default page size: constants without the loader
// (cluster.ts) and the Kubernetes client it uses, for the CLI's option specs and the progress line.
export const RBAC = 'rbac.authorization.k8s.io';

export const CLUSTER_KINDS = [
  { kind: 'Namespace', resource: 'namespaces', group: '', path: '/api/v1/namespaces', missing: 'namespaces are known only from the objects that name them' },
  { kind: 'ClusterRole', resource: 'clusterroles', group: RBAC, path: `/apis/${RBAC}/v1/clusterroles`, missing: 'grants through ClusterRoles are not resolved (their bindings look dangling)' },
  { kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', group: RBAC, path: `/apis/${RBAC}/v1/clusterrolebindings`, missing: 'cluster-wide grants are missing' },
  { kind: 'Role', resource: 'roles', group: RBAC, path: `/apis/${RBAC}/v1/roles`, missing: 'grants through Roles are not resolved (their bindings look dangling)' },
  { kind: 'RoleBinding', resource: 'rolebindings', group: RBAC, path: `/apis/${RBAC}/v1/rolebindings`, missing: 'namespaced grants are missing' },
  { kind: 'ServiceAccount', resource: 'serviceaccounts', group: '', path: '/api/v1/serviceaccounts', missing: 'service accounts are known only from bindings and pods' },
  { kind: 'Pod', resource: 'pods', group: '', path: '/api/v1/pods', missing: 'the pods that run as each service account are not known' },
] as const;

export type ClusterKind = (typeof CLUSTER_KINDS)[number]['kind'];

/** items per list request: kubectl's chunk size */
export const DEFAULT_PAGE_SIZE = 500;
