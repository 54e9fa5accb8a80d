// Cluster-level controls: admission configuration, PersistentVolumes, Namespaces and status
// subresources. All but pods/status and services/status are cluster-scoped resources, so only
// ClusterRoleBindings can grant them.
import type { PermissionCheck } from './check';
import { probe, probes } from './probes';

const ADMISSION = 'admissionregistration.k8s.io';

export const admissionControl: PermissionCheck = {
  type: 'permission',
  action: 'can change admission webhooks or policies',
  probes: () =>
    probes(
      ['create', 'update', 'patch', 'delete'],
      ADMISSION,
      [
        'mutatingwebhookconfigurations',
        'validatingwebhookconfigurations',
        'validatingadmissionpolicies',
        'validatingadmissionpolicybindings',
        'mutatingadmissionpolicies',
        'mutatingadmissionpolicybindings',
      ],
      true,
    ),
};

export const createPersistentVolumes: PermissionCheck = {
  type: 'permission',
  action: 'can create PersistentVolumes',
  probes: () => [probe('create', '', 'persistentvolumes', true)],
};

export const patchNamespaces: PermissionCheck = {
  type: 'permission',
  action: 'can modify Namespaces',
  probes: () => probes(['patch', 'update'], '', ['namespaces'], true),
};

export const modifyStatus: PermissionCheck = {
  type: 'permission',
  action: 'can modify node, pod or service status',
  probes: () => [...probes(['update', 'patch'], '', ['nodes/status'], true), ...probes(['update', 'patch'], '', ['pods/status', 'services/status'])],
};
