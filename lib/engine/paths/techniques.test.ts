// One table per technique: positive cases and named near misses, each decided as the API server
// would (resourceNames, subresources, API groups, RoleBinding scope, implicit groups, token mounts,
// PodSecurity levels). A case is: objects, a start, a sink, and the path wanted as text
// ("technique>target | ..."), "" when the start already holds the sink, null when there is none.
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, rb, role, rule } from '../../../testing/engine';
import { answerFor, namespace, podRunning, serviceAccount, shortest, tokenSecret } from '../../../testing/paths';
import type { Sink } from './types';

type Case = [name: string, objects: unknown[], from: string, want: string | null, sink?: Sink];

// The target everywhere: ServiceAccount app/admin holds cluster-admin.
const ADMIN = [
  clusterRole('cluster-admin', [rule('*', '*', '*')]),
  crb('admin', 'ClusterRole:cluster-admin', 'ServiceAccount:app/admin'),
  serviceAccount('app/admin'),
  serviceAccount('app/default'),
  serviceAccount('ci/runner'),
  namespace('app', 'restricted'),
  namespace('ci', 'restricted'),
];
const grant = (ns: string | null, ...rules: ReturnType<typeof rule>[]) =>
  ns === null
    ? [clusterRole('granted', rules), crb('granted', 'ClusterRole:granted', 'ServiceAccount:ci/runner')]
    : [clusterRole('granted', rules), rb(ns, 'granted', 'ClusterRole:granted', 'ServiceAccount:ci/runner')];
const RUNNER = 'ServiceAccount:ci/runner';
const TO_ADMIN = 'ServiceAccount:app/admin';

function run(cases: Case[]) {
  it.each(cases)('%s', (_name, objects, from, want, sink) => {
    const got = shortest([...ADMIN, ...objects], from, sink ?? 'cluster-admin');
    expect(got, `from ${from} to ${sink ?? 'cluster-admin'}`).toBe(want);
  });
}

describe('create-pods', () => {
  run([
    ['create pods in the namespace', grant('app', rule('create', '', 'pods')), RUNNER, `create-pods>${TO_ADMIN}`],
    ['cluster-wide create pods', grant(null, rule('create', '', 'pods')), RUNNER, `create-pods>${TO_ADMIN}`],
    ['near miss: another namespace', grant('ci', rule('create', '', 'pods')), RUNNER, null],
    ['near miss: apps group', grant('app', rule('create', 'apps', 'pods')), RUNNER, null],
    ['near miss: resourceNames never cover create', grant('app', rule('create', '', 'pods', 'admin-pod')), RUNNER, null],
    ['near miss: pods/* is not a wildcard', grant('app', rule('create', '', 'pods/*')), RUNNER, null],
    ['near miss: get pods', grant('app', rule('get,list,watch', '', 'pods')), RUNNER, null],
    ['wildcards', grant('app', rule('*', '*', '*')), RUNNER, `create-pods>${TO_ADMIN}`],
    ['through group system:serviceaccounts:ci', [clusterRole('granted', [rule('create', '', 'pods')]), rb('app', 'g', 'ClusterRole:granted', 'Group:system:serviceaccounts:ci')], RUNNER, `create-pods>${TO_ADMIN}`],
    ['through group system:authenticated, for a User', [clusterRole('granted', [rule('create', '', 'pods')]), rb('app', 'g', 'ClusterRole:granted', 'Group:system:authenticated')], 'User:alice', `create-pods>${TO_ADMIN}`],
    ['near miss: group system:serviceaccounts:app is not ci/runner', [clusterRole('granted', [rule('create', '', 'pods')]), rb('app', 'g', 'ClusterRole:granted', 'Group:system:serviceaccounts:app')], RUNNER, null],
    ['a Group start stands for a member', [clusterRole('granted', [rule('create', '', 'pods')]), rb('app', 'g', 'ClusterRole:granted', 'Group:devs')], 'Group:devs', `create-pods>${TO_ADMIN}`],
    ['a Role in the namespace', [role('app', 'r', [rule('create', '', 'pods')]), rb('app', 'r', 'Role:r', RUNNER)], RUNNER, `create-pods>${TO_ADMIN}`],
    ['near miss: a Role of another namespace', [role('ci', 'r', [rule('create', '', 'pods')]), rb('app', 'r', 'Role:r', RUNNER)], RUNNER, null],
  ]);

  it('a ServiceAccount that does not exist is not reached (namespace has ServiceAccount objects)', () => {
    const objects = [clusterRole('cluster-admin', [rule('*', '*', '*')]), crb('ghost', 'ClusterRole:cluster-admin', 'ServiceAccount:app/ghost'), serviceAccount('app/default'), serviceAccount('ci/runner'), ...grant('app', rule('create', '', 'pods'))];
    expect(shortest(objects, RUNNER)).toBe(null);
  });

  it('in a namespace without ServiceAccount objects, the bound ones are assumed to exist, with a warning', () => {
    const objects = [clusterRole('cluster-admin', [rule('*', '*', '*')]), crb('admin', 'ClusterRole:cluster-admin', 'ServiceAccount:app/admin'), role('app', 'x', []), serviceAccount('ci/runner'), ...grant('app', rule('create', '', 'pods'))];
    const answer = answerFor(objects, RUNNER, ['cluster-admin']);
    expect(answer.paths.map((p) => p.steps.map((s) => s.technique))).toEqual([['create-pods']]);
    expect(answer.warnings.join('\n')).toMatch(/namespace "app" has no ServiceAccount object/);
  });
});

