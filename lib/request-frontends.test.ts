// The one request model, front end by front end: every accepted and refused input once, as the CLI
// (who-can flags), the web query (URL parameters) and a `rbac-atlas query` line (type who-can) write
// it, and what each turns it into. Results read `LABEL SCOPE` (scope: cluster | ns=NAME | all) or
// `!error-code`; `hints` are the hint codes the CLI (stderr) and the web (the answer's notes) show. A
// query line prints no hints. Where a front end cannot say something, its column is left out.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseQueryLine } from '../cli/commands/query-line';
import { addRequestOptions, cliRequest, type RequestOptions } from '../cli/options';
import { parseRequest, requestLabel, type RequestResult } from './engine/request';
import { firstValues, parseQueryParams, WEB_REQUEST, webRequestInput } from './service/query';

type Front = 'cli' | 'web' | 'line';
interface Out {
  got: string;
  hints: string[];
}

function show(r: RequestResult): Out {
  if (!r.ok) return { got: `!${r.error.code}`, hints: [] };
  const { request, scope } = r.value;
  const where = scope.kind === 'namespace' ? `ns=${scope.namespace}` : scope.kind === 'cluster' ? 'cluster' : 'all';
  return { got: `${requestLabel(request)} ${where}`, hints: r.hints.map((h) => h.code) };
}

/** argv after `rbac-atlas who-can`, parsed by commander with the real request options. */
function viaCli(argv: string[]): Out & { message?: string } {
  const cmd = new Command().exitOverride().argument('<verb>').argument('[resource]');
  addRequestOptions(cmd, { allNamespaces: true });
  let result: RequestResult | undefined;
  cmd.action((verb: string, resource: string | undefined, o: RequestOptions) => {
    result = cliRequest(verb, resource, o);
  });
  cmd.parse(argv, { from: 'user' });
  return { ...show(result!), ...(result!.ok ? {} : { message: result!.error.message }) };
}

/** a query string, as the page and /api/who-can read it (zod schema, then the parser). */
function viaWeb(query: string): Out & { message?: string } {
  let params;
  try {
    params = parseQueryParams(firstValues(new URLSearchParams(query)));
  } catch {
    return { got: '!schema', hints: [] };
  }
  const r = parseRequest(webRequestInput(params), WEB_REQUEST);
  return { ...show(r), ...(r.ok ? {} : { message: r.error.message }) };
}

/** a who-can query line's fields. */
function viaLine(fields: Record<string, unknown>): Out & { message?: string } {
  const q = parseQueryLine(JSON.stringify({ id: 1, type: 'who-can', ...fields }));
  if ('error' in q) return { got: q.code ? `!${q.code}` : '!line', hints: [], message: q.error };
  const { request, scope } = q.request;
  const where = scope.kind === 'namespace' ? `ns=${scope.namespace}` : scope.kind === 'cluster' ? 'cluster' : 'all';
  return { got: `${requestLabel(request)} ${where}`, hints: [] };
}

const words = (s: string) => s.split(' ');

interface Row {
  name: string;
  cli?: string | string[];
  web?: string;
  line?: Record<string, unknown>;
  /** the same for every front end given, or per front end */
  want: string | Partial<Record<Front, string>>;
  /** hint codes shown by the CLI and the web (same for both unless per front end) */
  hints?: string[] | Partial<Record<'cli' | 'web', string[]>>;
}

