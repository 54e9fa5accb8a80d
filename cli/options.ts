// Options shared by every command, and the small parsers behind them.
import { Command, Option } from 'commander';
import { parseRequest, type RequestFrontEnd, type RequestResult, type ScopedRequest } from '../lib/engine/request';
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

/** For repeatable options: each value is added to the list. */
export const collect = (value: string, previous: string[]) => [...previous, value];

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

/** The request's flags; with allNamespaces, -A too (who-can). -n and -A mean the same in every command. */
export function addRequestOptions(cmd: Command, { allNamespaces = false }: { allNamespaces?: boolean } = {}): Command {
  cmd
    .option('-n, --namespace <ns>', `the namespace of the request (without -n${allNamespaces ? ' or -A' : ''}: a cluster-scoped request)`)
    .option('--api-group <group>', 'API group of the resource (alternative to RESOURCE.GROUP; core group is "")')
    .option('--non-resource-url <path>', 'a non-resource URL such as /metrics, instead of a RESOURCE')
    .option('--resource-name <name>', 'the name of the object the request is about');
  if (allNamespaces) cmd.option('-A, --all-namespaces', 'subjects allowed in at least one namespace or cluster-wide');
  return cmd;
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
  allNamespaces?: boolean;
}

/** How the CLI names the inputs of a request, in the messages of the one request parser. */
export const CLI_REQUEST: RequestFrontEnd = {
  syntax: 'kubectl',
  names: {
    verb: 'VERB', resource: 'RESOURCE', apiGroup: '--api-group', subresource: 'RESOURCE', path: '--non-resource-url',
    name: '--resource-name', namespace: '-n', allNamespaces: '-A',
  },
  set: (field, value) => `${CLI_REQUEST.names[field]} ${value}`,
};

/** VERB, RESOURCE and flags, through the one request parser. */
export function cliRequest(verb: string, resource: string | undefined, o: RequestOptions): RequestResult {
  return parseRequest(
    { verb, resource, apiGroup: o.apiGroup, path: o.nonResourceUrl, name: o.resourceName, namespace: o.namespace, allNamespaces: o.allNamespaces },
    CLI_REQUEST,
  );
}

/** VERB, RESOURCE and flags -> the scoped request; hints for stderr; a usage error (exit 64) otherwise. */
export function buildRequest(verb: string, resource: string | undefined, o: RequestOptions): ScopedRequest & { hints: string[] } {
  const r = cliRequest(verb, resource, o);
  if (!r.ok) throw new AtlasError('usage', r.error.message);
  return { ...r.value, hints: r.hints.map((h) => h.message) };
}

export function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns || 80 : undefined;
}
