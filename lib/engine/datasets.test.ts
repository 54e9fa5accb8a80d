// The engine on the real-world snapshots (copies of ../shared/datasets, see lib/testdata/datasets).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleKey } from './aggregate';
import { canI } from './can-i';
import { rbacListers, referenceWhoCan } from './resolve';
import { buildSnapshot, type RawInput } from './normalize';
import { buildIndex, type AtlasIndex } from './query-index';
import { subjectRefKey, withImplicitGroups } from './subjects';
import { req, url } from '../../testing/engine';
import type { Request, Snapshot } from './types';
import { whoCan } from './who-can';
import { effectiveAccess } from './effective';

const root = path.resolve(__dirname, '../..');
function loadJson(rel: string, mutate?: (items: Record<string, unknown>[]) => void): Snapshot {
  const list = JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as { items: Record<string, unknown>[] };
  mutate?.(list.items);
  const inputs: RawInput[] = [{ value: list, origin: { source: rel } }];
  return buildSnapshot(inputs, { source: rel });
}

const demo = buildIndex(loadJson('public/demo/demo-cluster.json'));
const large = buildIndex(loadJson('lib/testdata/datasets/realistic-large.json'));

const whoKeys = (index: AtlasIndex, r: Request, all = false) => whoCan(index, r, { allNamespaces: all }).subjects.map(subjectRefKey).sort();

describe('demo-cluster snapshot', () => {
  it('loads every object without errors', () => {
    const s = demo.snapshot;
    expect([s.namespaces.length, s.clusterRoles.length, s.clusterRoleBindings.length, s.roles.length, s.roleBindings.length, s.serviceAccounts.length, s.pods.length]).toEqual([10, 97, 75, 23, 26, 69, 27]);
    expect(s.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('computes view/edit/admin aggregation exactly as the controller did (rules stripped, then recomputed)', () => {
    const stripped = buildIndex(
      loadJson('public/demo/demo-cluster.json', (items) => {
        for (const item of items) if (item.kind === 'ClusterRole' && item.aggregationRule) item.rules = [];
      }),
    );
    for (const name of ['admin', 'edit', 'view']) {
      const want = demo.roles.get(`ClusterRole/${name}`)!.rules.map(ruleKey);
      const got = stripped.roles.get(`ClusterRole/${name}`)!.rules.map(ruleKey);
      expect(got, name).toEqual(want); // the same rules in the controller's order
    }
  });

  it.each([
    ['demo-cluster', () => demo],
    ['realistic-large', () => large],
  ])('%s: a live dump is already aggregated: every aggregated ClusterRole keeps its declared rules, with no diagnostic', (_name, index) => {
    const aggregated = index().snapshot.clusterRoles.filter((r) => r.aggregationRule);
    expect(aggregated.length).toBeGreaterThanOrEqual(3);
    for (const role of aggregated) expect(role.rules, role.metadata.name).toBe(role.declaredRules);
    expect(index().snapshot.diagnostics.filter((d) => d.code.startsWith('aggregation'))).toEqual([]);
  });

  it('bootstrap roles behave like the kubectl defaults', () => {
    const as = (role: string) => ({ user: `test-${role}`, groups: [] });
    const idx = buildIndex(
      loadJson('public/demo/demo-cluster.json', (items) => {
        for (const role of ['view', 'edit', 'admin']) {
          items.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: `t-${role}`, namespace: 'sandbox' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [{ kind: 'User', name: `test-${role}` }] });
        }
      }),
    );
    const table: [string, Request, boolean][] = [
      ['view', req('get', 'pods', 'sandbox'), true],
      ['view', req('get', 'secrets', 'sandbox'), false],
      ['view', req('create', 'pods/exec', 'sandbox'), false],
      ['view', req('get', 'pods', 'other'), false],
      ['edit', req('get', 'secrets', 'sandbox'), true],
      ['edit', req('create', 'pods/exec', 'sandbox'), true],
      ['edit', req('patch', 'apps:deployments', 'sandbox'), true],
      ['edit', req('create', 'rbac.authorization.k8s.io:rolebindings', 'sandbox'), false],
      ['admin', req('create', 'rbac.authorization.k8s.io:rolebindings', 'sandbox'), true],
      ['admin', req('delete', 'namespaces', ''), false],
    ];
    for (const [role, r, want] of table) {
      expect(canI(idx, as(role), r).allowed, `${role} ${JSON.stringify(r)}`).toBe(want);
    }
  });

  it('cluster-admin is held by system:masters and by the risky additions', () => {
    const everything = whoKeys(demo, req('*', '*:*', ''));
    expect(everything).toContain('Group/system:masters');
    expect(everything).toContain('ServiceAccount/ci/gitlab-runner');
    expect(everything).toContain('Group/platform-team');
  });

  it('finds the intentional risks', () => {
    expect(whoKeys(demo, req('list', 'secrets', ''))).toContain('Group/system:authenticated');
    expect(whoKeys(demo, req('get', 'secrets', 'default'))).toContain('ServiceAccount/default/default');
    expect(whoKeys(demo, req('list', 'secrets', 'team-a'))).toContain('ServiceAccount/team-a/api');
    expect(whoKeys(demo, req('create', 'pods/exec', 'team-a'))).toContain('Group/developers');
    expect(whoKeys(demo, req('create', 'pods/exec', 'team-b'))).not.toContain('Group/developers');
    expect(whoKeys(demo, req('impersonate', 'users', ''))).toContain('User/support-bot@example.com');
    expect(whoKeys(demo, req('get', 'nodes/proxy', ''))).toContain('ServiceAccount/kube-system/node-debugger');
    expect(whoKeys(demo, req('escalate', 'rbac.authorization.k8s.io:clusterroles', ''))).toContain('ServiceAccount/ci/namespace-provisioner');
    expect(demo.snapshot.diagnostics.some((d) => d.code === 'missing-role' && d.object === 'ClusterRoleBinding/removed-operator')).toBe(true);
  });

  it('--effective: every service account reads secrets through system:authenticated, with its pods', () => {
    const answer = whoCan(demo, req('list', 'secrets', ''));
    const eff = effectiveAccess(demo, answer);
    expect(eff.serviceAccounts.length).toBeGreaterThanOrEqual(demo.snapshot.serviceAccounts.length);
    expect(eff.pods.length).toBe(demo.snapshot.pods.length);
    const sa = withImplicitGroups('system:serviceaccount:team-a:web', []);
    expect(canI(demo, sa, req('list', 'secrets', ''))).toMatchObject({ allowed: true });
  });

  it('non-resource URLs come only from ClusterRoleBindings', () => {
    expect(whoKeys(demo, url('get', '/healthz'))).toContain('Group/system:unauthenticated');
    expect(whoKeys(demo, url('get', '/metrics'))).toContain('Group/system:masters');
  });
});

// A battery of requests compared between the indexed who-can and the reference (resolve.ts).
function battery(index: AtlasIndex): [Request, boolean][] {
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'escalate', 'bind', 'impersonate', '*'];
  const resources = ['pods', 'pods/exec', 'pods/log', 'secrets', 'configmaps', 'nodes', 'nodes/proxy', 'serviceaccounts/token', 'apps:deployments', 'apps:deployments/scale', 'rbac.authorization.k8s.io:clusterroles', 'certificates.k8s.io:certificatesigningrequests/approval', 'users', 'groups', 'argoproj.io:applications', '*:*'];
  const namespaces = ['', ...index.namespaces.slice(0, 12)];
  const out: [Request, boolean][] = [];
  for (const v of verbs) for (const r of resources) for (const ns of namespaces) out.push([req(v, r, ns), false]);
  for (const v of verbs.slice(0, 4)) for (const r of resources) out.push([req(v, r, ''), true]);
  for (const p of ['/healthz', '/metrics', '/api', '/apis/apps', '/version', '/readyz/ping']) out.push([url('get', p), false]);
  out.push([req('get', 'secrets', 'kube-system', 'bootstrap-token-abc'), false], [req('update', 'configmaps', 'kube-system', 'kubeadm-config'), false]);
  return out;
}

