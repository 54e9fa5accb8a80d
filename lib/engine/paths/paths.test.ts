// The answer as a whole: shortest paths and their order, the JSON-facing fields of each step,
// starts (Group, system:masters, --from of an unknown subject, --from-pod), --max-hops, sinks, and
// the warnings that say where the snapshot leaves the answer open.
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, role, rule } from '../../../testing/engine';
import { findPaths, preparePaths, resolvePodStart } from './index';
import { answerFor, namespace, pathText, podRunning, serviceAccount, shortest, subjectOf, tokenSecret } from '../../../testing/paths';

const CA = [clusterRole('cluster-admin', [rule('*', '*', '*')]), crb('admin', 'ClusterRole:cluster-admin', 'ServiceAccount:app/admin'), serviceAccount('app/admin'), namespace('app', 'restricted'), namespace('ci', 'restricted')];
const creator = (ns: string, who: string) => [clusterRole('pod-creator', [rule('create', '', 'pods')]), rb(ns, `creator-${who.replace(/\W/g, '-')}`, 'ClusterRole:pod-creator', who)];

describe('shortest paths', () => {
  it('prefers one step over two', () => {
    const objects = [...CA, serviceAccount('ci/runner'), serviceAccount('app/helper'), ...creator('app', 'ServiceAccount:ci/runner'), clusterRole('imp', [rule('impersonate', '', 'serviceaccounts', 'helper')]), rb('app', 'imp', 'ClusterRole:imp', 'ServiceAccount:ci/runner')];
    expect(shortest(objects, 'ServiceAccount:ci/runner')).toBe('create-pods>ServiceAccount:app/admin');
  });

  it('chains techniques across identities', () => {
    const objects = [...CA, serviceAccount('ci/runner'), ...creator('app', 'ServiceAccount:ci/runner'), clusterRole('imp', [rule('impersonate', '', 'serviceaccounts', 'runner')]), rb('ci', 'imp', 'ClusterRole:imp', 'User:alice')];
    expect(shortest(objects, 'User:alice')).toBe('impersonate>ServiceAccount:ci/runner | create-pods>ServiceAccount:app/admin');
  });

  it('a subject that holds the sink has no steps', () => {
    expect(answerFor(CA, 'ServiceAccount:app/admin', ['cluster-admin']).paths).toEqual([{ from: subjectOf('ServiceAccount:app/admin'), to: 'cluster-admin', steps: [] }]);
  });

  it('system:masters holds cluster-admin, and a node in one step, allowed before RBAC', () => {
    const answer = answerFor([...CA, namespace('dev'), podRunning('dev/x', 'default', { node: 'n1' })], 'Group:system:masters');
    expect(answer.paths.map((p) => [p.to, pathText(p)])).toEqual([['cluster-admin', ''], ['node', 'privileged-pod>node:n1']]);
    expect(answer.paths[1]!.steps[0]).toMatchObject({ reason: 'system:masters', request: { verb: 'create', resource: 'pods', namespace: 'dev' } });
    expect(answer.paths[1]!.steps[0]!.grant).toBeUndefined();
  });

  it('a Group start holds what a member of the group holds, system:authenticated included', () => {
    const objects = [...CA, ...creator('app', 'Group:system:authenticated')];
    expect(shortest(objects, 'Group:devs')).toBe('create-pods>ServiceAccount:app/admin');
    expect(shortest(objects, 'Group:system:unauthenticated')).toBe(null);
  });

  it('a User subject named system:serviceaccount:ns:name is that ServiceAccount', () => {
    const objects = [...CA, serviceAccount('ci/runner'), ...creator('app', 'User:system:serviceaccount:ci:runner')];
    expect(shortest(objects, 'ServiceAccount:ci/runner')).toBe('create-pods>ServiceAccount:app/admin');
  });

  it('a ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody', () => {
    const objects = [...CA, serviceAccount('ci/runner'), clusterRole('pod-creator', [rule('create', '', 'pods')]), crb('c', 'ClusterRole:pod-creator', 'ServiceAccount:runner')];
    expect(shortest(objects, 'ServiceAccount:ci/runner')).toBe(null);
  });
});

