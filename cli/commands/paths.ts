import type { Command } from 'commander';
import { findPaths, isSink, preparePaths, resolvePodStart, SINKS, type PathsOptions, type Sink } from '../../lib/engine/paths';
import { short } from '../../lib/engine/describe';
import { parseSubjectSpec } from '../../lib/engine/subjects';
import { AtlasError } from '../../lib/errors';
import { pathsDetails, pathsJson, pathsMarkdown, pathsTable } from '../../lib/format/paths';
import { loadForCommand } from '../load';
import { addSourceOptions, outputOption, terminalWidth, type SourceOptions } from '../options';
import { writeJson, writeOut } from '../write';

type Opts = SourceOptions & { from?: string; fromPod?: string; to: string[]; maxHops?: string; output: string };

const collect = (value: string, previous: string[]) => [...previous, value];

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
  cmd.action(async (o: Opts) => {
    const options = parseOptions(o);
    const { index } = await loadForCommand(o);
    const prepared = preparePaths(index);
    const startWarnings: string[] = [];
    if (o.fromPod !== undefined) {
      const [namespace, name] = splitPod(o.fromPod);
      const start = resolvePodStart(prepared, namespace, name);
      if (!start) throw new AtlasError('usage', `--from-pod: no pod "${namespace}/${name}" in the snapshot`);
      options.from = start.subject;
      startWarnings.push(...start.warnings);
    }
    const answer = findPaths(prepared, options);
    answer.warnings.unshift(...startWarnings);
    if (o.output === 'json') return writeJson(pathsJson(answer));
    if (o.output === 'markdown') return writeOut(pathsMarkdown(answer));
    const width = terminalWidth();
    let text = pathsTable(answer, width ? { width } : {});
    if (options.from && answer.paths.length > 0) text += pathsDetails(answer);
    await writeOut(text);
    for (const w of answer.warnings) process.stderr.write(`note: ${w}\n`);
  });
}

/** Everything that can be checked before loading the data source (usage errors exit 64). */
function parseOptions(o: Opts): PathsOptions {
  const options: PathsOptions = {};
  if (o.from !== undefined && o.fromPod !== undefined) throw new AtlasError('usage', 'give either --from or --from-pod, not both');
  if (o.from !== undefined) {
    const parsed = parseSubjectSpec(o.from);
    if ('error' in parsed) throw new AtlasError('usage', `--from: ${parsed.error}`);
    options.from = parsed;
  }
  if (o.fromPod !== undefined) splitPod(o.fromPod);
  const sinks: Sink[] = [];
  for (const to of o.to) {
    if (!isSink(to)) throw new AtlasError('usage', `--to: unknown sink "${short(to)}": use ${SINKS.join(', ')}`);
    if (!sinks.includes(to)) sinks.push(to);
  }
  if (sinks.length) options.sinks = sinks;
  if (o.maxHops !== undefined) {
    if (!/^\d{1,4}$/.test(o.maxHops)) throw new AtlasError('usage', `--max-hops: expected a whole number of steps (0 or more), got "${short(o.maxHops, 20)}"`);
    options.maxHops = Number(o.maxHops);
  }
  return options;
}

function splitPod(spec: string): [string, string] {
  const slash = spec.indexOf('/');
  if (slash <= 0 || slash === spec.length - 1 || spec.indexOf('/', slash + 1) !== -1) {
    throw new AtlasError('usage', `--from-pod: expected NAMESPACE/NAME, got "${short(spec)}"`);
  }
  return [spec.slice(0, slash), spec.slice(slash + 1)];
}
