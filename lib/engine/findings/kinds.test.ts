// One table per finding kind: positive cases (including "*" verbs, "*" resources, "*" groups,
// "*\/subresource") and named near-misses (a CRD called secrets in another group, a rule limited by
// resourceNames, a RoleBinding-scoped grant reported with its namespace).
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, role, rule, sa, pod, type RawRule } from '../../../testing/engine';
import { runFindings, scanFindings } from './index';
import type { Finding, FindingsOptions } from './types';

const U = 'User:u';
/** crb() splits its role reference on ":", so names with colons are set afterwards. */
const crbTo = (name: string, roleName: string, ...subjects: string[]) => {
  const o = crb(name, 'ClusterRole:x', ...subjects);
  return { ...o, roleRef: { ...o.roleRef, name: roleName } };
};
/** A ClusterRole "r" with these rules, bound to User u cluster-wide. */
const clusterWide = (...rules: RawRule[]) => [clusterRole('r', rules), crb('b', 'ClusterRole:r', U)];
/** The same ClusterRole bound in namespace ns by a RoleBinding. */
const inNamespace = (ns: string, ...rules: RawRule[]) => [clusterRole('r', rules), rb(ns, 'b', 'ClusterRole:r', U)];

function scan(objects: unknown[], options: FindingsOptions = {}): Finding[] {
  return runFindings(indexOf(...objects), { includeBuiltin: true, ...options });
}

/** "kind@scope=severity" for the findings of one kind and subject User u. */
function got(objects: unknown[], kind: string, subject = 'User/u', options?: FindingsOptions): string[] {
  return scan(objects, options)
    .filter((f) => f.ruleId === kind && (f.object ? `${f.object.kind}/${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}` : `${f.subject!.kind}/${f.subject!.namespace ? `${f.subject!.namespace}/` : ''}${f.subject!.name}`) === subject)
    .map((f) => `${f.scope}=${f.severity}`);
}

type Case = [name: string, objects: unknown[], want: string[]];

function table(kind: string, cases: Case[], subject?: string) {
  describe(kind, () => {
    it.each(cases)('%s', (_name, objects, want) => {
      expect(got(objects, kind, subject), `${kind} for ${JSON.stringify(objects)}`).toEqual(want);
    });
  });
}

table('read-secrets', [
  ['get secrets cluster-wide', clusterWide(rule('get', '', 'secrets')), ['cluster=high']],
  ['list only (reveals contents)', clusterWide(rule('list', '', 'secrets')), ['cluster=high']],
  ['watch only', clusterWide(rule('watch', '', 'secrets')), ['cluster=high']],
  ['"*" verbs', clusterWide(rule('*', '', 'secrets')), ['cluster=high']],
  ['"*" resources in the core group', clusterWide(rule('get', '', '*')), ['cluster=high']],
  ['"*" groups', clusterWide(rule('list', '*', 'secrets')), ['cluster=high']],
  ['RoleBinding to a ClusterRole: the namespace scope', inNamespace('team-a', rule('get', '', 'secrets')), ['team-a=medium']],
  ['RoleBinding in kube-system (privileged)', inNamespace('kube-system', rule('get', '', 'secrets')), ['kube-system=high']],
  ['Role + RoleBinding', [role('team-a', 'r', [rule('get', '', 'secrets')]), rb('team-a', 'b', 'Role:r', U)], ['team-a=medium']],
  ['near miss: CRD "secrets" in another group', clusterWide(rule('get,list,watch', 'example.com', 'secrets')), []],
  ['near miss: limited by resourceNames', clusterWide(rule('get', '', 'secrets', 'tls-cert')), []],
  ['near miss: write-only verbs', clusterWide(rule('create,delete', '', 'secrets')), []],
  ['near miss: subresource only', clusterWide(rule('get', '', 'secrets/status')), []],
  ['near miss: RoleBinding to a missing role', [rb('team-a', 'b', 'ClusterRole:nope', U)], []],
]);

