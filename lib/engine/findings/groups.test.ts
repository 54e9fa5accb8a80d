// Findings through the groups the API server adds to every ServiceAccount token
// (system:serviceaccounts, system:serviceaccounts:<ns>, system:authenticated): the group's finding
// names the accounts and pods it reaches, an account's findings note what they inherit, the default
// token's severity follows, and the report does not grow per account. Small cases, then the demo and
// realistic-large with the OWASP Kubernetes Top 10 example added.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../load/files';
import { buildIndex } from '../query-index';
import { snapshotOf, clusterRole, crb, indexOf, pod, rb, role, rule, sa } from '../../../testing/engine';
import { scanFindings } from './index';
import type { Finding, FindingsResult, SubjectFinding } from './types';

const root = path.resolve(__dirname, '../../..');
const ALL = [rule('*', '*', '*')];
const SECRETS = [rule('get,list', '', 'secrets')];
/** ns1: ServiceAccounts default (one pod) and api (two pods, one without the token); ns2: worker. */
const WORKLOADS = [
  sa('ns1/default'), sa('ns1/api'), sa('ns2/worker'),
  pod('ns1/web'),
  pod('ns1/api-1', 'api'), { ...pod('ns1/api-2', 'api'), spec: { serviceAccountName: 'api', automountServiceAccountToken: false } },
  pod('ns2/worker-1', 'worker'),
];

function scan(...objects: unknown[]): Finding[] {
  return scanFindings(indexOf(...WORKLOADS, ...objects)).findings;
}
function one(findings: Finding[], id: string): SubjectFinding {
  const f = findings.find((x) => x.id === id);
  if (!f || f.target !== 'subject') throw new Error(`no subject finding ${id}; have ${findings.map((x) => x.id).join(', ')}`);
  return f;
}
const accounts = (f: SubjectFinding) => f.members?.serviceAccounts.map((s) => `${s.namespace}/${s.name}`);
const podNames = (f: SubjectFinding) => f.pods?.map((p) => `${p.namespace}/${p.name}`);

describe('a group finding names the ServiceAccounts and pods it reaches', () => {
  // prettier-ignore
  const cases: { name: string; group: string; want: string[] | undefined; pods?: string[] }[] = [
    { name: 'system:serviceaccounts:ns1: its namespace', group: 'system:serviceaccounts:ns1', want: ['ns1/api', 'ns1/default'], pods: ['ns1/api-1', 'ns1/api-2', 'ns1/web'] },
    { name: 'system:serviceaccounts: every namespace', group: 'system:serviceaccounts', want: ['ns1/api', 'ns1/default', 'ns2/worker'], pods: ['ns1/api-1', 'ns1/api-2', 'ns1/web', 'ns2/worker-1'] },
    { name: 'system:authenticated: every ServiceAccount', group: 'system:authenticated', want: ['ns1/api', 'ns1/default', 'ns2/worker'] },
    { name: 'near miss: a namespace without ServiceAccounts reaches none', group: 'system:serviceaccounts:ns3', want: [], pods: [] },
    { name: 'near miss: an ordinary group (members from an identity provider)', group: 'developers', want: undefined },
    { name: 'near miss: system:serviceaccount (a user prefix, not a group)', group: 'system:serviceaccount:ns1', want: undefined },
  ];
  it.each(cases)('$name', ({ group, want, pods }) => {
    const f = one(scan(clusterRole('r', SECRETS), crb('b', 'ClusterRole:r', `Group:${group}`)), `read-secrets:Group/${group}@cluster`);
    expect(accounts(f)).toEqual(want);
    if (pods) expect(podNames(f)).toEqual(pods);
    if (want) expect(f.notes.at(-1)).toMatch(new RegExp(`^the API server puts .* in this group: ${want.length} ServiceAccounts?`));
  });
  it('near miss: a snapshot without ServiceAccounts or pods: members unknown, not none', () => {
    const findings = scanFindings(indexOf(clusterRole('r', SECRETS), crb('b', 'ClusterRole:r', 'Group:system:serviceaccounts'))).findings;
    expect(one(findings, 'read-secrets:Group/system:serviceaccounts@cluster').members).toBeUndefined();
  });
});

