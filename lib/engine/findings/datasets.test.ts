// Findings on the real-world snapshots: every intentional risk of the demo cluster produces its
// finding (recall), the bootstrap policy alone produces no non-built-in finding (precision), and
// realistic-large is fast.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../load/files';
import { buildIndex, type AtlasIndex } from '../query-index';
import { scanFindings } from './index';
import type { Finding, FindingsResult, Severity } from './types';
import { atLeast } from './severity';

const root = path.resolve(__dirname, '../../..');
const DEMO = 'public/demo/demo-cluster.json';
const LARGE = 'lib/testdata/datasets/realistic-large.json';
const BOOTSTRAP = 'lib/testdata/datasets/kubernetes-bootstrap';

async function indexFor(rel: string): Promise<AtlasIndex> {
  const { snapshot } = await loadFiles([path.join(root, rel)]);
  return buildIndex(snapshot);
}

/** [annotated object, finding id, minimum severity, a binding or role the finding must go through] */
type Expectation = [object: string, id: string, severity: Severity, via?: string];

const DEMO_RISKS: Expectation[] = [
  ['ClusterRole/cluster-reader', 'read-secrets:Group/system:authenticated@cluster', 'high', 'ClusterRole/cluster-reader'],
  ['ClusterRole/cluster-reader', 'wildcard-rule:ClusterRole/cluster-reader@cluster', 'low'],
  ['ClusterRole/namespace-provisioner', 'bind:ServiceAccount/ci/namespace-provisioner@cluster', 'critical', 'ClusterRole/namespace-provisioner'],
  ['ClusterRole/namespace-provisioner', 'escalate:ServiceAccount/ci/namespace-provisioner@cluster', 'critical', 'ClusterRole/namespace-provisioner'],
  ['ClusterRole/platform-superuser', 'wildcard-rule:ClusterRole/platform-superuser@cluster', 'medium'],
  ['ClusterRole/platform-superuser', 'cluster-admin:Group/platform-team@cluster', 'critical', 'ClusterRole/platform-superuser'],
  ['ClusterRole/support-impersonator', 'impersonate:User/support-bot@example.com@cluster', 'critical', 'ClusterRole/support-impersonator'],
  ['ClusterRoleBinding/all-authenticated-cluster-reader', 'authenticated-access:Group/system:authenticated@cluster', 'critical', 'ClusterRoleBinding/all-authenticated-cluster-reader'],
  ['ClusterRoleBinding/all-authenticated-cluster-reader', 'read-secrets:Group/system:authenticated@cluster', 'high', 'ClusterRoleBinding/all-authenticated-cluster-reader'],
  ['ClusterRoleBinding/gitlab-runner-cluster-admin', 'cluster-admin:ServiceAccount/ci/gitlab-runner@cluster', 'critical', 'ClusterRoleBinding/gitlab-runner-cluster-admin'],
  ['ClusterRoleBinding/namespace-provisioner', 'bind:ServiceAccount/ci/namespace-provisioner@cluster', 'critical', 'ClusterRoleBinding/namespace-provisioner'],
  ['ClusterRoleBinding/namespace-provisioner', 'escalate:ServiceAccount/ci/namespace-provisioner@cluster', 'critical', 'ClusterRoleBinding/namespace-provisioner'],
  ['ClusterRoleBinding/node-debugger', 'create-workloads:ServiceAccount/kube-system/node-debugger@cluster', 'critical', 'ClusterRoleBinding/node-debugger'],
  ['ClusterRoleBinding/node-debugger', 'nodes-proxy:ServiceAccount/kube-system/node-debugger@cluster', 'critical', 'ClusterRoleBinding/node-debugger'],
  ['ClusterRoleBinding/platform-team-superuser', 'cluster-admin:Group/platform-team@cluster', 'critical', 'ClusterRoleBinding/platform-team-superuser'],
  ['ClusterRoleBinding/removed-operator', 'dangling-binding:ClusterRoleBinding/removed-operator@cluster', 'medium'],
  ['ClusterRoleBinding/removed-operator', 'missing-serviceaccount:ServiceAccount/removed-operator/operator@cluster', 'low', 'ClusterRoleBinding/removed-operator'],
  ['ClusterRoleBinding/support-impersonator', 'impersonate:User/support-bot@example.com@cluster', 'critical', 'ClusterRoleBinding/support-impersonator'],
  ['RoleBinding/default/default-secret-reader', 'read-secrets:ServiceAccount/default/default@default', 'medium', 'RoleBinding/default/default-secret-reader'],
  ['RoleBinding/default/default-secret-reader', 'default-serviceaccount-binding:ServiceAccount/default/default@default', 'medium', 'RoleBinding/default/default-secret-reader'],
  ['RoleBinding/team-a/api-secrets', 'read-secrets:ServiceAccount/team-a/api@team-a', 'medium', 'RoleBinding/team-a/api-secrets'],
  ['RoleBinding/team-a/developers', 'exec-pods:Group/developers@team-a', 'medium', 'RoleBinding/team-a/developers'],
  ['RoleBinding/team-a/jane-edit', 'read-secrets:User/jane@example.com@team-a', 'medium', 'RoleBinding/team-a/jane-edit'],
  ['RoleBinding/team-a/jane-edit', 'exec-pods:User/jane@example.com@team-a', 'medium', 'RoleBinding/team-a/jane-edit'],
  ['RoleBinding/team-a/old-deployer', 'dangling-binding:RoleBinding/team-a/old-deployer@team-a', 'medium'],
];