describe('the steps', () => {
  const objects = [...CA, serviceAccount('ci/runner'), podRunning('app/admin-0', 'admin', { node: 'n1' }), clusterRole('exec', [rule('create', '', 'pods/exec')]), rb('app', 'exec', 'ClusterRole:exec', 'ServiceAccount:ci/runner')];

  it('name the request, the grant, the pod and the identity reached', () => {
    const [p] = answerFor(objects, 'ServiceAccount:ci/runner', ['cluster-admin']).paths;
    expect(p!.steps).toEqual([
      {
        technique: 'exec-pods',
        as: { kind: 'ServiceAccount', name: 'admin', namespace: 'app' },
        request: { type: 'resource', verb: 'create', apiGroup: '', resource: 'pods', subresource: 'exec', namespace: 'app', name: 'admin-0' },
        grant: { binding: { kind: 'RoleBinding', name: 'exec', namespace: 'app' }, role: { kind: 'ClusterRole', name: 'exec' }, rule: { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'], resourceNames: [], nonResourceURLs: [] }, ruleIndex: 0, scope: 'app' },
        pod: { namespace: 'app', name: 'admin-0' },
      },
    ]);
  });

  it('a cluster-wide grant names the namespace where the step happens', () => {
    const wide = [...CA, serviceAccount('ci/runner'), clusterRole('pod-creator', [rule('create', '', 'pods')]), crb('c', 'ClusterRole:pod-creator', 'ServiceAccount:ci/runner')];
    const [p] = answerFor(wide, 'ServiceAccount:ci/runner', ['cluster-admin']).paths;
    expect(p!.steps[0]!.request).toMatchObject({ verb: 'create', resource: 'pods', namespace: 'app', name: '' });
    expect(p!.steps[0]!.grant!.scope).toBe('cluster');
  });

  it('bind names the role now held, where, and the binding it writes', () => {
    const RBAC = 'rbac.authorization.k8s.io';
    const bindAll = [...CA, serviceAccount('ci/runner'), clusterRole('binder', [rule('bind', RBAC, 'clusterroles', 'cluster-admin'), rule('create', RBAC, 'clusterrolebindings')]), crb('binder', 'ClusterRole:binder', 'ServiceAccount:ci/runner')];
    const [p] = answerFor(bindAll, 'ServiceAccount:ci/runner', ['cluster-admin']).paths;
    expect(p!.steps[0]).toMatchObject({
      technique: 'bind',
      as: { kind: 'ServiceAccount', name: 'runner', namespace: 'ci' },
      role: { kind: 'ClusterRole', name: 'cluster-admin' },
      scope: 'cluster',
      request: { verb: 'bind', resource: 'clusterroles', name: 'cluster-admin', namespace: '' },
      also: [{ request: { verb: 'create', resource: 'clusterrolebindings' } }],
    });
  });

  it('a step after bind shows the grant of the new binding', () => {
    const RBAC = 'rbac.authorization.k8s.io';
    const o = [...CA, serviceAccount('ci/runner'), clusterRole('pod-creator', [rule('create', '', 'pods')]), clusterRole('binder', [rule('bind', RBAC, 'clusterroles', 'pod-creator'), rule('create', RBAC, 'rolebindings')]), rb('app', 'binder', 'ClusterRole:binder', 'ServiceAccount:ci/runner')];
    const [p] = answerFor(o, 'ServiceAccount:ci/runner', ['cluster-admin']).paths;
    expect(pathText(p)).toBe('bind>ServiceAccount:ci/runner | create-pods>ServiceAccount:app/admin');
    expect(p!.steps[1]!.grant).toMatchObject({ binding: { kind: 'RoleBinding', name: '(created by this path)', namespace: 'app' }, role: { kind: 'ClusterRole', name: 'pod-creator' }, scope: 'app' });
  });
});

describe('options', () => {
  const objects = [...CA, serviceAccount('ci/runner'), serviceAccount('app/helper'), clusterRole('imp', [rule('impersonate', '', 'serviceaccounts', 'runner')]), rb('ci', 'imp', 'ClusterRole:imp', 'User:alice'), ...creator('app', 'ServiceAccount:ci/runner')];

  it('lists every subject named in a binding and every ServiceAccount object, in order', () => {
    const answer = answerFor(objects, undefined, ['cluster-admin']);
    expect(answer.paths.map((p) => `${p.from.kind}/${p.from.namespace ?? ''}/${p.from.name}`)).toEqual(['User//alice', 'ServiceAccount/app/admin', 'ServiceAccount/ci/runner']);
  });

  it('--max-hops leaves out longer paths and says so', () => {
    const answer = findPaths(indexOf(...objects), { sinks: ['cluster-admin'], maxHops: 1 });
    expect(answer.paths.map((p) => p.from.name)).toEqual(['admin', 'runner']);
    expect(answer.warnings).toContain('1 path longer than --max-hops 1 is not listed');
  });

  it('kube-system-secrets: list, watch or get any name of Secrets in kube-system', () => {
    const o = (r: ReturnType<typeof rule>) => [...CA, serviceAccount('ci/runner'), clusterRole('s', [r]), rb('kube-system', 's', 'ClusterRole:s', 'ServiceAccount:ci/runner')];
    expect(shortest(o(rule('list', '', 'secrets')), 'ServiceAccount:ci/runner', 'kube-system-secrets')).toBe('');
    expect(shortest(o(rule('get', '', 'secrets')), 'ServiceAccount:ci/runner', 'kube-system-secrets')).toBe('');
    expect(shortest(o(rule('get', '', 'secrets', 'one')), 'ServiceAccount:ci/runner', 'kube-system-secrets')).toBe(null);
  });

  it('a start named by nothing in the snapshot gets a warning', () => {
    const answer = findPaths(indexOf(...objects), { from: subjectOf('User:nobody'), sinks: ['cluster-admin'] });
    expect(answer.paths).toEqual([]);
    expect(answer.warnings[0]).toMatch(/User "nobody" is named by no binding/);
  });

  it('--from-pod: the pod\'s ServiceAccount, and a warning when its token is not mounted', () => {
    const prepared = preparePaths(indexOf(...objects, podRunning('ci/job-1', 'runner', { automount: false }), podRunning('ci/job-2', 'runner')));
    expect(resolvePodStart(prepared, 'ci', 'job-2')).toEqual({ subject: { kind: 'ServiceAccount', name: 'runner', namespace: 'ci' }, warnings: [] });
    expect(resolvePodStart(prepared, 'ci', 'job-1')!.warnings[0]).toMatch(/does not mount its ServiceAccount token/);
    expect(resolvePodStart(prepared, 'ci', 'nope')).toBeUndefined();
  });

  it('one prepared index answers many queries, each as if alone', () => {
    const index = indexOf(...objects);
    const prepared = preparePaths(index);
    const alice = findPaths(prepared, { from: subjectOf('User:alice') });
    findPaths(prepared, {});
    expect(findPaths(prepared, { from: subjectOf('User:alice') })).toEqual(alice);
    expect(findPaths(index, { from: subjectOf('User:alice') })).toEqual(alice);
  });
});

describe('warnings where the snapshot leaves the answer open', () => {
  it('pods without nodeName are on no node', () => {
    const o = [...CA, serviceAccount('ci/runner'), namespace('dev'), podRunning('dev/pending', 'default'), ...creator('dev', 'ServiceAccount:ci/runner')];
    expect(answerFor(o, 'ServiceAccount:ci/runner', ['node']).warnings.join('\n')).toMatch(/1 running pod has no spec.nodeName/);
  });

  it('ServiceAccounts that list Secrets when the snapshot has no Secret metadata', () => {
    const o = [...CA, { ...serviceAccount('ci/runner'), secrets: [{ name: 'runner-token' }] }];
    expect(answerFor(o, 'ServiceAccount:ci/runner').warnings.join('\n')).toMatch(/1 ServiceAccount lists Secrets in .secrets, but the snapshot holds no Secret metadata/);
  });

  it('legacy token Secrets invalidated by the control plane', () => {
    const o = [...CA, serviceAccount('ci/runner'), tokenSecret('app/admin-token', 'admin', { invalidSince: '2026-01-01' })];
    expect(answerFor(o, 'ServiceAccount:ci/runner').warnings.join('\n')).toMatch(/1 legacy token Secret marked invalid/);
  });

  it('partial data', () => {
    const index = indexOf(...CA);
    index.snapshot.meta.partial = true;
    expect(findPaths(index).warnings[0]).toMatch(/partial data/);
  });

  it('a Role bound in another namespace grants nothing (no path, no crash)', () => {
    const o = [...CA, serviceAccount('ci/runner'), role('ci', 'r', [rule('create', '', 'pods')]), rb('app', 'r', 'Role:r', 'ServiceAccount:ci/runner')];
    expect(shortest(o, 'ServiceAccount:ci/runner')).toBe(null);
  });
});

describe('the technique registry', () => {
  it('each technique is registered under its own id, in TECHNIQUE_IDS, with a doc page', async () => {
    const { TECHNIQUES } = await import('./techniques');
    const { TECHNIQUE_IDS } = await import('./types');
    const { existsSync } = await import('node:fs');
    const path = await import('node:path');
    expect(Object.entries(TECHNIQUES).filter(([id, t]) => id !== t.id)).toEqual([]);
    expect(Object.keys(TECHNIQUES).sort()).toEqual([...TECHNIQUE_IDS].sort());
    const docs = path.resolve(__dirname, '../../../docs/paths');
    expect(TECHNIQUE_IDS.filter((id) => !existsSync(path.join(docs, `${id}.md`)))).toEqual([]);
  });
});
