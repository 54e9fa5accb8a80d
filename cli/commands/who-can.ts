import type { Command } from 'commander';
import { effectiveTable, whoCanTable } from '../../lib/format/text';
import { whoCanWithJson } from '../../lib/service/answers';
import { loadForCommand, printHints } from '../load';
import { addRequestOptions, addSourceOptions, buildRequest, outputOption, terminalWidth, type RequestOptions, type SourceOptions } from '../options';
import { writeJson, writeOut } from '../write';
import { escapeTerminal } from '../../lib/format/escape/terminal';

type Opts = SourceOptions & RequestOptions & { effective?: boolean; output: string };

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
  cmd.action(async (verb: string, resource: string | undefined, o: Opts) => {
    const { hints, ...scoped } = buildRequest(verb, resource, o);
    printHints(hints);
    const { index } = await loadForCommand(o);
    const { answer, effective, json } = whoCanWithJson(index, scoped, { effective: o.effective === true });
    if (o.output === 'json') return writeJson(json);
    const width = terminalWidth();
    let text = whoCanTable(answer, { wide: o.output === 'wide', ...(width ? { width } : {}) });
    if (effective) text += effectiveTable(effective, width ? { width } : {});
    await writeOut(text);
    for (const w of answer.warnings) process.stderr.write(`note: ${escapeTerminal(w)}\n`);
  });
}
