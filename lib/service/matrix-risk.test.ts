import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtlasIndex } from '../engine/query-index';
import { indexOf, rb, role, rule, sa } from '../../testing/engine';
import { cellRisk, cellRisks, riskWeight, verbsText, type MatrixRisk } from './matrix-risk';
import { namespaceDetail } from './namespaces';
import { loadSource } from './source';

describe('cellRisk', () => {
  // prettier-ignore
  const cases: { name: string; resource: string; verbs: string[]; want: MatrixRisk | undefined }[] = [
    { name: 'get secrets', resource: 'secrets', verbs: ['get'], want: 'read-secrets' },
    { name: 'list secrets (every value at once)', resource: 'secrets', verbs: ['list'], want: 'read-secrets' },
    { name: 'near miss: create secrets only is not a read', resource: 'secrets', verbs: ['create'], want: undefined },
    { name: 'create pods/exec', resource: 'pods/exec', verbs: ['create'], want: 'exec' },
    { name: 'get pods/exec (WebSocket exec)', resource: 'pods/exec', verbs: ['get'], want: 'exec' },
    { name: 'get pods/portforward', resource: 'pods/portforward', verbs: ['get'], want: 'exec' },
    { name: 'near miss: get pods/log', resource: 'pods/log', verbs: ['get'], want: undefined },
    { name: 'create serviceaccounts/token', resource: 'serviceaccounts/token', verbs: ['create'], want: 'tokens' },
    { name: 'patch rolebindings', resource: 'rolebindings.rbac.authorization.k8s.io', verbs: ['patch'], want: 'rbac-write' },
    { name: 'near miss: list roles', resource: 'roles.rbac.authorization.k8s.io', verbs: ['list'], want: undefined },
    { name: 'create pods', resource: 'pods', verbs: ['create'], want: 'workloads' },
    { name: 'update deployments', resource: 'deployments.apps', verbs: ['update'], want: 'workloads' },
    { name: 'near miss: delete pods', resource: 'pods', verbs: ['delete'], want: undefined },
    { name: 'near miss: get configmaps', resource: 'configmaps', verbs: ['get', 'list', 'watch'], want: undefined },
  ];
  it.each(cases)('$name', ({ resource, verbs, want }) => {
    expect(cellRisk(resource, verbs), `${resource} ${verbs.join(',')}`).toBe(want);
  });

  it('cellRisks: worst first, once each', () => {
    expect(cellRisks({ pods: ['create'], secrets: ['get'], 'pods/exec': ['create'], 'pods/attach': ['get'] })).toEqual(['read-secrets', 'exec', 'workloads']);
  });
  it('riskWeight: one high risk outweighs every medium one', () => {
    expect(riskWeight(['read-secrets'])).toBeGreaterThan(riskWeight(['workloads']));
    expect(riskWeight([])).toBe(0);
  });
  it('verbsText: "all verbs" only when every matrix verb is there', () => {
    const all = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
    expect(verbsText(all, all)).toBe('all verbs');
    expect(verbsText(all.slice(0, 7), all)).toBe('get list watch create update patch delete');
  });
});

describe('matrix subjects (the namespace page view)', () => {
  let demo: AtlasIndex;
  beforeAll(async () => {
    demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
  });

  it('team-a: its own subjects are local, cluster-wide ones are not; powers in words', () => {
    const v = namespaceDetail(demo, 'team-a').view.subjects;
    expect(v['ServiceAccount/team-a/api']).toMatchObject({ local: true, risks: ['read-secrets'] });
    expect(v['Group/developers']).toMatchObject({ local: true, clusterWide: false, risks: ['exec', 'workloads'] });
    expect(v['Group/system:masters']).toMatchObject({ local: false, clusterWide: true });
    expect(v['Group/system:masters']!.risks).toEqual(expect.arrayContaining(['wildcard', 'impersonate', 'escalate', 'bind', 'read-secrets']));
    // named by a RoleBinding of team-a whose role is missing: that binding grants nothing, it is not local
    expect(v['ServiceAccount/ci/gitlab-runner']).toMatchObject({ local: false, clusterWide: true });
  });

  it('a subject holding only impersonate or bind (no matrix cell) still gets a row', () => {
    const index = indexOf(role('ns1', 'binder', [rule('bind', 'rbac.authorization.k8s.io', 'roles')]), rb('ns1', 'b', 'Role:binder', 'User:bob'), sa('ns1/default'));
    const d = namespaceDetail(index, 'ns1');
    expect(d.matrix.rows).toHaveLength(0);
    expect(d.view.subjects['User/bob']).toEqual({ subject: { kind: 'User', name: 'bob' }, local: true, clusterWide: false, risks: ['bind'] });
  });
});
