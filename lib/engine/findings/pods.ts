// Running code as other identities through pods: creating pods or their controllers, exec/attach/
// port-forward, modifying pods, the kubelet API (nodes/proxy) and TokenRequest. Each reaches
// ServiceAccounts, so each finding is raised to the strongest ServiceAccount it reaches.
import type { PermissionCheck } from './check';
import { probe, probes } from './probes';

/** Controllers whose pod template can be created or changed (and so run new pods with it). */
const CONTROLLERS: [group: string, resources: string[]][] = [
  ['apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets']],
  ['batch', ['cronjobs']],
  ['', ['replicationcontrollers']],
];

export const createWorkloads: PermissionCheck = {
  type: 'permission',
  action: 'can create pods or pod controllers',
  reach: 'namespace',
  probes: () => [
    probe('create', '', 'pods'),
    // a Job's pod template is immutable: only creating one runs new code
    probe('create', 'batch', 'jobs'),
    ...CONTROLLERS.flatMap(([g, rs]) => probes(['create', 'update', 'patch'], g, rs)),
  ],
};

export const execPods: PermissionCheck = {
  type: 'permission',
  action: 'can exec, attach or port-forward into pods',
  reach: 'pods',
  probes: () => probes(['create', 'get'], '', ['pods/exec', 'pods/attach', 'pods/portforward']),
  adjust(_ctx, acc) {
    if ([...acc.permissions].some((p) => p.startsWith('create '))) return undefined;
    return {
      steps: 0,
      note: 'only get: this works over WebSocket connections, unless the API server also requires create for them (feature gate AuthorizePodWebsocketUpgradeCreatePermission)',
    };
  },
};

export const modifyPods: PermissionCheck = {
  type: 'permission',
  action: 'can modify running pods or add ephemeral containers',
  reach: 'pods',
  probes: () => probes(['update', 'patch'], '', ['pods', 'pods/ephemeralcontainers']),
};

export const nodesProxy: PermissionCheck = {
  type: 'permission',
  action: 'can reach the kubelet API through nodes/proxy',
  reach: 'pods',
  probes: () => probes(['get', 'create'], '', ['nodes/proxy'], true),
};

export const createServiceAccountToken: PermissionCheck = {
  type: 'permission',
  action: 'can mint ServiceAccount tokens',
  reach: 'namespace',
  probes: () => [probe('create', '', 'serviceaccounts/token')],
};
