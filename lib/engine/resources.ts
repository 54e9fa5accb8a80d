// Built-in Kubernetes resources: API group, scope and short names. Used only for hints (a request
// for "deployments" in the core group, "pod" instead of "pods", a cluster-scoped resource asked in a
// namespace); the authorizer itself compares strings and so do we.

export interface BuiltinResource {
  group: string;
  namespaced: boolean;
  shortNames?: string[];
  singular: string;
}

const r = (group: string, namespaced: boolean, singular: string, ...shortNames: string[]): BuiltinResource => ({
  group, namespaced, singular, ...(shortNames.length ? { shortNames } : {}),
});

export const BUILTIN_RESOURCES: Record<string, BuiltinResource> = {
  pods: r('', true, 'pod', 'po'),
  services: r('', true, 'service', 'svc'),
  secrets: r('', true, 'secret'),
  configmaps: r('', true, 'configmap', 'cm'),
  serviceaccounts: r('', true, 'serviceaccount', 'sa'),
  persistentvolumeclaims: r('', true, 'persistentvolumeclaim', 'pvc'),
  events: r('', true, 'event', 'ev'),
  endpoints: r('', true, 'endpoints', 'ep'),
  replicationcontrollers: r('', true, 'replicationcontroller', 'rc'),
  limitranges: r('', true, 'limitrange', 'limits'),
  resourcequotas: r('', true, 'resourcequota', 'quota'),
  podtemplates: r('', true, 'podtemplate'),
  nodes: r('', false, 'node', 'no'),
  namespaces: r('', false, 'namespace', 'ns'),
  persistentvolumes: r('', false, 'persistentvolume', 'pv'),
  componentstatuses: r('', false, 'componentstatus', 'cs'),
  deployments: r('apps', true, 'deployment', 'deploy'),
  statefulsets: r('apps', true, 'statefulset', 'sts'),
  daemonsets: r('apps', true, 'daemonset', 'ds'),
  replicasets: r('apps', true, 'replicaset', 'rs'),
  controllerrevisions: r('apps', true, 'controllerrevision'),
  jobs: r('batch', true, 'job'),
  cronjobs: r('batch', true, 'cronjob', 'cj'),
  horizontalpodautoscalers: r('autoscaling', true, 'horizontalpodautoscaler', 'hpa'),
  poddisruptionbudgets: r('policy', true, 'poddisruptionbudget', 'pdb'),
  ingresses: r('networking.k8s.io', true, 'ingress', 'ing'),
  networkpolicies: r('networking.k8s.io', true, 'networkpolicy', 'netpol'),
  ingressclasses: r('networking.k8s.io', false, 'ingressclass'),
  endpointslices: r('discovery.k8s.io', true, 'endpointslice'),
  leases: r('coordination.k8s.io', true, 'lease'),
  roles: r('rbac.authorization.k8s.io', true, 'role'),
  rolebindings: r('rbac.authorization.k8s.io', true, 'rolebinding'),
  clusterroles: r('rbac.authorization.k8s.io', false, 'clusterrole'),
  clusterrolebindings: r('rbac.authorization.k8s.io', false, 'clusterrolebinding'),
  certificatesigningrequests: r('certificates.k8s.io', false, 'certificatesigningrequest', 'csr'),
  signers: r('certificates.k8s.io', false, 'signer'),
  mutatingwebhookconfigurations: r('admissionregistration.k8s.io', false, 'mutatingwebhookconfiguration'),
  validatingwebhookconfigurations: r('admissionregistration.k8s.io', false, 'validatingwebhookconfiguration'),
  validatingadmissionpolicies: r('admissionregistration.k8s.io', false, 'validatingadmissionpolicy'),
  validatingadmissionpolicybindings: r('admissionregistration.k8s.io', false, 'validatingadmissionpolicybinding'),
  customresourcedefinitions: r('apiextensions.k8s.io', false, 'customresourcedefinition', 'crd', 'crds'),
  apiservices: r('apiregistration.k8s.io', false, 'apiservice'),
  storageclasses: r('storage.k8s.io', false, 'storageclass', 'sc'),
  csidrivers: r('storage.k8s.io', false, 'csidriver'),
  csinodes: r('storage.k8s.io', false, 'csinode'),
  volumeattachments: r('storage.k8s.io', false, 'volumeattachment'),
  priorityclasses: r('scheduling.k8s.io', false, 'priorityclass', 'pc'),
  runtimeclasses: r('node.k8s.io', false, 'runtimeclass'),
  tokenreviews: r('authentication.k8s.io', false, 'tokenreview'),
  subjectaccessreviews: r('authorization.k8s.io', false, 'subjectaccessreview'),
  selfsubjectaccessreviews: r('authorization.k8s.io', false, 'selfsubjectaccessreview'),
  localsubjectaccessreviews: r('authorization.k8s.io', true, 'localsubjectaccessreview'),
};

/** The built-in resource of that exact name; own keys only, so "__proto__" or "constructor" is not one. */
export function builtinResource(name: string): BuiltinResource | undefined {
  return Object.hasOwn(BUILTIN_RESOURCES, name) ? BUILTIN_RESOURCES[name] : undefined;
}

/** The resource a singular, short name or kind-like name most likely meant ("po", "pod", "Pod"). */
export function suggestResource(name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [plural, info] of Object.entries(BUILTIN_RESOURCES)) {
    if (lower === plural && name !== plural) return plural;
    if (lower === info.singular || info.shortNames?.includes(lower)) return plural;
  }
  return undefined;
}
