// `rbac-atlas diff` with a live cluster on either side (the fake API server serving the demo snapshot),
// run as a real process: the answers must equal those from the same snapshot read as a file, and an
// unreachable cluster exits 69.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKubeApi, type FakeKubeApi } from '../testing/fake-kube-api';
import { bundleCliFor, repoRoot, runCliAsync, type CliResult } from './run-cli';

const DEMO = 'public/demo/demo-cluster.json';
const PR = 'cli/testdata/diff/apply/pr.yaml';
let mainPath = '';
let api: FakeKubeApi;
let tmp = '';

function run(args: string[]): Promise<CliResult> {
  return runCliAsync(mainPath, args, { NODE_ENV: 'test', NO_COLOR: '1', HOME: path.join(tmp, 'home'), RBAC_ATLAS_ROOT: repoRoot });
}

beforeAll(async () => {
  mainPath = await bundleCliFor('diff-cluster-test');
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rbac-atlas-cli-diff-'));
  api = await startFakeKubeApi({ snapshot: DEMO, pageSizeCap: 50 });
});
afterAll(async () => {
  await api?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('diff with a live cluster', () => {
  it('--before-context with --apply equals the same diff on the dumped snapshot', async () => {
    const [cluster, file] = await Promise.all([
      run(['diff', '--before-context', 'fake', '--kubeconfig', api.kubeconfigPath, '--apply', PR, '-o', 'json', '-q']),
      run(['diff', DEMO, '--apply', PR, '-o', 'json', '-q']),
    ]);
    expect(cluster.stderr).toBe('');
    expect({ code: cluster.code, stdout: cluster.stdout }).toEqual({ code: file.code, stdout: file.stdout });
    const doc = JSON.parse(cluster.stdout) as { subjects: { name: string }[] };
    expect(doc.subjects.map((s) => s.name)).toContain('runner');
  });

  it('the same cluster on both sides: no change', async () => {
    const r = await run(['diff', '--before-context', 'fake', '--after-context', 'fake', '--kubeconfig', api.kubeconfigPath, '-o', 'json', '-q']);
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, { subjects: [], findings: { added: [], resolved: [] } }]);
  });

  it('a file BEFORE and the cluster AFTER: same as the file on both sides', async () => {
    const r = await run(['diff', DEMO, '--after-context', 'fake', '--kubeconfig', api.kubeconfigPath, '-o', 'json', '-q']);
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, { subjects: [], findings: { added: [], resolved: [] } }]);
  });

  it('an unreachable cluster: exit 69, no stack trace', async () => {
    const r = await run(['diff', DEMO, '--after-context', 'fake-bad-token', '--kubeconfig', api.kubeconfigPath, '-q']);
    expect(r.code).toBe(69);
    expect(r.stderr).toMatch(/^rbac-atlas: the API server .* rejected the credentials/);
    expect(r.stdout).toBe('');
  });
});