table('exec-pods', [
  ['create pods/exec', clusterWide(rule('create', '', 'pods/exec')), ['cluster=high']],
  ['get pods/attach (WebSocket)', clusterWide(rule('get', '', 'pods/attach')), ['cluster=high']],
  ['port-forward', inNamespace('team-a', rule('create', '', 'pods/portforward')), ['team-a=medium']],
  ['"*/exec"', clusterWide(rule('create', '', '*/exec')), ['cluster=high']],
  ['"*" resources, "*" groups, "*" verbs', clusterWide(rule('*', '*', '*')), []], // absorbed by cluster-admin
  ['"*" resources with get (a "read-only" role)', clusterWide(rule('get', '', '*')), ['cluster=high']],
  ['near miss: "pods/*" is not a wildcard', clusterWide(rule('create', '', 'pods/*')), []],
  ['near miss: pods/log', clusterWide(rule('get', '', 'pods/log')), []],
  ['near miss: pods without subresource', clusterWide(rule('create', '', 'pods')), []],
  ['near miss: exec on named pods', clusterWide(rule('create', '', 'pods/exec', 'debug')), []],
]);

table('create-workloads', [
  ['create pods', inNamespace('team-a', rule('create', '', 'pods')), ['team-a=medium']],
  ['create deployments.apps', inNamespace('team-a', rule('create', 'apps', 'deployments')), ['team-a=medium']],
  ['patch cronjobs.batch', inNamespace('team-a', rule('patch', 'batch', 'cronjobs')), ['team-a=medium']],
  ['"*" resources in apps', clusterWide(rule('create', 'apps', '*')), ['cluster=high']],
  ['"*" groups', clusterWide(rule('update', '*', 'daemonsets')), ['cluster=high']],
  ['near miss: deployments in the core group', clusterWide(rule('create', '', 'deployments')), []],
  ['near miss: read-only', clusterWide(rule('get,list,watch', '', 'pods')), []],
  ['near miss: deployments/scale only', clusterWide(rule('patch', 'apps', 'deployments/scale')), []],
]);

table('modify-pods', [
  ['patch pods', clusterWide(rule('patch', '', 'pods')), ['cluster=high']],
  ['update pods/ephemeralcontainers', inNamespace('team-a', rule('update', '', 'pods/ephemeralcontainers')), ['team-a=medium']],
  ['near miss: named pods', clusterWide(rule('patch', '', 'pods', 'one')), []],
  ['near miss: pods/status is another kind', clusterWide(rule('patch', '', 'pods/status')), []],
]);

table('nodes-proxy', [
  ['get nodes/proxy', clusterWide(rule('get', '', 'nodes/proxy')), ['cluster=high']],
  ['create nodes/proxy', clusterWide(rule('create', '', 'nodes/proxy')), ['cluster=high']],
  ['"*/proxy"', clusterWide(rule('get', '', '*/proxy')), ['cluster=high']],
  ['near miss: RoleBinding (nodes are cluster-scoped)', inNamespace('team-a', rule('get', '', 'nodes/proxy')), []],
  ['near miss: nodes only', clusterWide(rule('get', '', 'nodes')), []],
]);

table('escalate', [
  ['escalate clusterroles', clusterWide(rule('escalate', 'rbac.authorization.k8s.io', 'clusterroles')), ['cluster=critical']],
  ['"*" verbs on roles', clusterWide(rule('*', 'rbac.authorization.k8s.io', 'roles')), ['cluster=critical']],
  ['RoleBinding: roles in one namespace', inNamespace('team-a', rule('escalate', 'rbac.authorization.k8s.io', 'roles')), ['team-a=high']],
  ['named, harmless role: one step lower', clusterWide(rule('escalate', 'rbac.authorization.k8s.io', 'clusterroles', 'view')), ['cluster=high']],
  ['near miss: wrong API group', clusterWide(rule('escalate', '', 'clusterroles')), []],
  ['near miss: clusterroles through a RoleBinding', inNamespace('team-a', rule('escalate', 'rbac.authorization.k8s.io', 'clusterroles')), []],
]);

table('bind', [
  ['bind clusterroles', clusterWide(rule('bind', 'rbac.authorization.k8s.io', 'clusterroles')), ['cluster=critical']],
  ['"*" groups', clusterWide(rule('bind', '*', 'roles')), ['cluster=critical']],
  [
    'named, but the name is cluster-admin equivalent',
    [...clusterWide(rule('bind', 'rbac.authorization.k8s.io', 'clusterroles', 'god')), clusterRole('god', [rule('*', '*', '*')])],
    ['cluster=critical'],
  ],
  [
    'named, and the named role can create pods (reaches every ServiceAccount)',
    [...clusterWide(rule('bind', 'rbac.authorization.k8s.io', 'clusterroles', 'editor')), clusterRole('editor', [rule('create', '', 'pods')])],
    ['cluster=critical'],
  ],
  ['named, harmless role: one step lower', clusterWide(rule('bind', 'rbac.authorization.k8s.io', 'clusterroles', 'view')), ['cluster=high']],
  ['near miss: bind on rolebindings (not roles)', clusterWide(rule('bind', 'rbac.authorization.k8s.io', 'rolebindings')), []],
]);