describe('control-workloads', () => {
  run([
    ['create deployments.apps', grant('app', rule('create', 'apps', 'deployments')), RUNNER, `control-workloads>${TO_ADMIN}`],
    ['patch daemonsets.apps', grant('app', rule('patch', 'apps', 'daemonsets')), RUNNER, `control-workloads>${TO_ADMIN}`],
    ['update cronjobs.batch', grant('app', rule('update', 'batch', 'cronjobs')), RUNNER, `control-workloads>${TO_ADMIN}`],
    ['create replicationcontrollers (core)', grant('app', rule('create', '', 'replicationcontrollers')), RUNNER, `control-workloads>${TO_ADMIN}`],
    ['update a named Job (assumed to exist)', grant('app', rule('update', 'batch', 'jobs', 'nightly')), RUNNER, `control-workloads>${TO_ADMIN}`],
    ['near miss: deployments in the core group', grant('app', rule('create', '', 'deployments')), RUNNER, null],
    ['near miss: replicationcontrollers in apps', grant('app', rule('create', 'apps', 'replicationcontrollers')), RUNNER, null],
    ['near miss: jobs in apps', grant('app', rule('create', 'apps', 'jobs')), RUNNER, null],
    ['near miss: create limited by resourceNames', grant('app', rule('create', 'apps', 'deployments', 'web')), RUNNER, null],
    ['near miss: deployments/scale', grant('app', rule('update,patch', 'apps', 'deployments/scale')), RUNNER, null],
    ['near miss: delete deployments', grant('app', rule('delete', 'apps', 'deployments')), RUNNER, null],
  ]);
});

