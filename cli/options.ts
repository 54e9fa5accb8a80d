// Options shared by every command, and the small parsers behind them.
import { Command, Option } from 'commander';
import { parseResourceSpec, nonResourceRequest, resourceRequest, requestHints } from '../lib/engine/request';
import type { Request } from '../lib/engine/types';
import { AtlasError } from '../lib/errors';
import type { SourceSpec } from '../lib/service/source';

export interface SourceOptions {
  file: string[];
  context?: string;
  kubeconfig?: string;
  demo?: boolean;
  debug?: boolean;
  quiet?: boolean;
  diagnostics?: boolean;
  strict?: boolean;
  requestTimeout: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <path>', 'a file, a directory (read recursively) or - for stdin; repeatable', collect, [])
    .option('--context <name>', 'kubeconfig context of a live cluster')
    .option('--kubeconfig <path>', 'kubeconfig file of a live cluster')
    .option('--demo', 'use the bundled demo snapshot')
    .option('--diagnostics', 'print every load diagnostic (warnings and notes too)')
    .option('--strict', 'exit 65 when the input has any error (by default bad objects are skipped)')
    .option('-q, --quiet', 'do not print load warnings and notes')
    .option('--request-timeout <duration>', 'live clusters: give up loading after this long (e.g. 90s, 2m; 0 = never)', '60s')
    .option('--debug', 'print stack traces of unexpected errors');
}

export function addRequestOptions(cmd: Command): Command {
  return cmd
    .option('--api-group <group>', 'API group of the resource (alternative to RESOURCE.GROUP; core group is "")')
    .option('--non-resource-url <path>', 'a non-resource URL such as /metrics, instead of a RESOURCE')
    .option('--resource-name <name>', 'the name of the object the request is about');
}

export function outputOption(choices: string[], defaultValue = 'table'): Option {
  return new Option('-o, --output <format>', 'output format').choices(choices).default(defaultValue);
}

export function sourceSpec(o: SourceOptions): SourceSpec {
  const chosen = [o.file.length > 0 && '-f', o.demo && '--demo', (o.context || o.kubeconfig) && '--context/--kubeconfig'].filter(Boolean);
  if (chosen.length > 1) throw new AtlasError('usage', `choose one data source: ${chosen.join(' and ')} were both given`);
  if (o.demo) return { kind: 'demo' };
  if (o.file.length > 0) return { kind: 'files', paths: o.file };
  return { kind: 'cluster', ...(o.context ? { context: o.context } : {}), ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}) };
}

export interface RequestOptions {
  apiGroup?: string;
  nonResourceUrl?: string;
  resourceName?: string;
  namespace?: string;
}

/** Builds the authorizer request from VERB, RESOURCE and flags; returns hints for stderr. */
export function buildRequest(verb: string, resource: string | undefined, o: RequestOptions): { request: Request; hints: string[] } {
  if (!verb || /\s/.test(verb)) throw new AtlasError('usage', `invalid verb "${verb}"`);
  const hints: string[] = [];
  if (verb !== verb.toLowerCase()) hints.push(`verbs are case-sensitive: "${verb}" is not "${verb.toLowerCase()}"`);
  if (o.nonResourceUrl !== undefined) {
    if (resource !== undefined) throw new AtlasError('usage', 'give either a RESOURCE or --non-resource-url, not both');
    if (o.namespace) throw new AtlasError('usage', 'non-resource URLs are not namespaced: drop -n');
    if (o.resourceName !== undefined) throw new AtlasError('usage', '--resource-name does not apply to non-resource URLs');
    if (o.apiGroup !== undefined) throw new AtlasError('usage', '--api-group does not apply to non-resource URLs');
    if (!o.nonResourceUrl.startsWith('/') && o.nonResourceUrl !== '*') hints.push(`non-resource URLs start with "/": "${o.nonResourceUrl}" matches only rules that list it literally`);
    return { request: nonResourceRequest(verb, o.nonResourceUrl), hints };
  }
  if (resource === undefined) throw new AtlasError('usage', 'missing RESOURCE (e.g. secrets, pods/exec, deployments.apps) or --non-resource-url PATH');
  const parsed = parseResourceSpec(resource, o.apiGroup);
  if (!parsed.ok) throw new AtlasError('usage', parsed.error);
  const request = resourceRequest(verb, parsed.value, o.namespace ?? '', o.resourceName ?? '');
  return { request, hints: [...hints, ...parsed.hints, ...(request.type === 'resource' ? requestHints(request) : [])] };
}

export function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
}