describe.each([
  ['demo-cluster', demo],
  ['realistic-large', large],
])('%s: indexed who-can agrees with the reference', (_name, index) => {
  it('on every request of the battery', () => {
    let nonEmpty = 0;
    for (const [r, all] of battery(index)) {
      const got = whoKeys(index, r, all);
      const want = referenceWhoCan(rbacListers(index.snapshot), r, { allNamespaces: all }).map(subjectRefKey).sort();
      expect(got, `request=${JSON.stringify(r)} all=${all}`).toEqual(want);
      if (got.length) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it('who-can and can-i agree for every reported subject', () => {
    for (const [r] of battery(index).slice(0, 400)) {
      for (const s of whoCan(index, r).subjects) {
        const principal = s.kind === 'Group' ? { user: 'probe', groups: [s.name] } : { user: s.kind === 'User' ? s.name : `system:serviceaccount:${s.namespace}:${s.name}`, groups: [] };
        expect(canI(index, principal, r).allowed, `${subjectRefKey(s)} ${JSON.stringify(r)}`).toBe(true);
      }
    }
  });
});

describe('realistic-large snapshot', () => {
  it('finds the intentional risks', () => {
    expect(whoKeys(large, req('update', 'secrets', 'payments-prod'))).toContain('ServiceAccount/analytics-prod/secret-sync');
    expect(whoKeys(large, req('get', 'configmaps', 'billing-prod'))).toContain('ServiceAccount/search-prod/search-worker');
    expect(whoKeys(large, req('create', 'pods/exec', 'shipping-dev'))).toContain('ServiceAccount/shipping-dev/default');
    const dangling = large.snapshot.diagnostics.filter((d) => d.code === 'missing-role').map((d) => d.object);
    expect(dangling).toEqual(expect.arrayContaining(['RoleBinding/fraud-dev/legacy-deployer', 'RoleBinding/mobile-api-dev/legacy-deployer']));
  });
});
