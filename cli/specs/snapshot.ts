import type { Command } from 'commander';
import { DEFAULT_PAGE_SIZE } from '../../lib/load/cluster-kinds';

export type SnapshotOptions = {
  context?: string;
  kubeconfig?: string;
  outputFile?: string;
  requestTimeout: string;
  chunkSize: string;
  quiet?: boolean;
  diagnostics?: boolean;
  debug?: boolean;
};

export function registerSnapshot(program: Command): void {
  program
    .command('snapshot')
    .description('read a live cluster and write a sanitized snapshot (a kind: List JSON that -f reads) for offline use and sharing')
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('--kubeconfig <path>', 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster)')
    .option('-o, --output-file <file>', 'where to write the snapshot (default: stdout)')
    .option('--request-timeout <duration>', 'give up loading after this long, e.g. 90s, 2m; 0 = never', '60s')
    .option('--chunk-size <n>', 'objects per list request', String(DEFAULT_PAGE_SIZE))
    .option('--diagnostics', 'print every load diagnostic (warnings and notes too)')
    .option('-q, --quiet', 'print no summary and no warnings except partial-data ones')
    .option('--debug', 'print stack traces of unexpected errors')
    .addHelpText('after', `
The snapshot holds the cluster's Namespaces, ClusterRoles, ClusterRoleBindings, Roles, RoleBindings,
ServiceAccounts and Pods (reduced to name, labels, owners, service account, node and phase), without
managedFields. Secrets are never read. The context name, server version and time are recorded in the
List's annotations; the server URL and credentials are not.

Examples:
  rbac-atlas snapshot -o prod-rbac.json
  rbac-atlas snapshot --context staging --request-timeout 3m -o staging.json
  rbac-atlas who-can get secrets -A -f prod-rbac.json`)
    .action(async (o: SnapshotOptions) => {
      const { snapshot } = await import('../commands/snapshot');
      await snapshot(o);
    });
}
