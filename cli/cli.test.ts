// CLI snapshots: each case runs the built CLI and records the command, stdout, stderr and exit code
// in cli/testdata/snapshots/<name>.md. `U=1 npx vitest run cli` rewrites them; review the diff.
import { beforeAll, describe, it } from 'vitest';
import { buildCli, expectSnapshot, recordRun, runCli } from './run-cli';

beforeAll(buildCli);

const cases: [name: string, args: string[], stdin?: string][] = [
  ['who-can-get-secrets-default', ['who-can', 'get', 'secrets', '-n', 'default', '--demo']],
  ['who-can-exec-team-a-wide', ['who-can', 'create', 'pods/exec', '-n', 'team-a', '-o', 'wide', '--demo']],
  ['who-can-list-secrets-all-namespaces', ['who-can', 'list', 'secrets', '-A', '--demo']],
  ['who-can-impersonate-json', ['who-can', 'impersonate', 'users', '-o', 'json', '--demo']],
  ['who-can-metrics-url', ['who-can', 'get', '--non-resource-url', '/metrics', '--demo']],
  ['who-can-effective-nodes-proxy', ['who-can', 'get', 'nodes/proxy', '--effective', '--demo']],
  ['who-can-deployments-core-group-hint', ['who-can', 'create', 'deployments', '-n', 'team-a', '--demo']],
  ['can-i-yes-explain', ['can-i', 'list', 'secrets', '-n', 'team-a', '--as', 'system:serviceaccount:team-a:api', '--explain', '--demo']],
  ['can-i-no', ['can-i', 'delete', 'namespaces', '--as', 'jane@example.com', '--demo']],
  ['can-i-json', ['can-i', 'create', 'pods/exec', '-n', 'team-a', '--as', 'bob', '--as-group', 'developers', '-o', 'json', '--demo']],
  ['what-can-gitlab-runner', ['what-can', '--subject', 'ServiceAccount:ci/gitlab-runner', '--demo']],
  ['what-can-as-jane-team-a', ['what-can', '--as', 'jane@example.com', '-n', 'team-a', '--demo']],
  ['access-matrix-team-a', ['access-matrix', '-n', 'team-a', '--demo']],
  ['query-mixed', ['query', '--demo'], [
    '{"id":1,"type":"can","user":"system:serviceaccount:default:default","groups":[],"verb":"get","apiGroup":"","resource":"secrets","subresource":"","namespace":"default","name":""}',
    '{"id":2,"type":"can","user":"nobody","groups":["system:unauthenticated"],"verb":"get","path":"/healthz"}',
    '{"id":3,"type":"who-can","verb":"impersonate","resource":"users"}',
    'not json',
    '{"id":5,"type":"can","verb":"get","resource":"pods"}',
    '{"id":6,"type":"who-can","verb":"get","resource":"secrets","path":"/x"}',
    '',
  ].join('\n') + '\n'],
  ['usage-missing-resource', ['who-can', 'get', '--demo']],
  ['usage-two-sources', ['who-can', 'get', 'secrets', '--demo', '-f', 'x.yaml']],
  ['usage-n-and-A', ['who-can', 'get', 'secrets', '-n', 'a', '-A', '--demo']],
  ['usage-bad-output', ['who-can', 'get', 'secrets', '-o', 'xml', '--demo']],
  ['bad-input-missing-file', ['who-can', 'get', 'secrets', '-f', 'does/not/exist.yaml']],
  ['cluster-not-yet', ['who-can', 'get', 'secrets', '--context', 'prod']],
];

describe('CLI snapshots', () => {
  it.each(cases)('%s', (name, args, stdin) => {
    expectSnapshot(name, recordRun(args, runCli(args, stdin), stdin !== undefined ? { stdin } : {}));
  });
});
