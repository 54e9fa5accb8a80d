import type { Command } from 'commander';
import { addSourceOptions, collect, outputOption, type SourceOptions } from '../options';

export type WhatCanOptions = SourceOptions & { as?: string; asGroup: string[]; subject?: string; namespace?: string; implicitGroups: boolean; output: string };

export function registerWhatCan(program: Command): void {
  const cmd = program
    .command('what-can')
    .description('list the rules a subject holds, per scope, and the bindings that grant them')
    .option('--as <user>', 'evaluate a user (with --as-group and the implicit groups)')
    .option('--as-group <group>', 'a group of the user; repeatable', collect, [])
    .option('--subject <KIND:[NS/]NAME>', 'only the bindings naming this subject: User:jane, Group:devs, ServiceAccount:prod/ci')
    .option('-n, --namespace <ns>', 'only cluster-wide rules and rules in this namespace')
    .option('--no-implicit-groups', 'with --as: do not add system:authenticated and the service-account groups')
    .addOption(outputOption(['table', 'json']))
    .addHelpText('after', `
Examples:
  rbac-atlas what-can --subject ServiceAccount:ci/gitlab-runner --demo
  rbac-atlas what-can --as jane@example.com -n team-a --demo`);
  addSourceOptions(cmd);
  cmd.action(async (o: WhatCanOptions) => {
    const { whatCan } = await import('../commands/what-can');
    await whatCan(o);
  });
}
