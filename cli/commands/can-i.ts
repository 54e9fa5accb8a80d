import type { Command } from 'commander';
import { canI } from '../../lib/engine/can-i';
import { withImplicitGroups } from '../../lib/engine/subjects';
import { canIJson } from '../../lib/format/json';
import { refLabel, ruleText } from '../../lib/format/text';
import { loadForCommand, printHints } from '../load';
import { addRequestOptions, addSourceOptions, buildRequest, outputOption, type RequestOptions, type SourceOptions } from '../options';
import { writeJson, writeOut } from '../write';
import { escapeTerminalLines } from '../../lib/format/escape/terminal';

type Opts = SourceOptions & RequestOptions & { as: string; asGroup: string[]; implicitGroups: boolean; output: string; explain?: boolean };

const collect = (value: string, previous: string[]) => [...previous, value];

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
  cmd.action(async (verb: string, resource: string | undefined, o: Opts) => {
    const { request, hints } = buildRequest(verb, resource, o);
    printHints(hints);
    const { index } = await loadForCommand(o);
    const principal = o.implicitGroups ? withImplicitGroups(o.as, o.asGroup) : { user: o.as, groups: o.asGroup };
    const answer = canI(index, principal, request);
    process.exitCode = answer.allowed ? 0 : 1;
    if (o.output === 'json') return writeJson(canIJson(request, principal, answer));
    let text = answer.allowed ? 'yes\n' : 'no\n';
    if (o.explain) {
      if (answer.reason) text += `  via group ${answer.reason}: the API server allows it before RBAC is consulted\n`;
      else if (answer.grant) text += `  via ${refLabel(answer.grant.binding)} → ${refLabel(answer.grant.role)}: ${ruleText(answer.grant.rule)}\n`;
      else text += `  no binding of ${principal.user}${principal.groups.length ? ` or groups ${principal.groups.join(', ')}` : ''} allows it\n`;
    }
    await writeOut(escapeTerminalLines(text));
  });
}
