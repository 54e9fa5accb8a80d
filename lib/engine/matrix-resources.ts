// The access matrix's columns and verbs (matrix.ts): the resources it shows by default, without
// the index code, so that the CLI's option specs can describe them without loading the engine.
export interface MatrixResource {
  /** kubectl syntax: "pods", "pods/exec", "deployments.apps" */
  label: string;
  apiGroup: string;
  resource: string;
  subresource: string;
}

export const MATRIX_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;

const COMMON = [
  'pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/log', 'secrets', 'configmaps', 'services',
  'serviceaccounts', 'serviceaccounts/token', 'persistentvolumeclaims', 'events',
  'deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'replicasets.apps', 'jobs.batch', 'cronjobs.batch',
  'ingresses.networking.k8s.io', 'networkpolicies.networking.k8s.io',
  'roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io',
];

export function matrixResource(label: string): MatrixResource {
  const [main, subresource = ''] = label.split('/', 2) as [string, string?];
  const dot = main.indexOf('.');
  return dot < 0
    ? { label, apiGroup: '', resource: main, subresource }
    : { label, apiGroup: main.slice(dot + 1), resource: main.slice(0, dot), subresource };
}

export const MATRIX_RESOURCES: readonly MatrixResource[] = COMMON.map(matrixResource);