// prettier-ignore
const rows: Row[] = [
  // scope: what "no namespace" means is each front end's default, said once here
  { name: 'no namespace: CLI and line ask cluster-scoped, the web asks every namespace', cli: 'get secrets', web: 'verb=get&resource=secrets', line: { verb: 'get', resource: 'secrets' }, want: { cli: 'get secrets cluster', web: 'get secrets all', line: 'get secrets cluster' } },
  { name: 'an empty namespace is no namespace', cli: ['get', 'secrets', '-n', ''], web: 'verb=get&resource=secrets&ns=', line: { verb: 'get', resource: 'secrets', namespace: '' }, want: { cli: 'get secrets cluster', web: 'get secrets all', line: 'get secrets cluster' } },
  { name: 'one namespace', cli: 'get secrets -n team-a', web: 'verb=get&resource=secrets&ns=team-a', line: { verb: 'get', resource: 'secrets', namespace: 'team-a' }, want: 'get secrets ns=team-a' },
  { name: 'cluster-scoped, said explicitly', web: 'verb=get&resource=secrets&ns=_cluster', want: 'get secrets cluster' },
  { name: 'all namespaces', cli: 'get secrets -A', web: 'verb=get&resource=secrets&ns=_all', line: { verb: 'get', resource: 'secrets', allNamespaces: true }, want: 'get secrets all' },
  { name: 'all namespaces = false', line: { verb: 'get', resource: 'secrets', namespace: 'a', allNamespaces: false }, want: 'get secrets ns=a' },
  { name: 'a namespace and all namespaces', cli: 'get secrets -n a -A', line: { verb: 'get', resource: 'secrets', namespace: 'a', allNamespaces: true }, want: '!namespace-with-all-namespaces' },
  { name: 'a namespace no object can live in: asked, with a hint', cli: 'get secrets -n Bad_NS', web: 'verb=get&resource=secrets&ns=Bad_NS', line: { verb: 'get', resource: 'secrets', namespace: 'Bad_NS' }, want: 'get secrets ns=Bad_NS', hints: ['namespace-not-dns-label'] },
  { name: 'a web word that is not _all or _cluster is a namespace name', web: 'verb=get&resource=secrets&ns=_clustr', want: 'get secrets ns=_clustr', hints: ['namespace-not-dns-label'] },
  // resources
  { name: 'subresource', cli: 'create pods/exec -n a', web: 'verb=create&resource=pods%2Fexec&ns=a', line: { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'a' }, want: 'create pods/exec ns=a' },
  { name: 'group suffix and subresource', cli: 'patch deployments.apps/scale -n a', web: 'verb=patch&resource=deployments.apps%2Fscale&ns=a', line: { verb: 'patch', apiGroup: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'a' }, want: 'patch deployments.apps/scale ns=a' },
  { name: 'API group given apart', cli: 'get widgets --api-group example.com -n a', web: 'verb=get&resource=widgets&group=example.com&ns=a', line: { verb: 'get', apiGroup: 'example.com', resource: 'widgets', namespace: 'a' }, want: 'get widgets.example.com ns=a' },
  { name: 'group suffix and the same group apart', cli: 'get deployments.apps --api-group apps -n a', web: 'verb=get&resource=deployments.apps&group=apps&ns=a', want: 'get deployments.apps ns=a' },
  { name: 'group suffix and another group apart', cli: 'get deployments.apps --api-group batch', web: 'verb=get&resource=deployments.apps&group=batch', want: '!group-conflict' },
  { name: 'a built-in resource asked in the core group', cli: 'create deployments -n a', web: 'verb=create&resource=deployments&ns=a', line: { verb: 'create', resource: 'deployments', namespace: 'a' }, want: 'create deployments ns=a', hints: ['core-group'] },
  { name: 'the core group named explicitly (--api-group ""; an empty web value is no value)', cli: ['create', 'deployments', '--api-group', '', '-n', 'a'], web: 'verb=create&resource=deployments&group=&ns=a', want: 'create deployments ns=a', hints: { cli: [], web: ['core-group'] } },
  { name: 'a singular or short name', cli: 'get pod -n a', web: 'verb=get&resource=pod&ns=a', line: { verb: 'get', resource: 'pod', namespace: 'a' }, want: 'get pod ns=a', hints: ['resource-literal'] },
  { name: 'a cluster-scoped resource in a namespace', cli: 'delete namespaces -n a', web: 'verb=delete&resource=namespaces&ns=a', line: { verb: 'delete', resource: 'namespaces', namespace: 'a' }, want: 'delete namespaces ns=a', hints: ['cluster-scoped-in-namespace'] },
  { name: 'a cluster-scoped resource, cluster-scoped', cli: 'delete namespaces', web: 'verb=delete&resource=namespaces&ns=_cluster', line: { verb: 'delete', resource: 'namespaces' }, want: 'delete namespaces cluster' },
  { name: 'every resource', cli: ['get', '*', '-A'], web: 'verb=get&resource=*', line: { verb: 'get', resource: '*', allNamespaces: true }, want: 'get * all' },
  { name: 'resource name', cli: 'get secrets --resource-name s -n a', web: 'verb=get&resource=secrets&name=s&ns=a', line: { verb: 'get', resource: 'secrets', name: 's', namespace: 'a' }, want: 'get secrets s ns=a' },
  { name: 'kubectl syntax: nothing after "/"', cli: 'get pods/', web: 'verb=get&resource=pods%2F', want: '!resource-syntax' },
  { name: 'kubectl syntax: two "/"', cli: 'get pods/exec/x', web: 'verb=get&resource=pods%2Fexec%2Fx', want: '!resource-syntax' },
  { name: 'kubectl syntax: nothing before "/"', cli: 'get /exec', web: 'verb=get&resource=%2Fexec', want: '!resource-syntax' },
  { name: 'kubectl syntax: nothing before "."', cli: 'get .apps', web: 'verb=get&resource=.apps', want: '!resource-syntax' },
  { name: 'kubectl syntax: white space', cli: ['get', 'a b'], web: 'verb=get&resource=a%20b', want: '!resource-syntax' },
  { name: 'a query line takes the authorizer fields as written', line: { verb: 'get', resource: 'pods/', namespace: 'a' }, want: 'get pods/ ns=a' },
  // verbs
  { name: 'a verb in capitals: asked, with a hint', cli: 'GET secrets -n a', web: 'verb=GET&resource=secrets&ns=a', line: { verb: 'GET', resource: 'secrets', namespace: 'a' }, want: 'GET secrets ns=a', hints: ['verb-case'] },
  { name: 'a verb with white space: asked, with a hint', cli: ['get list', 'secrets', '-n', 'a'], web: 'verb=get%20list&resource=secrets&ns=a', line: { verb: 'get list', resource: 'secrets', namespace: 'a' }, want: 'get list secrets ns=a', hints: ['verb-space'] },
  { name: 'every verb', cli: ['*', 'secrets', '-n', 'a'], web: 'verb=*&resource=secrets&ns=a', line: { verb: '*', resource: 'secrets', namespace: 'a' }, want: '* secrets ns=a' },
  { name: 'no verb', cli: ['', 'secrets'], web: 'resource=secrets', line: { resource: 'secrets' }, want: '!verb-missing' },
  { name: 'no resource and no path', cli: 'get', web: 'verb=get', line: { verb: 'get' }, want: '!resource-missing' },
  // non-resource requests: no namespace, any path
  { name: 'a path', cli: 'get --non-resource-url /metrics', web: 'verb=get&url=%2Fmetrics', line: { verb: 'get', path: '/metrics' }, want: 'get /metrics cluster' },
  { name: 'a path, all namespaces: the same question', cli: 'get --non-resource-url /metrics -A', web: 'verb=get&url=%2Fmetrics&ns=_all', line: { verb: 'get', path: '/metrics', allNamespaces: true }, want: 'get /metrics cluster' },
  { name: 'a path, cluster-scoped', web: 'verb=get&url=%2Fmetrics&ns=_cluster', line: { verb: 'get', path: '/metrics', namespace: '' }, want: 'get /metrics cluster' },
  { name: 'a path in a namespace', cli: 'get --non-resource-url /metrics -n a', web: 'verb=get&url=%2Fmetrics&ns=a', line: { verb: 'get', path: '/metrics', namespace: 'a' }, want: '!path-with-namespace' },
  { name: 'a path with a prefix wildcard', cli: 'get --non-resource-url /api/*', web: 'verb=get&url=%2Fapi%2F*', line: { verb: 'get', path: '/api/*' }, want: 'get /api/* cluster' },
  { name: 'the path "*": asked, with a hint', cli: ['get', '--non-resource-url', '*'], web: 'verb=get&url=*', line: { verb: 'get', path: '*' }, want: 'get * cluster', hints: ['path-not-absolute'] },
  { name: 'a relative path: asked, with a hint', cli: 'get --non-resource-url healthz', web: 'verb=get&url=healthz', line: { verb: 'get', path: 'healthz' }, want: 'get healthz cluster', hints: ['path-not-absolute'] },
  { name: 'an empty path is no path', cli: ['get', 'secrets', '--non-resource-url', ''], web: 'verb=get&resource=secrets&url=&ns=_cluster', line: { verb: 'get', resource: 'secrets', path: '' }, want: 'get secrets cluster' },
  { name: 'a path and a resource', cli: 'get secrets --non-resource-url /x', web: 'verb=get&resource=secrets&url=%2Fx', line: { verb: 'get', resource: 'secrets', path: '/x' }, want: '!path-with-resource' },
  { name: 'a path and an API group', cli: 'get --api-group apps --non-resource-url /x', web: 'verb=get&group=apps&url=%2Fx', line: { verb: 'get', apiGroup: 'apps', path: '/x' }, want: '!path-with-api-group' },
  { name: 'a path and a subresource', line: { verb: 'get', subresource: 'exec', path: '/x' }, want: '!path-with-subresource' },
  { name: 'a path and a name', cli: 'get --resource-name n --non-resource-url /x', web: 'verb=get&name=n&url=%2Fx', line: { verb: 'get', name: 'n', path: '/x' }, want: '!path-with-name' },
  { name: 'a path and empty resource fields (a line may carry them all)', line: { verb: 'get', apiGroup: '', resource: '', subresource: '', namespace: '', name: '', path: '/x' }, want: 'get /x cluster' },
  // each front end's own syntax
  { name: 'line: a field that is not a string', line: { verb: 'get', resource: 7 }, want: '!line' },
  { name: 'line: a "can" line asks the same request', line: { type: 'can', user: 'u', groups: [], verb: 'get', resource: 'secrets', namespace: 'a' }, want: 'get secrets ns=a' },
  { name: 'line: a "can" line answers one request, not all namespaces', line: { type: 'can', user: 'u', verb: 'get', resource: 'secrets', allNamespaces: true }, want: '!line' },
  { name: 'line: allNamespaces that is not a boolean', line: { verb: 'get', resource: 'secrets', allNamespaces: 'yes' }, want: '!line' },
  { name: 'web: a value over its length limit', web: `verb=${'g'.repeat(65)}&resource=secrets`, want: '!schema' },
];