table('impersonate', [
  ['users', clusterWide(rule('impersonate', '', 'users')), ['cluster=critical']],
  ['groups', clusterWide(rule('impersonate', '', 'groups')), ['cluster=critical']],
  ['uids', clusterWide(rule('impersonate', 'authentication.k8s.io', 'uids')), ['cluster=critical']],
  ['userextras/scopes', clusterWide(rule('impersonate', 'authentication.k8s.io', 'userextras/scopes')), ['cluster=critical']],
  ['userextras with an unusual key', clusterWide(rule('impersonate', 'authentication.k8s.io', 'userextras/acme.com/team')), ['cluster=critical']],
  ['serviceaccounts in one namespace', inNamespace('team-a', rule('impersonate', '', 'serviceaccounts')), ['team-a=medium']],
  ['named system:masters stays critical', clusterWide(rule('impersonate', '', 'groups', 'system:masters')), ['cluster=critical']],
  ['named ordinary user: one step lower', clusterWide(rule('impersonate', '', 'users', 'alice')), ['cluster=high']],
  ['near miss: users in another group', clusterWide(rule('impersonate', 'example.com', 'users')), []],
  ['near miss: users through a RoleBinding', inNamespace('team-a', rule('impersonate', '', 'users')), []],
]);

const CERTS = 'certificates.k8s.io';
table('approve-csr', [
  ['create + approve + any signer', clusterWide(rule('create', CERTS, 'certificatesigningrequests'), rule('update', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers')), ['cluster=critical']],
  ['signer domain wildcard by name', clusterWide(rule('create', CERTS, 'certificatesigningrequests'), rule('patch', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers', 'kubernetes.io/*')), ['cluster=critical']],
  ['cannot create CSRs: high', clusterWide(rule('update', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers')), ['cluster=high']],
  ['kubelet client signer only: high', clusterWide(rule('create', CERTS, 'certificatesigningrequests'), rule('update', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers', 'kubernetes.io/kube-apiserver-client-kubelet')), ['cluster=high']],
  ['near miss: approval without approve on a signer', clusterWide(rule('update', CERTS, 'certificatesigningrequests/approval')), []],
  ['near miss: another signer domain', clusterWide(rule('update', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers', 'example.com/*')), []],
]);

table('admission-control', [
  ['patch validating webhooks', clusterWide(rule('patch', 'admissionregistration.k8s.io', 'validatingwebhookconfigurations')), ['cluster=high']],
  ['delete admission policies', clusterWide(rule('delete', 'admissionregistration.k8s.io', 'validatingadmissionpolicies')), ['cluster=high']],
  ['near miss: read-only', clusterWide(rule('get,list,watch', 'admissionregistration.k8s.io', '*')), []],
  ['near miss: RoleBinding', inNamespace('team-a', rule('create', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations')), []],
]);

table('create-persistentvolumes', [
  ['create persistentvolumes', clusterWide(rule('create', '', 'persistentvolumes')), ['cluster=high']],
  ['near miss: claims', clusterWide(rule('create', '', 'persistentvolumeclaims')), []],
]);

table('patch-namespaces', [
  ['patch namespaces', clusterWide(rule('patch', '', 'namespaces')), ['cluster=medium']],
  ['near miss: create namespaces', clusterWide(rule('create,get', '', 'namespaces')), []],
]);

table('modify-status', [
  ['patch nodes/status', clusterWide(rule('patch', '', 'nodes/status')), ['cluster=medium']],
  ['update pods/status in a namespace', inNamespace('team-a', rule('update', '', 'pods/status')), ['team-a=low']],
  ['"*/status"', clusterWide(rule('update', '', '*/status')), ['cluster=medium']],
  ['near miss: get status', clusterWide(rule('get', '', 'services/status')), []],
]);

table('create-serviceaccount-token', [
  ['create serviceaccounts/token', inNamespace('team-a', rule('create', '', 'serviceaccounts/token')), ['team-a=medium']],
  ['"*/token" cluster-wide', clusterWide(rule('create', '', '*/token')), ['cluster=high']],
  ['near miss: serviceaccounts', clusterWide(rule('create', '', 'serviceaccounts')), []],
]);

table('write-secrets-privileged', [
  ['create secrets cluster-wide', clusterWide(rule('create', '', 'secrets')), ['cluster=high']],
  ['update secrets in kube-system', inNamespace('kube-system', rule('update', '', 'secrets')), ['kube-system=high']],
  ['near miss: ordinary namespace', inNamespace('team-a', rule('create', '', 'secrets')), []],
]);

table('cluster-admin', [
  ['"*" on every axis, cluster-wide', clusterWide(rule('*', '*', '*')), ['cluster=critical']],
  ['near miss: core group only', clusterWide(rule('*', '', '*')), []],
  ['near miss: RoleBinding (namespace-admin instead)', inNamespace('team-a', rule('*', '*', '*')), []],
]);

table('namespace-admin', [
  ['RoleBinding to a "*" role', inNamespace('team-a', rule('*', '*', '*')), ['team-a=high']],
  ['in kube-system', inNamespace('kube-system', rule('*', '*', '*')), ['kube-system=critical']],
  ['near miss: cluster-wide is cluster-admin', clusterWide(rule('*', '*', '*')), []],
]);

describe('public access', () => {
  it.each<Case>([
    ['anonymous user with a harmless role', [clusterRole('r', [rule('get', '', 'configmaps')]), crb('b', 'ClusterRole:r', 'User:system:anonymous')], ['anonymous-access User/system:anonymous cluster=high']],
    ['unauthenticated group reading secrets', [clusterRole('r', [rule('get', '', 'secrets')]), crb('b', 'ClusterRole:r', 'Group:system:unauthenticated')], ['anonymous-access Group/system:unauthenticated cluster=critical']],
    ['all authenticated, configmaps', [clusterRole('r', [rule('get', '', 'configmaps')]), crb('b', 'ClusterRole:r', 'Group:system:authenticated')], ['authenticated-access Group/system:authenticated cluster=medium']],
    ['all authenticated, secrets (high + 1)', [clusterRole('r', [rule('list', '', 'secrets')]), crb('b', 'ClusterRole:r', 'Group:system:authenticated')], ['authenticated-access Group/system:authenticated cluster=critical']],
    ['all service accounts in a namespace', [clusterRole('r', [rule('get', '', 'pods')]), rb('team-a', 'b', 'ClusterRole:r', 'Group:system:serviceaccounts')], ['authenticated-access Group/system:serviceaccounts team-a=medium']],
    ['near miss: the Kubernetes default (system:public-info-viewer)', [{ ...clusterRole('system:public-info-viewer', [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }], { 'kubernetes.io/bootstrapping': 'rbac-defaults' }) }, crbTo('b', 'system:public-info-viewer', 'Group:system:unauthenticated')], []],
  ])('%s', (_name, objects, want) => {
    const out = scan(objects)
      .filter((f) => f.ruleId === 'anonymous-access' || f.ruleId === 'authenticated-access')
      .map((f) => `${f.ruleId} ${f.subject!.kind}/${f.subject!.name} ${f.scope}=${f.severity}`);
    expect(out).toEqual(want);
  });
});

describe('default ServiceAccount and default namespace', () => {
  it('a binding to a default ServiceAccount (namespace defaulted from the RoleBinding) takes its strongest grant', () => {
    const objects = [role('team-a', 'r', [rule('get', '', 'secrets')]), rb('team-a', 'b', 'Role:r', 'ServiceAccount:default'), sa('team-a/default'), pod('team-a/p1')];
    expect(got(objects, 'default-serviceaccount-binding', 'ServiceAccount/team-a/default')).toEqual(['team-a=medium']);
    const f = scan(objects).find((x) => x.ruleId === 'default-serviceaccount-binding')!;
    expect(f.permissions).toEqual(['read-secrets']);
    expect(f.pods?.map((p) => p.name)).toEqual(['p1']);
    expect(f.tokenMounted).toBe(true);
  });
  it('pods running as default with a token; none when automount is off', () => {
    const mounted = [sa('team-a/default'), pod('team-a/p1')];
    expect(got(mounted, 'default-serviceaccount-token', 'ServiceAccount/team-a/default')).toEqual(['team-a=low']);
    const off = [sa('team-a/default'), { ...pod('team-a/p1'), spec: { automountServiceAccountToken: false } }];
    expect(got(off, 'default-serviceaccount-token', 'ServiceAccount/team-a/default')).toEqual([]);
    const saOff = [{ ...sa('team-a/default'), automountServiceAccountToken: false }, pod('team-a/p1')];
    expect(got(saOff, 'default-serviceaccount-token', 'ServiceAccount/team-a/default')).toEqual([]);
  });
  it('workloads in the default namespace, per ServiceAccount', () => {
    expect(got([pod('default/web', 'web'), pod('default/web2', 'web'), sa('default/web')], 'default-namespace-workloads', 'ServiceAccount/default/web')).toEqual(['default=low']);
    expect(got([pod('team-a/web', 'web')], 'default-namespace-workloads', 'ServiceAccount/team-a/web')).toEqual([]);
  });
});

describe('hygiene', () => {
  it('dangling bindings: a missing Role, a ClusterRoleBinding to a Role', () => {
    expect(got([rb('team-a', 'old', 'Role:gone', U)], 'dangling-binding', 'RoleBinding/team-a/old')).toEqual(['team-a=medium']);
    expect(got([role('team-a', 'r', []), crb('x', 'Role:r', U)], 'dangling-binding', 'ClusterRoleBinding/x')).toEqual(['cluster=medium']);
    expect(got([clusterRole('r', []), rb('team-a', 'ok', 'ClusterRole:r', U)], 'dangling-binding', 'RoleBinding/team-a/ok')).toEqual([]);
  });
  it('missing ServiceAccounts; skipped (with a note) when the input has none', () => {
    const objects = [clusterRole('r', [rule('get', '', 'secrets')]), crb('b', 'ClusterRole:r', 'ServiceAccount:ops/ghost'), sa('ops/real')];
    expect(got(objects, 'missing-serviceaccount', 'ServiceAccount/ops/ghost')).toEqual(['cluster=medium']); // one below read-secrets (high)
    const none = scanFindings(indexOf(clusterRole('r', []), crb('b', 'ClusterRole:r', 'ServiceAccount:ops/ghost')), { includeBuiltin: true });
    expect(none.findings.filter((f) => f.ruleId === 'missing-serviceaccount')).toEqual([]);
    expect(none.notes.join()).toMatch(/no ServiceAccount objects/);
  });
  it('unused roles; aggregated and bound roles are used', () => {
    const objects = [
      clusterRole('lonely', [rule('get', '', 'pods')]),
      clusterRole('agg-part', [rule('get', '', 'pods')], { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
      clusterRole('bound', [rule('get', '', 'pods')]),
      crb('b', 'ClusterRole:bound', U),
      role('team-a', 'old', [rule('get', '', 'pods')]),
    ];
    const ids = scan(objects).filter((f) => f.ruleId === 'unused-role').map((f) => f.id);
    expect(ids).toEqual(['unused-role:ClusterRole/lonely@cluster', 'unused-role:Role/team-a/old@team-a']);
  });
  it('wildcard rules: low; medium when bound with "*" verbs on "*" resources', () => {
    expect(got([clusterRole('w', [rule('*', '', 'pods')])], 'wildcard-rule', 'ClusterRole/w')).toEqual(['cluster=low']);
    expect(got([clusterRole('w', [rule('*', '*', '*')]), crb('b', 'ClusterRole:w', U)], 'wildcard-rule', 'ClusterRole/w')).toEqual(['cluster=medium']);
    expect(got([clusterRole('w', [rule('get', '', 'pods')])], 'wildcard-rule', 'ClusterRole/w')).toEqual([]);
  });
});

describe('reach: acting as the ServiceAccounts a permission reaches', () => {
  const admin = [clusterRole('all', [rule('*', '*', '*')]), crb('ci-admin', 'ClusterRole:all', 'ServiceAccount:ci/runner'), sa('ci/runner'), pod('ci/runner-1', 'runner')];
  it('create pods in a namespace whose ServiceAccount is cluster-admin is critical, and names it', () => {
    const f = scan([...admin, role('ci', 'dep', [rule('create', '', 'pods')]), rb('ci', 'dev', 'Role:dep', 'User:dev')]).find((x) => x.id === 'create-workloads:User/dev@ci')!;
    expect([f.baseSeverity, f.severity]).toEqual(['high', 'critical']); // ci is privileged (detected) and reaches ci/runner
    expect(f.reach?.strongest[0]).toMatchObject({ namespace: 'ci', name: 'runner', severity: 'critical', kinds: ['cluster-admin'] });
  });
  it('exec reaches only pods that mount a token', () => {
    const objects = [...admin.slice(0, 3), { ...pod('ci/runner-1', 'runner'), spec: { serviceAccountName: 'runner', automountServiceAccountToken: false } }, role('ci', 'x', [rule('create', '', 'pods/exec')]), rb('ci', 'dev', 'Role:x', 'User:dev')];
    const f = scan(objects).find((x) => x.id === 'exec-pods:User/dev@ci')!;
    expect(f.reach).toMatchObject({ serviceAccounts: 0, strongest: [] });
    expect(f.severity).toBe('high'); // privileged namespace, but nothing to reach
  });
  it('a subject does not reach itself', () => {
    const objects = [role('app', 'r', [rule('get', '', 'secrets'), rule('create', '', 'pods')]), rb('app', 'b', 'Role:r', 'ServiceAccount:app/api'), sa('app/api'), pod('app/api-1', 'api')];
    const f = scan(objects).find((x) => x.id === 'create-workloads:ServiceAccount/app/api@app')!;
    expect(f.reach).toMatchObject({ serviceAccounts: 0, strongest: [] });
  });
  it('chains are followed to a fixpoint (create pods -> SA that can exec -> SA that is cluster-admin)', () => {
    const objects = [
      ...admin,
      role('mid', 'x', []),
      clusterRole('exec-ci', [rule('create', '', 'pods/exec')]),
      rb('ci', 'mid-exec', 'ClusterRole:exec-ci', 'ServiceAccount:mid/worker'),
      sa('mid/worker'),
      role('mid', 'dep', [rule('create', '', 'pods')]),
      rb('mid', 'dev', 'Role:dep', 'User:dev'),
    ];
    const f = scan(objects).find((x) => x.id === 'create-workloads:User/dev@mid')!;
    expect(f.severity).toBe('critical');
    expect(f.reach?.strongest[0]).toMatchObject({ namespace: 'mid', name: 'worker', kinds: ['exec-pods'] });
  });
  it('legacy token Secrets: reading Secrets reaches ServiceAccounts that list one', () => {
    const withToken = { ...sa('ci/runner'), secrets: [{ name: 'runner-token-abc' }] };
    const objects = [...admin.filter((o) => (o as { kind: string }).kind !== 'ServiceAccount'), withToken, role('ci', 'r', [rule('get', '', 'secrets')]), rb('ci', 'b', 'Role:r', 'User:dev')];
    const f = scan(objects).find((x) => x.id === 'read-secrets:User/dev@ci')!;
    expect(f.severity).toBe('critical');
    expect(f.reach?.strongest.map((r) => r.name)).toEqual(['runner']);
  });
});

describe('shape and options', () => {
  it('one finding per (kind, subject, scope) with every path; namespaced paths fold into a cluster-wide finding', () => {
    const objects = [
      clusterRole('a', [rule('get', '', 'secrets')]),
      clusterRole('b', [rule('list', '', 'secrets'), rule('watch', '', 'secrets')]),
      crb('one', 'ClusterRole:a', U),
      rb('team-a', 'two', 'ClusterRole:b', U),
    ];
    const fs = scan(objects).filter((f) => f.ruleId === 'read-secrets');
    expect(fs.map((f) => f.id)).toEqual(['read-secrets:User/u@cluster']);
    expect(fs[0]!.paths.map((p) => `${p.binding!.name}#${p.ruleIndex}@${p.scope}:${p.permissions.join('+')}`)).toEqual(['one#0@cluster:get secrets', 'two#0@team-a:list secrets', 'two#1@team-a:watch secrets']);
  });
  it('cluster-admin absorbs the same subject\'s other permission findings', () => {
    const fs = scan([clusterRole('all', [rule('*', '*', '*')]), crb('b', 'ClusterRole:all', U), role('x', 'r', [rule('get', '', 'secrets')]), rb('x', 'c', 'Role:r', U)]);
    expect(fs.filter((f) => f.subject?.name === 'u').map((f) => f.ruleId)).toEqual(['cluster-admin']);
    expect(fs[0]!.notes.join()).toMatch(/also covers: .*read-secrets/);
  });
  it('severity overrides by kebab id or kind, per scope', () => {
    const objects = clusterWide(rule('get', '', 'secrets'));
    expect(got(objects, 'read-secrets', 'User/u', { severity: { 'read-secrets': 'low' } })).toEqual(['cluster=low']);
    expect(got(objects, 'read-secrets', 'User/u', { severity: { ReadSecrets: { cluster: 'critical' } } })).toEqual(['cluster=critical']);
    const ns = inNamespace('team-a', rule('get', '', 'secrets'));
    expect(got(ns, 'read-secrets', 'User/u', { severity: { 'read-secrets': { cluster: 'critical' } } })).toEqual(['team-a=medium']);
  });
  it('configured privileged namespaces use the cluster-wide severity', () => {
    expect(got(inNamespace('vault', rule('get', '', 'secrets')), 'read-secrets', 'User/u', { privilegedNamespaces: ['kube-system', 'vault'] })).toEqual(['vault=high']);
  });
  it('system:masters gets no findings (RBAC does not apply to it)', () => {
    expect(scan([clusterRole('all', [rule('*', '*', '*')]), crb('b', 'ClusterRole:all', 'Group:system:masters')]).filter((f) => f.subject)).toEqual([]);
  });
  it('ids are stable and unique', () => {
    const fs = scan(clusterWide(rule('*', '', 'secrets,pods,pods/exec')));
    expect(new Set(fs.map((f) => f.id)).size).toBe(fs.length);
    expect(fs.map((f) => f.id)).toContain('read-secrets:User/u@cluster');
  });
  it('pods and token mount for ServiceAccount subjects', () => {
    const objects = [clusterRole('r', [rule('get', '', 'secrets')]), crb('b', 'ClusterRole:r', 'ServiceAccount:app/api'), sa('app/api'), pod('app/api-1', 'api'), { ...pod('app/api-2', 'api'), spec: { serviceAccountName: 'api', automountServiceAccountToken: false } }];
    const f = scan(objects).find((x) => x.ruleId === 'read-secrets')!;
    expect(f.pods?.map((p) => [p.name, p.automountServiceAccountToken])).toEqual([['api-1', true], ['api-2', false]]);
    expect(f.tokenMounted).toBe(true);
  });
});

describe('built-in noise control', () => {
  const labelled = (o: ReturnType<typeof crbTo>) => ({ ...o, metadata: { ...o.metadata, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } } });
  const secretsRole = clusterRole('system:controller:thing', [rule('get', '', 'secrets')], { 'kubernetes.io/bootstrapping': 'rbac-defaults' });
  it('a bootstrap binding of system subjects is built-in and hidden by default', () => {
    const objects = [secretsRole, labelled(crbTo('system:controller:thing', 'system:controller:thing', 'ServiceAccount:kube-system/thing'))];
    expect(runFindings(indexOf(...objects)).filter((f) => f.ruleId === 'read-secrets')).toEqual([]);
    const all = scanFindings(indexOf(...objects), { includeBuiltin: true });
    expect(all.findings.find((f) => f.ruleId === 'read-secrets')?.builtin).toBe(true);
    expect(scanFindings(indexOf(...objects)).hiddenBuiltin).toBeGreaterThan(0);
  });
  it('the label alone does not make a binding built-in: a user subject, or a non-system name', () => {
    const user = [secretsRole, labelled(crbTo('system:controller:thing', 'system:controller:thing', 'User:mallory'))];
    expect(runFindings(indexOf(...user)).map((f) => f.id)).toContain('read-secrets:User/mallory@cluster');
    const name = [secretsRole, labelled(crbTo('my-binding', 'system:controller:thing', 'ServiceAccount:kube-system/thing'))];
    expect(runFindings(indexOf(...name)).map((f) => f.id)).toContain('read-secrets:ServiceAccount/kube-system/thing@cluster');
  });
  it('a user binding to a built-in role is not built-in', () => {
    const objects = [clusterRole('cluster-admin', [rule('*', '*', '*')], { 'kubernetes.io/bootstrapping': 'rbac-defaults' }), crb('oops', 'ClusterRole:cluster-admin', 'User:bob')];
    expect(runFindings(indexOf(...objects)).map((f) => `${f.id}=${f.severity}` as string)).toContain('cluster-admin:User/bob@cluster=critical');
  });
});


