import { findPaths, isSink, preparePaths, resolvePodStart, SINKS, type PathsOptions, type Sink } from '../../lib/engine/paths';
import { short } from '../../lib/engine/describe';
import { parseSubjectSpec } from '../../lib/engine/subjects';
import { AtlasError } from '../../lib/errors';
import { pathsDetails, pathsJson, pathsMarkdown, pathsTable } from '../../lib/format/paths';
import { loadForCommand } from '../load';
import { terminalWidth } from '../options';
import type { PathsCliOptions as Opts } from '../specs/paths';
import { writeJson, writeOut } from '../write';

export async function paths(o: Opts): Promise<void> {
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