const cases = rows.flatMap((row) =>
  (['cli', 'web', 'line'] as const)
    .filter((front) => row[front] !== undefined)
    .map((front) => {
      const want = typeof row.want === 'string' ? row.want : row.want[front]!;
      const hints = front === 'line' || want.startsWith('!') ? [] : Array.isArray(row.hints) ? row.hints : (row.hints?.[front] ?? []);
      return { name: `${front}: ${row.name}`, front, row, want, hints };
    }),
);

describe('one request model: every input, every front end', () => {
  it.each(cases)('$name -> $want', ({ front, row, want, hints }) => {
    const out = front === 'cli' ? viaCli(typeof row.cli === 'string' ? words(row.cli) : row.cli!) : front === 'web' ? viaWeb(row.web!) : viaLine(row.line!);
    expect({ got: out.got, hints: out.hints }, JSON.stringify(row[front])).toEqual({ got: want, hints });
  });
});

// prettier-ignore
const messages: { name: string; cli?: string[]; web?: string; line?: Record<string, unknown>; want: RegExp }[] = [
  { name: 'CLI: flags by their names', cli: ['get', '--non-resource-url', '/metrics', '-n', 'a'], want: /^--non-resource-url \(a non-resource request\) cannot be combined with -n: a non-resource request has no namespace$/ },
  { name: 'web: parameters by their names', web: 'verb=get&url=%2Fmetrics&ns=a', want: /^url \(a non-resource request\) cannot be combined with ns: a non-resource request has no namespace$/ },
  { name: 'line: fields by their keys', line: { verb: 'get', path: '/metrics', namespace: 'a' }, want: /^"path" \(a non-resource request\) cannot be combined with "namespace": a non-resource request has no namespace$/ },
  { name: 'CLI: the missing resource', cli: ['get'], want: /^missing RESOURCE \(e\.g\. secrets, pods\/exec, deployments\.apps\) or --non-resource-url PATH$/ },
  { name: 'web: the missing resource', web: 'verb=get', want: /^missing resource \(e\.g\. secrets, pods\/exec, deployments\.apps\) or url=PATH$/ },
  { name: 'line: the missing resource', line: { verb: 'get' }, want: /^missing "resource" \(e\.g\. "secrets"\) or "path": "PATH"$/ },
  { name: 'web: the group conflict names group=', web: 'verb=get&resource=deployments.apps&group=batch', want: /but group is "batch"$/ },
  { name: 'a refused value is quoted, control characters escaped', cli: ['get', 'a\u001b[31mb c'], want: /^resource "a\\u001b\[31mb c" contains white space$/ },
];

describe('the same errors, in each front end\'s words', () => {
  it.each(messages)('$name', ({ cli, web, line, want }) => {
    const out = cli ? viaCli(cli) : web ? viaWeb(web) : viaLine(line!);
    expect(out.message).toMatch(want);
  });
});