const LARGE_RISKS: Expectation[] = [
  ['ClusterRole/acme:secret-sync', 'read-secrets:ServiceAccount/analytics-prod/secret-sync@cluster', 'high', 'ClusterRole/acme:secret-sync'],
  ['ClusterRoleBinding/acme:secret-sync', 'write-secrets-privileged:ServiceAccount/analytics-prod/secret-sync@cluster', 'critical', 'ClusterRoleBinding/acme:secret-sync'],
  ['RoleBinding/fraud-dev/legacy-deployer', 'dangling-binding:RoleBinding/fraud-dev/legacy-deployer@fraud-dev', 'medium'],
  ['RoleBinding/mobile-api-dev/legacy-deployer', 'dangling-binding:RoleBinding/mobile-api-dev/legacy-deployer@mobile-api-dev', 'medium'],
  ['RoleBinding/shipping-dev/default-edit', 'default-serviceaccount-binding:ServiceAccount/shipping-dev/default@shipping-dev', 'medium', 'RoleBinding/shipping-dev/default-edit'],
];

function refOf(p: { kind: string; name: string; namespace?: string }): string {
  return p.namespace ? `${p.kind}/${p.namespace}/${p.name}` : `${p.kind}/${p.name}`;
}

function check(result: FindingsResult, [, id, severity, via]: Expectation) {
  const f = result.findings.find((x) => x.id === id);
  expect(f, `missing finding ${id}; have ${result.findings.map((x) => x.id).join(', ')}`).toBeDefined();
  expect(atLeast(f!.severity, severity), `${id} is ${f!.severity}, want at least ${severity}`).toBe(true);
  if (via) {
    const refs = f!.paths.flatMap((p) => [p.binding ? refOf(p.binding) : '', refOf(p.role)]);
    expect(refs, `${id} should go through ${via}`).toContain(via);
  }
}

function annotated(rel: string): string[] {
  const list = JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as { items: { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } }[] };
  return list.items.filter((i) => i.metadata.annotations?.['rbac-dataset/intentional-risk']).map((i) => refOf({ kind: i.kind, name: i.metadata.name, ...(i.metadata.namespace ? { namespace: i.metadata.namespace } : {}) }));
}

describe('demo-cluster: every intentional risk produces its finding', () => {
  let result: FindingsResult;
  beforeAll(async () => {
    result = scanFindings(await indexFor(DEMO));
  });
  it.each(DEMO_RISKS)('%s -> %s', (...e) => check(result, e));
  it('the table covers every object annotated rbac-dataset/intentional-risk', () => {
    expect([...new Set(DEMO_RISKS.map((e) => e[0]))].sort()).toEqual(annotated(DEMO).sort());
  });
  it('exec for developers names the api ServiceAccount (which reads secrets) among the pods it reaches', () => {
    const f = result.findings.find((x) => x.id === 'exec-pods:Group/developers@team-a')!;
    expect(f.reach?.strongest.map((r) => `${r.namespace}/${r.name}:${r.kinds.join(',')}`)).toEqual(['team-a/api:read-secrets']);
  });
  it('ServiceAccount findings list the pods and whether the token is mounted', () => {
    const f = result.findings.find((x) => x.id === 'cluster-admin:ServiceAccount/ci/gitlab-runner@cluster')!;
    expect(f.pods?.length).toBeGreaterThan(0);
    expect(f.tokenMounted).toBe(true);
    const d = result.findings.find((x) => x.id === 'default-serviceaccount-binding:ServiceAccount/default/default@default')!;
    expect(d.pods?.map((p) => p.owner?.kind)).toEqual(['ReplicaSet']);
  });
  it('built-in findings are hidden and counted', () => {
    expect(result.hiddenBuiltin).toBeGreaterThan(0);
    expect(result.findings.every((f) => !f.builtin)).toBe(true);
  });
});

describe('kubernetes-bootstrap policy alone', () => {
  it('yields no non-built-in finding at high or critical (in fact none at all)', async () => {
    const index = await indexFor(BOOTSTRAP);
    expect(index.snapshot.clusterRoles.length).toBeGreaterThan(60);
    const result = scanFindings(index);
    expect(result.findings.filter((f) => atLeast(f.severity, 'high')).map((f) => f.id)).toEqual([]);
    expect(result.findings.map((f) => f.id)).toEqual([]);
    const all = scanFindings(index, { includeBuiltin: true });
    expect(all.findings.length).toBeGreaterThan(0);
    expect(all.findings.every((f: Finding) => f.builtin)).toBe(true);
  });
});

describe('realistic-large', () => {
  let index: AtlasIndex;
  let result: FindingsResult;
  let ms = 0;
  beforeAll(async () => {
    index = await indexFor(LARGE);
    scanFindings(index); // warm up the JIT
    const started = performance.now();
    result = scanFindings(index);
    ms = performance.now() - started;
  });
  it.each(LARGE_RISKS)('%s -> %s', (...e) => check(result, e));
  it('takes well under a second', () => {
    expect(ms).toBeLessThan(1000);
  });
  it('ids are unique', () => {
    expect(new Set(result.findings.map((f) => f.id)).size).toBe(result.findings.length);
  });
});
