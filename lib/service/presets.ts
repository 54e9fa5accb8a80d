// Preset questions of the landing view. A preset may ask several requests; their answers are merged.
// Resources use kubectl syntax (RESOURCE[.GROUP][/SUBRESOURCE]). Cluster-scoped resources are asked
// without a namespace whatever namespace the user picked.

export interface PresetRequest {
  verb: string;
  resource: string;
  /** cluster-scoped resource: always asked with namespace "" */
  clusterScoped?: boolean;
}

export interface Preset {
  id: string;
  title: string;
  description: string;
  requests: PresetRequest[];
}

const each = (verbs: string[], resources: string[], clusterScoped = false): PresetRequest[] =>
  verbs.flatMap((verb) => resources.map((resource) => ({ verb, resource, ...(clusterScoped ? { clusterScoped } : {}) })));

export const PRESETS = [
  {
    id: 'read-secrets',
    title: 'Who can read secrets?',
    description: 'get, list or watch secrets: reading a service-account token is acting as that account',
    requests: each(['get', 'list', 'watch'], ['secrets']),
  },
  {
    id: 'exec-pods',
    title: 'Who can exec into pods?',
    description: 'create pods/exec (SPDY) or get pods/exec (websocket clients)',
    requests: each(['create', 'get'], ['pods/exec']),
  },
  {
    id: 'create-pods',
    title: 'Who can create pods?',
    description: 'creating a pod can mount any service account of the namespace',
    requests: each(['create'], ['pods']),
  },
  {
    id: 'create-workloads',
    title: 'Who can create or patch workloads?',
    description: 'deployments, daemonsets, statefulsets, replicasets, jobs and cronjobs',
    requests: each(['create', 'patch'], ['deployments.apps', 'daemonsets.apps', 'statefulsets.apps', 'replicasets.apps', 'jobs.batch', 'cronjobs.batch']),
  },
  {
    id: 'escalate-bind-impersonate',
    title: 'Who can escalate, bind or impersonate?',
    description: 'escalate/bind on roles and cluster roles, impersonate users, groups and service accounts',
    requests: [
      ...each(['escalate', 'bind'], ['roles.rbac.authorization.k8s.io', 'clusterroles.rbac.authorization.k8s.io']),
      ...each(['impersonate'], ['users', 'groups', 'serviceaccounts'], true),
    ],
  },
  {
    id: 'read-configmaps',
    title: 'Who can read configmaps?',
    description: 'get or list configmaps',
    requests: each(['get', 'list'], ['configmaps']),
  },
  {
    id: 'delete-namespaces',
    title: 'Who can delete namespaces?',
    description: 'delete namespaces (cluster-scoped)',
    requests: each(['delete'], ['namespaces'], true),
  },
  {
    id: 'proxy-nodes',
    title: 'Who can proxy to nodes?',
    description: 'get or create nodes/proxy: the kubelet API, which can exec into any pod on the node',
    requests: each(['get', 'create'], ['nodes/proxy'], true),
  },
  {
    id: 'approve-csr',
    title: 'Who can approve certificate requests?',
    description: 'update certificatesigningrequests/approval and approve signers',
    requests: [
      ...each(['update', 'patch'], ['certificatesigningrequests.certificates.k8s.io/approval'], true),
      ...each(['approve'], ['signers.certificates.k8s.io'], true),
    ],
  },
  {
    id: 'modify-webhooks',
    title: 'Who can modify admission webhooks?',
    description: 'create, update, patch or delete mutating and validating webhook configurations',
    requests: each(
      ['create', 'update', 'patch', 'delete'],
      ['mutatingwebhookconfigurations.admissionregistration.k8s.io', 'validatingwebhookconfigurations.admissionregistration.k8s.io'],
      true,
    ),
  },
] as const satisfies readonly Preset[];

export type PresetId = (typeof PRESETS)[number]['id'];

export const PRESET_IDS = PRESETS.map((p) => p.id) as [PresetId, ...PresetId[]];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