describe('OWASP K10: cluster-admin bound to system:serviceaccounts:ns1', () => {
  const owasp = crb('owasp', 'ClusterRole:all', 'Group:system:serviceaccounts:ns1');
  const result = () => scanFindings(indexOf(...WORKLOADS, clusterRole('all', ALL), owasp, role('ns1', 'reader', SECRETS), rb('ns1', 'api-reader', 'Role:reader', 'ServiceAccount:api')));
  it('the group finding is critical and names the accounts and pods', () => {
    const f = one(result().findings, 'cluster-admin:Group/system:serviceaccounts:ns1@cluster');
    expect(f.severity).toBe('critical');
    expect(accounts(f)).toEqual(['ns1/api', 'ns1/default']);
    expect(f.tokenMounted).toBe(true);
  });
  it("the default ServiceAccount's token finding follows: critical", () => {
    const f = one(result().findings, 'default-serviceaccount-token:ServiceAccount/ns1/default@ns1');
    expect(f.severity).toBe('critical');
    expect(f.notes).toContain('raised to critical: the mounted token carries Group system:serviceaccounts:ns1, which holds cluster-admin');
  });
  it("an account's own finding notes what it inherits, keeping its own severity", () => {
    const f = one(result().findings, 'read-secrets:ServiceAccount/ns1/api@ns1');
    expect(f.inherited).toEqual([{ group: 'system:serviceaccounts:ns1', severity: 'critical', kinds: ['cluster-admin'], findings: ['cluster-admin:Group/system:serviceaccounts:ns1@cluster'] }]);
    expect(f.notes).toContain('its token also carries Group system:serviceaccounts:ns1 (added by the API server), which holds cluster-admin (critical)');
    expect(f.severity).toBe('high'); // ns1 is privileged now (below), so a grant there is rated like a cluster-wide one
  });
  it('its namespace is privileged, as when one ServiceAccount there holds cluster-admin', () => {
    expect(result().privilegedNamespaces).toEqual(['kube-system', 'ns1']);
  });
  it('near miss: ServiceAccounts of another namespace inherit nothing from it', () => {
    const findings = scanFindings(indexOf(...WORKLOADS, clusterRole('all', ALL), owasp, rb('ns2', 'w', 'ClusterRole:all', 'ServiceAccount:worker'))).findings;
    expect(one(findings, 'namespace-admin:ServiceAccount/ns2/worker@ns2').inherited).toBeUndefined();
  });
});

describe('system:authenticated: noted on every account, raising none of them', () => {
  const findings = () => scan(clusterRole('r', SECRETS), crb('all', 'ClusterRole:r', 'Group:system:authenticated'), role('ns1', 'x', [rule('create', '', 'pods')]), rb('ns1', 'x', 'Role:x', 'ServiceAccount:default'));
  it('the default token finding keeps its own severity, with the note', () => {
    const f = one(findings(), 'default-serviceaccount-token:ServiceAccount/ns1/default@ns1');
    expect(f.severity).toBe('medium'); // low, one step for the binding of its own; nothing from system:authenticated
    expect(f.inherited?.map((g) => `${g.group}:${g.kinds.join(',')}`)).toEqual(['system:authenticated:read-secrets']);
  });
  it('no finding per account: one group finding per kind and scope', () => {
    const list = findings();
    expect(list.filter((f) => f.kind === 'ReadSecrets').map((f) => f.id)).toEqual(['read-secrets:Group/system:authenticated@cluster']);
  });
  it('near miss: built-in grants to the group are not inherited', () => {
    const b = crb('x', 'ClusterRole:x', 'Group:system:authenticated'); // crb() splits its role reference on ":"
    const builtin = { ...b, roleRef: { ...b.roleRef, name: 'system:r' }, metadata: { name: 'system:auth-secrets', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } };
    const r = { ...clusterRole('system:r', SECRETS), metadata: { name: 'system:r', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } };
    const list = scanFindings(indexOf(...WORKLOADS, r, builtin, role('ns1', 'x', [rule('create', '', 'pods')]), rb('ns1', 'x', 'Role:x', 'ServiceAccount:default')), { includeBuiltin: true }).findings;
    expect(one(list, 'read-secrets:Group/system:authenticated@cluster').builtin).toBe(true);
    expect(one(list, 'create-workloads:ServiceAccount/ns1/default@ns1').inherited).toBeUndefined();
  });
  it('near miss: a missing ServiceAccount has no token to inherit with', () => {
    const list = scan(clusterRole('r', SECRETS), crb('all', 'ClusterRole:r', 'Group:system:authenticated'), crb('gone', 'ClusterRole:r', 'ServiceAccount:ns1/gone'));
    expect(one(list, 'read-secrets:ServiceAccount/ns1/gone@cluster').inherited).toBeUndefined();
  });
});

