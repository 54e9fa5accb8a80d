import type { Command } from 'commander';
import { SINKS } from '../../lib/engine/paths/types';
import { addSourceOptions, collect, outputOption, type SourceOptions } from '../options';

export type PathsCliOptions = SourceOptions & { from?: string; fromPod?: string; to: string[]; maxHops?: string; output: string };

export function registerPaths(program: Command): void {
  const cmd = program
    .command('paths')
    .description('privilege-escalation paths: how subjects (or a pod) can become cluster-admin or root on a node, step by step')
    .option('--from <KIND:[NS/]NAME>', 'start from this subject only: User:jane, Group:devs, ServiceAccount:prod/ci')
    .option('--from-pod <NS/NAME>', "start from a pod: its ServiceAccount's identity")
    .option('--to <sink>', `a sink to reach: ${SINKS.join(', ')}; repeatable (default: cluster-admin and node)`, collect, [])
    .option('--max-hops <n>', 'list only paths of at most this many steps')
    .addOption(outputOption(['table', 'json', 'markdown']))
    .addHelpText('after', `
Sinks:
  cluster-admin         every verb on every resource cluster-wide, or group system:masters
  node                  root on a node
  kube-system-secrets   read every Secret of kube-system

Examples:
  rbac-atlas paths --demo
  rbac-atlas paths --from ServiceAccount:ci/namespace-provisioner --demo
  rbac-atlas paths --from-pod team-a/api-6d5f --to cluster-admin -o json -f dump.yaml
  rbac-atlas paths --to kube-system-secrets --max-hops 2 -o markdown -f dump.yaml

See docs/paths.md for the model and docs/paths/<technique>.md for each technique.`);
  addSourceOptions(cmd);
  cmd.action(async (o: PathsCliOptions) => {
    const { paths } = await import('../commands/paths');
    await paths(o);
  });
}