describe('update-pods, exec-pods, ephemeral-containers', () => {
  const adminPod = podRunning('app/admin-0', 'admin');
  run([
    ['patch pods: a new image runs with the mounted token', [adminPod, ...grant('app', rule('patch', '', 'pods'))], RUNNER, `update-pods>${TO_ADMIN}`],
    ['exec into a pod', [adminPod, ...grant('app', rule('create', '', 'pods/exec'))], RUNNER, `exec-pods>${TO_ADMIN}`],
    ['attach to a pod', [adminPod, ...grant('app', rule('create', '', 'pods/attach'))], RUNNER, `exec-pods>${TO_ADMIN}`],
    ['*/exec covers pods/exec', [adminPod, ...grant('app', rule('create', '', '*/exec'))], RUNNER, `exec-pods>${TO_ADMIN}`],
    ['exec limited to that pod', [adminPod, ...grant('app', rule('create', '', 'pods/exec', 'admin-0'))], RUNNER, `exec-pods>${TO_ADMIN}`],
    ['ephemeral containers', [adminPod, ...grant('app', rule('patch', '', 'pods/ephemeralcontainers'))], RUNNER, `ephemeral-containers>${TO_ADMIN}`],
    ['near miss: exec limited to another pod', [adminPod, ...grant('app', rule('create', '', 'pods/exec', 'web-0'))], RUNNER, null],
    ['near miss: get pods/exec', [adminPod, ...grant('app', rule('get', '', 'pods/exec'))], RUNNER, null],
    ['near miss: pods/* is not pods/exec', [adminPod, ...grant('app', rule('create', '', 'pods/*'))], RUNNER, null],
    ['near miss: create pods does not exec', [adminPod, ...grant('app', rule('create', '', 'pods/log'))], RUNNER, null],
    ['near miss: exec in another namespace', [adminPod, ...grant('ci', rule('create', '', 'pods/exec'))], RUNNER, null],
    ['near miss: no pod runs as the target', grant('app', rule('create', '', 'pods/exec')), RUNNER, null],
    ['near miss: token not mounted (pod)', [podRunning('app/admin-0', 'admin', { automount: false }), ...grant('app', rule('create', '', 'pods/exec'))], RUNNER, null],
    ['near miss: token not mounted (ServiceAccount)', [serviceAccount('app/admin', false), podRunning('app/admin-0', 'admin'), ...grant('app', rule('create', '', 'pods/exec'))], RUNNER, null],
    ['the pod setting wins over the ServiceAccount', [serviceAccount('app/admin', false), podRunning('app/admin-0', 'admin', { automount: true }), ...grant('app', rule('create', '', 'pods/exec'))], RUNNER, `exec-pods>${TO_ADMIN}`],
    ['near miss: the pod has finished', [podRunning('app/admin-0', 'admin', { phase: 'Succeeded' }), ...grant('app', rule('create', '', 'pods/exec'))], RUNNER, null],
    ['near miss: patch pods limited to another pod', [adminPod, ...grant('app', rule('patch', '', 'pods', 'web-0'))], RUNNER, null],
  ]);
});

describe('nodes-proxy', () => {
  const adminPod = podRunning('app/admin-0', 'admin', { node: 'n1' });
  run([
    ['get nodes/proxy', [adminPod, ...grant(null, rule('get', '', 'nodes/proxy'))], RUNNER, `nodes-proxy>${TO_ADMIN}`],
    ['create nodes/proxy on that node', [adminPod, ...grant(null, rule('create', '', 'nodes/proxy', 'n1'))], RUNNER, `nodes-proxy>${TO_ADMIN}`],
    ['near miss: on another node', [adminPod, ...grant(null, rule('get', '', 'nodes/proxy', 'n2'))], RUNNER, null],
    ['near miss: granted by a RoleBinding (nodes are cluster-scoped)', [adminPod, ...grant('app', rule('get', '', 'nodes/proxy'))], RUNNER, null],
    ['near miss: nodes, not nodes/proxy', [adminPod, ...grant(null, rule('get', '', 'nodes'))], RUNNER, null],
    ['near miss: token not mounted', [podRunning('app/admin-0', 'admin', { node: 'n1', automount: false }), ...grant(null, rule('get', '', 'nodes/proxy'))], RUNNER, null],
  ]);
});

