import type { Command } from 'commander';
import { parseSubjectSpec, withImplicitGroups } from '../../lib/engine/subjects';
import { AtlasError } from '../../lib/errors';
import { whatCanText } from '../../lib/format/text';
import { whatCanWithJson, type WhatCanShown } from '../../lib/service/answers';
import { loadForCommand } from '../load';
import { addSourceOptions, outputOption, terminalWidth, type SourceOptions } from '../options';
import { writeJson, writeOut } from '../write';
import { escapeTerminal } from '../../lib/format/escape/terminal';

type Opts = SourceOptions & { as?: string; asGroup: string[]; subject?: string; namespace?: string; implicitGroups: boolean; output: string };

const collect = (value: string, previous: string[]) => [...previous, value];

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
  cmd.action(async (o: Opts) => {
    let shown: WhatCanShown;
    if (o.subject !== undefined) {
      if (o.as !== undefined || o.asGroup.length) throw new AtlasError('usage', 'give either --as/--as-group or --subject, not both');
      const parsed = parseSubjectSpec(o.subject);
      if ('error' in parsed) throw new AtlasError('usage', `--subject: ${parsed.error}`);
      shown = { subject: parsed };
    } else if (o.as !== undefined) {
      const principal = o.implicitGroups ? withImplicitGroups(o.as, o.asGroup) : { user: o.as, groups: o.asGroup };
      shown = { principal };
    } else {
      throw new AtlasError('usage', 'missing --as USER or --subject KIND:[NS/]NAME');
    }
    const { index } = await loadForCommand(o);
    const { answer, json } = whatCanWithJson(index, shown, o.namespace);
    if (o.output === 'json') return writeJson(json);
    const width = terminalWidth();
    await writeOut(whatCanText(answer, width ? { width } : {}));
    for (const w of json.warnings) process.stderr.write(`note: ${escapeTerminal(w)}\n`);
  });
}
