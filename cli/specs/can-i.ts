import type { Command } from 'commander';
import { addRequestOptions, addSourceOptions, collect, outputOption, type RequestOptions, type SourceOptions } from '../options';

export type CanIOptions = SourceOptions & RequestOptions & { as: string; asGroup: string[]; implicitGroups: boolean; output: string; explain?: boolean };

export function registerCanI(program: Command): void {
  const cmd = program
    .command('can-i')
    .description('answer yes or no for one user (exit 0 = yes, 1 = no), as the API server would')
    .argument('<verb>', 'the verb')
    .argument('[resource]', 'RESOURCE[.GROUP][/SUBRESOURCE]')
    .requiredOption('--as <user>', 'the user name (system:serviceaccount:NS:NAME for a service account)')
    .option('--as-group <group>', 'a group of the user; repeatable', collect, [])
    .option('--no-implicit-groups', 'do not add system:authenticated and the service-account groups')
    .option('--explain', 'print the binding, role and rule that allow the request')
    .addOption(outputOption(['text', 'json'], 'text'))
    .addHelpText('after', `
Examples:
  rbac-atlas can-i get secrets -n default --as system:serviceaccount:default:default --demo
  rbac-atlas can-i create pods/exec -n team-a --as alice --as-group developers --demo`);
  addRequestOptions(cmd);
  addSourceOptions(cmd);
  cmd.action(async (verb: string, resource: string | undefined, o: CanIOptions) => {
    const { canI } = await import('../commands/can-i');
    await canI(verb, resource, o);
  });
}