describe('impersonate', () => {
  const alice = [crb('alice', 'ClusterRole:cluster-admin', 'User:alice')];
  const admins = [crb('admins', 'ClusterRole:cluster-admin', 'Group:admins')];
  run([
    ['impersonate a user', [...alice, ...grant(null, rule('impersonate', '', 'users'))], RUNNER, 'impersonate>User:alice'],
    ['impersonate that user by name', [...alice, ...grant(null, rule('impersonate', '', 'users', 'alice'))], RUNNER, 'impersonate>User:alice'],
    ['near miss: another user by name', [...alice, ...grant(null, rule('impersonate', '', 'users', 'bob'))], RUNNER, null],
    ['near miss: users impersonated through a RoleBinding', [...alice, ...grant('app', rule('impersonate', '', 'users'))], RUNNER, null],
    ['near miss: wrong API group', [...alice, ...grant(null, rule('impersonate', 'authentication.k8s.io', 'users'))], RUNNER, null],
    ['impersonate a ServiceAccount (namespaced)', grant('app', rule('impersonate', '', 'serviceaccounts')), RUNNER, `impersonate>${TO_ADMIN}`],
    ['impersonate that ServiceAccount by name', grant('app', rule('impersonate', '', 'serviceaccounts', 'admin')), RUNNER, `impersonate>${TO_ADMIN}`],
    ['near miss: ServiceAccounts of another namespace', grant('ci', rule('impersonate', '', 'serviceaccounts')), RUNNER, null],
    ['impersonate group system:masters (with a user)', grant(null, rule('impersonate', '', 'users,groups')), RUNNER, 'impersonate>Group:system:masters'],
    ['impersonate a bound group by name', [...admins, ...grant(null, rule('impersonate', '', 'groups', 'admins'), rule('impersonate', '', 'users', 'nobody'))], RUNNER, 'impersonate>Group:admins'],
    ['near miss: groups without any user to impersonate', grant(null, rule('impersonate', '', 'groups')), RUNNER, null],
    ['near miss: another group by name', grant(null, rule('impersonate', '', 'groups', 'devs'), rule('impersonate', '', 'users')), RUNNER, null],
  ]);
});

describe('token-request', () => {
  run([
    ['create serviceaccounts/token', grant('app', rule('create', '', 'serviceaccounts/token')), RUNNER, `token-request>${TO_ADMIN}`],
    ['for that ServiceAccount by name', grant('app', rule('create', '', 'serviceaccounts/token', 'admin')), RUNNER, `token-request>${TO_ADMIN}`],
    ['near miss: another ServiceAccount by name', grant('app', rule('create', '', 'serviceaccounts/token', 'default')), RUNNER, null],
    ['near miss: serviceaccounts, not the token subresource', grant('app', rule('create', '', 'serviceaccounts')), RUNNER, null],
    ['near miss: get serviceaccounts/token', grant('app', rule('get', '', 'serviceaccounts/token')), RUNNER, null],
    ['near miss: another namespace', grant('ci', rule('create', '', 'serviceaccounts/token')), RUNNER, null],
  ]);
});

