// One document per answer: what the web API returns (without its "view" additions) and what its JSON
// exports download is exactly what the CLI prints with -o json, for who-can (each request of a preset
// too), what-can and the access matrix. The CLI runs as a process, as users and scripts run it.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportResult, namespaceResult, subjectResult, whoCanResult } from '../lib/service/api';
import { withoutViews } from '../lib/service/answers';
import { parseQueryParams } from '../lib/service/query';
import { loadSource } from '../lib/service/source';
import { sourceSummary } from '../lib/service/source-view';
import type { WebSource } from '../lib/service/store';
import { bundleCliFor, repoRoot } from './run-cli';

let main: string;
let demo: WebSource;

beforeAll(async () => {
  main = await bundleCliFor('documents-test');
  const loaded = await loadSource({ kind: 'demo' }, { root: repoRoot });
  demo = { id: 'default', snapshot: loaded.snapshot, index: loaded.index, summary: sourceSummary('default', 'demo', loaded.snapshot, 0) };
});

function cliJson(args: string[]): unknown {
  const r = spawnSync(process.execPath, [main, ...args, '-o', 'json', '--demo', '-q'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/nonexistent-kubeconfig', RBAC_ATLAS_ROOT: repoRoot } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const exportJson = (params: Record<string, string>) => JSON.parse(exportResult(demo, { ...parseQueryParams(params), format: 'json', view: 'answer' }).body);

// prettier-ignore
const questions: { name: string; web: Record<string, string>; cli: string[] }[] = [
  { name: 'one namespace', web: { verb: 'get', resource: 'secrets', ns: 'team-a' }, cli: ['who-can', 'get', 'secrets', '-n', 'team-a'] },
  { name: 'all namespaces (no ns), effective', web: { verb: 'list', resource: 'secrets', effective: '1' }, cli: ['who-can', 'list', 'secrets', '-A', '--effective'] },
  { name: 'cluster-scoped', web: { verb: 'impersonate', resource: 'users', ns: '_cluster' }, cli: ['who-can', 'impersonate', 'users'] },
  { name: 'group, subresource and name', web: { verb: 'update', resource: 'deployments.apps/scale', name: 'web', ns: 'team-a' }, cli: ['who-can', 'update', 'deployments.apps/scale', '--resource-name', 'web', '-n', 'team-a'] },
  { name: 'non-resource URL', web: { verb: 'get', url: '/metrics' }, cli: ['who-can', 'get', '--non-resource-url', '/metrics'] },
];

describe('who-can: /api/who-can and the JSON export are `who-can -o json`', () => {
  it.each(questions)('$name', ({ web, cli }) => {
    const want = cliJson(cli);
    const doc = whoCanResult(demo, parseQueryParams(web));
    expect(withoutViews(doc)).toEqual(want);
    expect(doc).toHaveProperty('view.ruleIndex');
    expect(exportJson(web)).toEqual(want);
  });

  it('a preset: one document per request, each the CLI\'s', () => {
    const doc = withoutViews(whoCanResult(demo, parseQueryParams({ preset: 'exec-pods', ns: 'team-a' })));
    expect(doc).toMatchObject({ preset: 'exec-pods', title: 'Who can exec into pods?' });
    const answers = (doc as { answers: unknown[] }).answers;
    expect(answers).toEqual([cliJson(['who-can', 'create', 'pods/exec', '-n', 'team-a']), cliJson(['who-can', 'get', 'pods/exec', '-n', 'team-a'])]);
    expect(exportJson({ preset: 'exec-pods', ns: 'team-a' })).toEqual(doc);
  });
});

describe('what-can and the access matrix', () => {
  it('/api/subject and the subject export are `what-can --subject -o json`', () => {
    const want = cliJson(['what-can', '--subject', 'ServiceAccount:ci/gitlab-runner']);
    const { view, ...doc } = subjectResult(demo, { subject: 'ServiceAccount:ci/gitlab-runner' });
    expect(doc).toEqual(want);
    expect(view.pods).toHaveLength(1);
    const file = exportResult(demo, { ...parseQueryParams({}), format: 'json', view: 'subject', subject: 'ServiceAccount:ci/gitlab-runner' });
    expect(JSON.parse(file.body)).toEqual(want);
  });

  it('the namespace\'s matrix and its export are `access-matrix -n NS -o json`', () => {
    const want = cliJson(['access-matrix', '-n', 'team-a']);
    expect(namespaceResult(demo, { ns: 'team-a' }).matrix).toEqual(want);
    const file = exportResult(demo, { ...parseQueryParams({}), format: 'json', view: 'matrix', namespace: 'team-a' });
    expect(JSON.parse(file.body)).toEqual(want);
  });
});