async function loaded(...rels: string[]): Promise<FindingsResult> {
  const { snapshot } = await loadFiles(rels.map((r) => path.join(root, r)));
  return scanFindings(buildIndex(snapshot));
}
const OWASP_EXTRA = [
  crb('owasp-default-admin', 'ClusterRole:cluster-admin', 'Group:system:serviceaccounts:default'),
  clusterRole('owasp-secret-reader', SECRETS),
  crb('owasp-all-secrets', 'ClusterRole:owasp-secret-reader', 'Group:system:authenticated'),
];
async function withExtra(rel: string): Promise<FindingsResult> {
  const { snapshot } = await loadFiles([path.join(root, rel)]);
  const extra = snapshotOf(...OWASP_EXTRA);
  const merged = { ...snapshot, clusterRoles: [...snapshot.clusterRoles, ...extra.clusterRoles], clusterRoleBindings: [...snapshot.clusterRoleBindings, ...extra.clusterRoleBindings] };
  return scanFindings(buildIndex(merged));
}

describe('demo', () => {
  let plain: FindingsResult;
  let owasp: FindingsResult;
  beforeAll(async () => {
    plain = await loaded('public/demo/demo-cluster.json');
    owasp = await withExtra('public/demo/demo-cluster.json');
  });
  it('system:authenticated (cluster-reader): its findings list all 69 ServiceAccounts and 27 pods; no new finding', () => {
    // 55 + the path findings: system:authenticated -> cluster-admin (nodes-proxy), and 5 subjects -> root on a node (privileged-pod)
    expect(plain.findings).toHaveLength(61);
    for (const kind of ['read-secrets', 'exec-pods', 'nodes-proxy', 'authenticated-access']) {
      const f = one(plain.findings, `${kind}:Group/system:authenticated@cluster`);
      expect([f.members?.serviceAccounts.length, f.pods?.length]).toEqual([69, 27]);
    }
  });
  it('team-a/api (issue 12): its read-secrets in team-a notes that its token reads every Secret through system:authenticated', () => {
    const f = one(plain.findings, 'read-secrets:ServiceAccount/team-a/api@team-a');
    expect(f.inherited).toEqual([
      { group: 'system:authenticated', severity: 'critical', kinds: ['exec-pods', 'nodes-proxy', 'read-secrets'], findings: ['exec-pods:Group/system:authenticated@cluster', 'nodes-proxy:Group/system:authenticated@cluster', 'read-secrets:Group/system:authenticated@cluster'] },
    ]);
  });
  it('with the OWASP binding: critical group finding naming default/default and its pod, the token finding critical', () => {
    const group = one(owasp.findings, 'cluster-admin:Group/system:serviceaccounts:default@cluster');
    expect(accounts(group)).toEqual(['default/default']);
    expect(group.pods?.map((p) => p.owner?.kind)).toEqual(['ReplicaSet']);
    expect(one(owasp.findings, 'default-serviceaccount-token:ServiceAccount/default/default@default').severity).toBe('critical');
    expect(owasp.privilegedNamespaces).toContain('default');
  });
  it("the report grows by one finding (the group's cluster-admin; the Secret reading joins system:authenticated's existing one)", () => {
    expect(owasp.findings.length - plain.findings.length).toBe(1);
  });
});

describe('realistic-large', () => {
  let plain: FindingsResult;
  let owasp: FindingsResult;
  let ms = 0;
  beforeAll(async () => {
    plain = await loaded('lib/testdata/datasets/realistic-large.json');
    const started = performance.now();
    owasp = await withExtra('lib/testdata/datasets/realistic-large.json');
    ms = performance.now() - started;
  });
  it('system:authenticated reaches every ServiceAccount and pod, in one finding per kind', () => {
    const f = one(owasp.findings, 'read-secrets:Group/system:authenticated@cluster');
    expect(f.members?.serviceAccounts.length).toBe(675);
    expect(f.pods?.length).toBe(991);
    expect(owasp.findings.filter((x) => x.kind === 'ReadSecrets').length - plain.findings.filter((x) => x.kind === 'ReadSecrets').length).toBe(1);
  });
  it('the report grows by two findings (the two group grants), not one per ServiceAccount', () => {
    expect(owasp.findings.length - plain.findings.length).toBe(2);
    const inheriting = owasp.findings.filter((f) => f.inherited?.some((g) => g.group === 'system:authenticated'));
    expect(inheriting.length).toBeGreaterThan(100); // every ServiceAccount finding notes it instead
  });
  it('loading and scanning stay well under the budget of a scan', () => {
    expect(ms).toBeLessThan(5000);
  });
});