describe('bind', () => {
  const RBAC = 'rbac.authorization.k8s.io';
  const podCreator = clusterRole('pod-creator', [rule('create', '', 'pods')]);
  run([
    ['bind cluster-admin cluster-wide', grant(null, rule('bind', RBAC, 'clusterroles', 'cluster-admin'), rule('create', RBAC, 'clusterrolebindings')), RUNNER, 'bind>ServiceAccount:ci/runner'],
    ['bind any role', grant(null, rule('bind', RBAC, 'clusterroles'), rule('create', RBAC, 'clusterrolebindings')), RUNNER, 'bind>ServiceAccount:ci/runner'],
    ['near miss: bind without creating bindings', grant(null, rule('bind', RBAC, 'clusterroles')), RUNNER, null],
    ['near miss: creating bindings without bind', grant(null, rule('create', RBAC, 'clusterrolebindings')), RUNNER, null],
    ['near miss: bind on another role', grant(null, rule('bind', RBAC, 'clusterroles', 'view'), rule('create', RBAC, 'clusterrolebindings')), RUNNER, null],
    ['near miss: bind on roles, not clusterroles', grant(null, rule('bind', RBAC, 'roles'), rule('create', RBAC, 'clusterrolebindings')), RUNNER, null],
    ['near miss: bind in the wrong API group', grant(null, rule('bind', '', 'clusterroles'), rule('create', RBAC, 'clusterrolebindings')), RUNNER, null],
    ['bind a ClusterRole in a namespace, then use it', [podCreator, ...grant('app', rule('bind', RBAC, 'clusterroles', 'pod-creator'), rule('create', RBAC, 'rolebindings'))], RUNNER, `bind>ServiceAccount:ci/runner | create-pods>${TO_ADMIN}`],
    ['near miss: cluster-admin bound in a namespace is not cluster-admin', grant('app', rule('bind', RBAC, 'clusterroles', 'cluster-admin'), rule('create', RBAC, 'rolebindings')), RUNNER, `bind>ServiceAccount:ci/runner | create-pods>${TO_ADMIN}`],
    ['update an existing binding of cluster-admin', grant(null, rule('bind', RBAC, 'clusterroles', 'cluster-admin'), rule('update', RBAC, 'clusterrolebindings', 'admin')), RUNNER, 'bind>ServiceAccount:ci/runner'],
    ['near miss: update another binding', grant(null, rule('bind', RBAC, 'clusterroles', 'cluster-admin'), rule('update', RBAC, 'clusterrolebindings', 'granted')), RUNNER, null],
  ]);
});

describe('escalate', () => {
  const RBAC = 'rbac.authorization.k8s.io';
  const own = (extra: ReturnType<typeof rule>[]) => grant(null, ...extra);
  run([
    ['rewrite the ClusterRole bound to oneself', own([rule('escalate,update', RBAC, 'clusterroles', 'granted')]), RUNNER, 'escalate>ServiceAccount:ci/runner'],
    ['patch works too', own([rule('escalate,patch', RBAC, 'clusterroles')]), RUNNER, 'escalate>ServiceAccount:ci/runner'],
    ['near miss: update without escalate', own([rule('update', RBAC, 'clusterroles')]), RUNNER, null],
    ['near miss: escalate without update', own([rule('escalate', RBAC, 'clusterroles')]), RUNNER, null],
    ['near miss: escalate on another role', own([rule('update', RBAC, 'clusterroles'), rule('escalate', RBAC, 'clusterroles', 'view')]), RUNNER, null],
    ['a new ClusterRole, bound cluster-wide', own([rule('create,escalate', RBAC, 'clusterroles'), rule('bind', RBAC, 'clusterroles', 'mine'), rule('create', RBAC, 'clusterrolebindings')]), RUNNER, 'escalate>ServiceAccount:ci/runner'],
    ['near miss: escalate and bind on different names', own([rule('create', RBAC, 'clusterroles'), rule('escalate', RBAC, 'clusterroles', 'theirs'), rule('bind', RBAC, 'clusterroles', 'mine'), rule('create', RBAC, 'clusterrolebindings')]), RUNNER, null],
    ['near miss: a new ClusterRole that cannot be bound', own([rule('create,escalate', RBAC, 'clusterroles'), rule('create', RBAC, 'clusterrolebindings')]), RUNNER, null],
    ['a Role bound in its namespace: everything there', [role('app', 'own', [rule('escalate,update', RBAC, 'roles', 'own')]), rb('app', 'own', 'Role:own', RUNNER)], RUNNER, `escalate>ServiceAccount:ci/runner | create-pods>${TO_ADMIN}`],
  ]);

  it('near miss: an aggregated ClusterRole cannot be rewritten (the controller owns its rules)', () => {
    const aggregated = clusterRole('granted', [rule('escalate,update', RBAC, 'clusterroles')], {}, { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] });
    const source = clusterRole('source', [rule('escalate,update', RBAC, 'clusterroles')], { x: 'y' });
    expect(shortest([...ADMIN, aggregated, source, crb('granted', 'ClusterRole:granted', RUNNER)], RUNNER)).toBe(null);
  });
});

