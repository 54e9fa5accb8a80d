// Secrets: reading (get, list or watch: all three reveal contents) and writing in privileged
// namespaces (where a service-account-token Secret mints a token for a powerful ServiceAccount).
import type { PermissionCheck } from './check';
import { isPrivilegedScope } from './context';
import { probes } from './probes';

export const readSecrets: PermissionCheck = {
  type: 'permission',
  action: 'can read Secrets',
  reach: 'legacy-token',
  probes: () => probes(['get', 'list', 'watch'], '', ['secrets']),
};

export const writeSecretsPrivileged: PermissionCheck = {
  type: 'permission',
  action: 'can create or update Secrets',
  reach: 'namespace',
  probes: () => probes(['create', 'update', 'patch'], '', ['secrets']),
  inScope: isPrivilegedScope,
};
