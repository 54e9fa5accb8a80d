// `rbac-atlas paths`: CLI snapshots (command, stdout, stderr, exit code) in cli/testdata/snapshots,
// on a bundle of its own (so that it never runs while another test file rebuilds dist/cli).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SECRET_FIXTURE_FILES, leakedNeedles } from '../testing/secret-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCliFor, expectSnapshot, recordRun, repoRoot, type CliResult } from './run-cli';

let main = '';
beforeAll(async () => {
  main = await bundleCliFor('paths-test');
}, 120_000);

function run(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '/nonexistent-kubeconfig', RBAC_ATLAS_ROOT: repoRoot },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const PLANTED = 'cli/testdata/paths/planted.yaml';

const cases: [name: string, args: string[]][] = [
  ['paths-demo-table', ['paths', '--demo']],
  ['paths-demo-from-json', ['paths', '--from', 'ServiceAccount:ci/namespace-provisioner', '-o', 'json', '--demo']],
  ['paths-demo-from-pod', ['paths', '--from-pod', 'team-a/web-cf2dzxhk26-dms2q', '--to', 'cluster-admin', '--demo']],
  ['paths-demo-markdown', ['paths', '--from', 'User:support-bot@example.com', '-o', 'markdown', '--demo']],
  ['paths-demo-max-hops-0', ['paths', '--to', 'cluster-admin', '--max-hops', '0', '--demo']],
  ['paths-planted-json', ['paths', '-o', 'json', '-f', PLANTED]],
  ['paths-planted-secrets', ['paths', '--to', 'kube-system-secrets', '-f', PLANTED]],
  ['usage-paths-unknown-sink', ['paths', '--to', 'root', '--demo']],
  ['usage-paths-bad-from', ['paths', '--from', 'ServiceAccount:ci', '--demo']],
  ['usage-paths-from-and-pod', ['paths', '--from', 'User:a', '--from-pod', 'a/b', '--demo']],
  ['usage-paths-bad-max-hops', ['paths', '--max-hops', 'two', '--demo']],
  ['usage-paths-bad-pod', ['paths', '--from-pod', 'nopod', '--demo']],
  ['usage-paths-missing-pod', ['paths', '--from-pod', 'team-a/nope', '--demo']],
];

describe('rbac-atlas paths', () => {
  it.each(cases)('%s', (name, args) => {
    expectSnapshot(name, recordRun(args, run(args)));
  });

  it('planted paths and near misses', () => {
    const r = run(['paths', '-o', 'json', '-f', PLANTED]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { paths: { from: { kind: string; name: string; namespace?: string }; to: string; steps: { technique: string }[] }[] };
    const got = doc.paths.map((p) => `${p.from.kind}:${p.from.namespace ? `${p.from.namespace}/` : ''}${p.from.name} ${p.to} ${p.steps.map((s) => s.technique).join(',') || '-'}`);
    expect(got).toEqual([
      'User:dana cluster-admin privileged-pod,node-pod-tokens',
      'User:dana node privileged-pod',
      // eve's exec (another pod) and pods in prod (restricted) are near misses for a node, but pods
      // in prod run as prod/ci, which requests kube-system tokens
      'User:eve cluster-admin create-pods,token-request',
      'User:eve node create-pods,token-request,privileged-pod',
      'ServiceAccount:kube-system/admin cluster-admin -',
      'ServiceAccount:kube-system/admin node privileged-pod',
      'ServiceAccount:prod/ci cluster-admin token-request',
      'ServiceAccount:prod/ci node token-request,privileged-pod',
    ]);
  });
});

describe('rbac-atlas paths and Secrets', () => {
  // The secret fixtures (values everywhere) plus: team-a/ci, which may read Secrets in team-a,
  // is made cluster-admin here, and a reader of team-a Secrets starts the path.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-paths-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const extra = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: ci, namespace: team-a}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auditor-reads-secrets, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
subjects: [{kind: User, name: auditor}]
`;
  const files = [...SECRET_FIXTURE_FILES, { name: 'grants.yaml', text: extra }].map((f) => {
    const p = path.join(dir, f.name);
    writeFileSync(p, f.text);
    return p;
  });

  it.each(['table', 'json', 'markdown'])('-o %s: the legacy token Secret is a step, and no Secret value is printed', (output) => {
    const r = run(['paths', '--from', 'User:auditor', '--to', 'cluster-admin', '-o', output, ...files.flatMap((f) => ['-f', f]), '--diagnostics']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('legacy-token-secret');
    expect(r.stdout).toContain('ci-token');
    expect(leakedNeedles(r.stdout + r.stderr)).toEqual([]);
  });
});