describe('approve-csr', () => {
  const CERTS = 'certificates.k8s.io';
  const base = [rule('create,get', CERTS, 'certificatesigningrequests'), rule('update', CERTS, 'certificatesigningrequests/approval')];
  run([
    ['create, approve for kube-apiserver-client, read', grant(null, ...base, rule('approve', CERTS, 'signers', 'kubernetes.io/kube-apiserver-client')), RUNNER, 'approve-csr>Group:system:masters'],
    ['the signer wildcard kubernetes.io/*', grant(null, ...base, rule('approve', CERTS, 'signers', 'kubernetes.io/*')), RUNNER, 'approve-csr>Group:system:masters'],
    ['approve on every signer', grant(null, ...base, rule('approve', CERTS, 'signers')), RUNNER, 'approve-csr>Group:system:masters'],
    ['near miss: another signer', grant(null, ...base, rule('approve', CERTS, 'signers', 'kubernetes.io/kubelet-serving')), RUNNER, null],
    ['near miss: cannot approve', grant(null, rule('create,get', CERTS, 'certificatesigningrequests'), rule('approve', CERTS, 'signers')), RUNNER, null],
    ['no read needed: a write to the approval returns the certificate', grant(null, rule('create', CERTS, 'certificatesigningrequests'), rule('update', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers')), RUNNER, 'approve-csr>Group:system:masters'],
    ['near miss: cannot create a CSR', grant(null, rule('get', CERTS, 'certificatesigningrequests'), rule('update', CERTS, 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers')), RUNNER, null],
    ['near miss: approval in the wrong API group', grant(null, rule('create', CERTS, 'certificatesigningrequests'), rule('update', '', 'certificatesigningrequests/approval'), rule('approve', CERTS, 'signers')), RUNNER, null],
    ['near miss: approve on the CSR, not on signers', grant(null, rule('create,approve', CERTS, 'certificatesigningrequests'), rule('update', CERTS, 'certificatesigningrequests/approval')), RUNNER, null],
    ['near miss: granted in a namespace (CSRs are cluster-scoped)', grant('app', ...base, rule('approve', CERTS, 'signers')), RUNNER, null],
  ]);
});

describe('mutating-webhook', () => {
  const ADM = 'admissionregistration.k8s.io';
  const adminPod = podRunning('app/admin-0', 'admin', { automount: false });
  run([
    ['create a mutating webhook: pods admitted later', [adminPod, ...grant(null, rule('create', ADM, 'mutatingwebhookconfigurations'))], RUNNER, `mutating-webhook>${TO_ADMIN}`],
    ['near miss: validating webhooks cannot change pods', [adminPod, ...grant(null, rule('create', ADM, 'validatingwebhookconfigurations'))], RUNNER, null],
    ['near miss: no pod runs as the target', grant(null, rule('create', ADM, 'mutatingwebhookconfigurations')), RUNNER, null],
  ]);
});

describe('privileged-pod and node-pod-tokens', () => {
  const onNode = podRunning('kube-system/admin-0', 'admin', { node: 'n1', automount: false });
  const adminKs = [crb('ks-admin', 'ClusterRole:cluster-admin', 'ServiceAccount:kube-system/admin'), serviceAccount('kube-system/admin'), namespace('kube-system')];
  const dev = (label?: string) => [namespace('dev', label), ...grant('dev', rule('create', '', 'pods'))];
  run([
    ['no enforce label: privileged', dev(), RUNNER, 'privileged-pod>node:*', 'node'],
    ['enforce privileged', dev('privileged'), RUNNER, 'privileged-pod>node:*', 'node'],
    ['near miss: enforce baseline', dev('baseline'), RUNNER, null, 'node'],
    ['near miss: enforce restricted', dev('restricted'), RUNNER, null, 'node'],
    ['near miss: an invalid level is restricted', dev('Privileged'), RUNNER, null, 'node'],
    ['a workload in a privileged namespace', [namespace('dev'), ...grant('dev', rule('create', 'apps', 'daemonsets'))], RUNNER, 'privileged-pod>node:*', 'node'],
    ['relabel a restricted namespace first', [namespace('dev', 'restricted'), clusterRole('granted', [rule('create', '', 'pods')]), rb('dev', 'g', 'ClusterRole:granted', RUNNER), clusterRole('ns', [rule('patch', '', 'namespaces', 'dev')]), crb('ns', 'ClusterRole:ns', RUNNER)], RUNNER, 'privileged-pod>node:*', 'node'],
    ['near miss: relabel another namespace', [namespace('dev', 'restricted'), clusterRole('granted', [rule('create', '', 'pods')]), rb('dev', 'g', 'ClusterRole:granted', RUNNER), clusterRole('ns', [rule('patch', '', 'namespaces', 'app')]), crb('ns', 'ClusterRole:ns', RUNNER)], RUNNER, null, 'node'],
    ['a new namespace, with pods created cluster-wide', grant(null, rule('create', '', 'pods,namespaces')), RUNNER, 'privileged-pod>node:*', 'node'],
    ['root on the node takes the tokens of its pods (mounted or not)', [...adminKs, onNode, ...dev()], RUNNER, 'privileged-pod>node:n1 | node-pod-tokens>ServiceAccount:kube-system/admin'],
    ['near miss: a pod with no nodeName is on no node', [...adminKs, podRunning('kube-system/admin-0', 'admin'), ...dev()], RUNNER, null],
  ]);

  it('a namespace without Namespace object: no path, and a warning says why', () => {
    const answer = answerFor([...ADMIN, ...grant('dev', rule('create', '', 'pods'))], RUNNER, ['node']);
    expect(answer.paths).toEqual([]);
    expect(answer.warnings.join('\n')).toMatch(/1 namespace "dev" where pods can be created has no Namespace object/);
  });
});

describe('legacy-token-secret and mint-token-secret', () => {
  const secret = tokenSecret('app/admin-token', 'admin');
  run([
    ['get the token Secret', [secret, ...grant('app', rule('get', '', 'secrets'))], RUNNER, `legacy-token-secret>${TO_ADMIN}`],
    ['get it by name', [secret, ...grant('app', rule('get', '', 'secrets', 'admin-token'))], RUNNER, `legacy-token-secret>${TO_ADMIN}`],
    ['list Secrets', [secret, ...grant('app', rule('list', '', 'secrets'))], RUNNER, `legacy-token-secret>${TO_ADMIN}`],
    ['near miss: another Secret by name', [secret, ...grant('app', rule('get', '', 'secrets', 'db'))], RUNNER, null],
    ['near miss: another namespace', [secret, ...grant('ci', rule('get', '', 'secrets'))], RUNNER, null],
    ['near miss: not a token Secret', [tokenSecret('app/admin-token', 'admin', { type: 'Opaque' }), ...grant('app', rule('get', '', 'secrets'))], RUNNER, null],
    ['near miss: invalidated by the control plane', [tokenSecret('app/admin-token', 'admin', { invalidSince: '2026-01-01' }), ...grant('app', rule('get', '', 'secrets'))], RUNNER, null],
    ['near miss: no Secret in the snapshot', grant('app', rule('get', '', 'secrets')), RUNNER, null],
    ['create a token Secret and read it back', grant('app', rule('create,get', '', 'secrets')), RUNNER, `mint-token-secret>${TO_ADMIN}`],
    ['near miss: create without read', grant('app', rule('create', '', 'secrets')), RUNNER, null],
  ]);
});
