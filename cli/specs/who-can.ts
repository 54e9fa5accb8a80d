import type { Command } from 'commander';
import { addRequestOptions, addSourceOptions, outputOption, type RequestOptions, type SourceOptions } from '../options';

export type WhoCanOptions = SourceOptions & RequestOptions & { effective?: boolean; output: string };

export function registerWhoCan(program: Command): void {
  const cmd = program
    .command('who-can')
    .description('list the subjects that RBAC allows to make a request, and the bindings that allow it')
    .argument('<verb>', 'get, list, watch, create, update, patch, delete, escalate, bind, impersonate, ...')
    .argument('[resource]', 'RESOURCE[.GROUP][/SUBRESOURCE], e.g. secrets, pods/exec, deployments.apps/scale');
  addRequestOptions(cmd, { allNamespaces: true })
    .option('--effective', 'also list service accounts allowed through their implicit groups, and their pods')
    .addOption(outputOption(['table', 'wide', 'json']))
    .addHelpText('after', `
Examples:
  rbac-atlas who-can get secrets -n kube-system --demo
  rbac-atlas who-can create pods/exec -A -f dump.yaml
  rbac-atlas who-can update deployments.apps/scale -n prod -o json
  rbac-atlas who-can get --non-resource-url /metrics --demo`);
  addSourceOptions(cmd);
  cmd.action(async (verb: string, resource: string | undefined, o: WhoCanOptions) => {
    const { whoCan } = await import('../commands/who-can');
    await whoCan(verb, resource, o);
  });
}
