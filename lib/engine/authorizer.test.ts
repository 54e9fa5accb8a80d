// Scenario tests in the style of upstream rbac_test.go: a set of objects, then requests that must
// be allowed or denied for a principal, and the subjects who-can must report.
import { describe, expect, it } from 'vitest';
import { canI } from './can-i';
import { rbacListers, referenceWhoCan } from './resolve';
import { withImplicitGroups } from './subjects';
import { clusterRole, crb, indexOf, rb, req, role, rule, url, urlRule } from '../../testing/engine';
import type { Principal, Request } from './types';
import { whoCan } from './who-can';
import { subjectRefKey } from './subjects';

type Scenario = {
  name: string;
  objects: unknown[];
  principal: Principal;
  allowed: Request[];
  denied: Request[];
};

const P = (user: string, ...groups: string[]): Principal => ({ user, groups });
const SAU = (ns: string, name: string) => `system:serviceaccount:${ns}:${name}`;

const scenarios: Scenario[] = [
  {
    name: 'RoleBinding to a ClusterRole grants only in the binding namespace',
    objects: [clusterRole('reader', [rule('get,list', '', 'pods')]), rb('a', 'r', 'ClusterRole:reader', 'User:alice')],
    principal: P('alice'),
    allowed: [req('get', 'pods', 'a'), req('list', 'pods', 'a')],
    denied: [req('get', 'pods', 'b'), req('get', 'pods', ''), req('delete', 'pods', 'a')],
  },
  {
    name: 'RoleBinding to a Role uses the Role of the binding namespace',
    objects: [role('b', 'reader', [rule('get', '', 'secrets')]), rb('a', 'r', 'Role:reader', 'User:alice')],
    principal: P('alice'),
    allowed: [],
    denied: [req('get', 'secrets', 'a'), req('get', 'secrets', 'b')],
  },
  {
    name: 'Role in its own namespace',
    objects: [role('a', 'reader', [rule('get', '', 'secrets')]), rb('a', 'r', 'Role:reader', 'User:alice')],
    principal: P('alice'),
    allowed: [req('get', 'secrets', 'a')],
    denied: [req('get', 'secrets', 'b'), req('get', 'secrets', '')],
  },
  {
    name: 'a missing role grants nothing',
    objects: [rb('a', 'r', 'Role:ghost', 'User:alice'), crb('c', 'ClusterRole:ghost', 'User:alice')],
    principal: P('alice'),
    allowed: [],
    denied: [req('get', 'pods', 'a'), req('get', 'pods', '')],
  },
  {
    name: 'a ClusterRoleBinding cannot bind a Role',
    objects: [role('a', 'reader', [rule('get', '', 'pods')]), crb('c', 'Role:reader', 'User:alice')],
    principal: P('alice'),
    allowed: [],
    denied: [req('get', 'pods', 'a'), req('get', 'pods', '')],
  },
  {
    name: 'a ClusterRoleBinding grants in every namespace and cluster-wide',
    objects: [clusterRole('reader', [rule('get', '', 'pods,nodes')]), crb('c', 'ClusterRole:reader', 'Group:ops')],
    principal: P('bob', 'ops'),
    allowed: [req('get', 'pods', 'a'), req('get', 'pods', 'b'), req('get', 'nodes', '')],
    denied: [req('list', 'pods', 'a')],
  },
  {
    name: 'a cluster-scoped request is granted only by ClusterRoleBindings',
    objects: [clusterRole('node-reader', [rule('get', '', 'nodes')]), rb('a', 'r', 'ClusterRole:node-reader', 'User:alice')],
    principal: P('alice'),
    allowed: [req('get', 'nodes', 'a')], // the authorizer compares strings; nodes "in" a namespace is a different request
    denied: [req('get', 'nodes', '')],
  },
  {
    name: 'ServiceAccount subject without namespace in a RoleBinding takes the binding namespace',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), rb('a', 'r', 'ClusterRole:reader', 'ServiceAccount:builder')],
    principal: P(SAU('a', 'builder')),
    allowed: [req('get', 'pods', 'a')],
    denied: [req('get', 'pods', 'b')],
  },
  {
    name: 'ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), crb('c', 'ClusterRole:reader', 'ServiceAccount:builder')],
    principal: P(SAU('default', 'builder')),
    allowed: [],
    denied: [req('get', 'pods', 'default'), req('get', 'pods', '')],
  },
  {
    name: 'ServiceAccount subject from another namespace',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), rb('a', 'r', 'ClusterRole:reader', 'ServiceAccount:ci/deployer')],
    principal: P(SAU('ci', 'deployer')),
    allowed: [req('get', 'pods', 'a')],
    denied: [req('get', 'pods', 'ci')],
  },
  {
    name: 'a User subject named like a service account matches that service account',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), crb('c', 'ClusterRole:reader', `User:${SAU('ci', 'deployer')}`)],
    principal: P(SAU('ci', 'deployer')),
    allowed: [req('get', 'pods', 'x')],
    denied: [],
  },
  {
    name: 'User "*" does not match every user',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), crb('c', 'ClusterRole:reader', 'User:*', 'Group:*')],
    principal: P('alice', 'devs'),
    allowed: [],
    denied: [req('get', 'pods', 'a')],
  },
  {
    name: 'a subject of unknown kind matches nobody',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), crb('c', 'ClusterRole:reader', 'Robot:alice')],
    principal: P('alice'),
    allowed: [],
    denied: [req('get', 'pods', 'a')],
  },
  {
    name: 'subject kinds are case-sensitive',
    objects: [clusterRole('reader', [rule('get', '', 'pods')]), crb('c', 'ClusterRole:reader', 'user:alice')],
    principal: P('alice'),
    allowed: [],
    denied: [req('get', 'pods', 'a')],
  },
  {
    name: 'system:masters is allowed everything before RBAC',
    objects: [],
    principal: P('root', 'system:masters'),
    allowed: [req('delete', 'nodes', ''), req('create', 'pods/exec', 'kube-system'), url('get', '/debug/pprof')],
    denied: [],
  },
  {
    name: 'implicit service-account groups (given explicitly)',
    objects: [clusterRole('reader', [rule('get', '', 'configmaps')]), rb('a', 'r', 'ClusterRole:reader', 'Group:system:serviceaccounts:a')],
    principal: withImplicitGroups(SAU('a', 'app'), []),
    allowed: [req('get', 'configmaps', 'a')],
    denied: [req('get', 'configmaps', 'b')],
  },
  {
    name: 'implicit groups are not added when absent',
    objects: [clusterRole('reader', [rule('get', '', 'configmaps')]), crb('c', 'ClusterRole:reader', 'Group:system:authenticated')],
    principal: P('alice'),
    allowed: [],
    denied: [req('get', 'configmaps', 'a')],
  },
  {
    name: 'non-resource URLs via a RoleBinding grant nothing',
    objects: [clusterRole('health', [urlRule('get', '/healthz')]), rb('a', 'r', 'ClusterRole:health', 'User:alice')],
    principal: P('alice'),
    allowed: [],
    denied: [url('get', '/healthz')],
  },
  {
    name: 'non-resource URLs via a ClusterRoleBinding',
    objects: [clusterRole('health', [urlRule('get', '/healthz,/api/*')]), crb('c', 'ClusterRole:health', 'User:alice')],
    principal: P('alice'),
    allowed: [url('get', '/healthz'), url('get', '/api/v1')],
    denied: [url('get', '/api'), url('post', '/healthz'), url('get', '/healthz/ready')],
  },
  {
    name: 'resourceNames restrict to named requests',
    objects: [role('a', 'one', [rule('get,list,update', '', 'secrets', 'db')]), rb('a', 'r', 'Role:one', 'User:alice')],
    principal: P('alice'),
    allowed: [req('get', 'secrets', 'a', 'db'), req('update', 'secrets', 'a', 'db')],
    denied: [req('list', 'secrets', 'a'), req('get', 'secrets', 'a'), req('get', 'secrets', 'a', 'other')],
  },
];

describe('authorizer scenarios', () => {
  for (const s of scenarios) {
    describe(s.name, () => {
      const index = indexOf(...s.objects);
      it.each(s.allowed.map((r) => [JSON.stringify(r), r] as const))('allows %s', (_l, r) => {
        expect(canI(index, s.principal, r).allowed, `principal=${JSON.stringify(s.principal)}`).toBe(true);
      });
      it.each(s.denied.map((r) => [JSON.stringify(r), r] as const))('denies %s', (_l, r) => {
        expect(canI(index, s.principal, r).allowed, `principal=${JSON.stringify(s.principal)}`).toBe(false);
      });
      it('who-can agrees with can-i and with the reference', () => {
        for (const r of [...s.allowed, ...s.denied]) {
          const subjects = whoCan(index, r).subjects.map(subjectRefKey).sort();
          expect(subjects, JSON.stringify(r)).toEqual(referenceWhoCan(rbacListers(index.snapshot), r).map(subjectRefKey).sort());
        }
      });
    });
  }
});

describe('who-can reporting', () => {
  const index = indexOf(
    clusterRole('secret-reader', [rule('get,list', '', 'secrets')]),
    role('team', 'sr', [rule('get', '', 'secrets')]),
    crb('global', 'ClusterRole:secret-reader', 'Group:auditors', `User:${SAU('ci', 'bot')}`),
    rb('team', 'local', 'ClusterRole:secret-reader', 'ServiceAccount:app', 'User:alice', 'User:alice'),
    rb('team', 'local2', 'Role:sr', 'User:bob'),
    rb('other', 'o', 'ClusterRole:secret-reader', 'User:carol'),
  );

  it('reports ServiceAccounts with defaulted namespace and SA-named users as ServiceAccounts', () => {
    const got = whoCan(index, req('get', 'secrets', 'team'));
    expect(got.subjects.map((s) => [s.kind, s.namespace ?? '', s.name])).toEqual([
      ['User', '', 'alice'],
      ['User', '', 'bob'],
      ['Group', '', 'auditors'],
      ['ServiceAccount', 'ci', 'bot'],
      ['ServiceAccount', 'team', 'app'],
    ]);
    const alice = got.subjects.find((s) => s.name === 'alice')!;
    expect(alice.grants).toHaveLength(1); // listed twice in one binding, reported once
    expect(alice.grants[0]).toMatchObject({
      binding: { kind: 'RoleBinding', name: 'local', namespace: 'team' },
      role: { kind: 'ClusterRole', name: 'secret-reader' },
      scope: 'team',
      ruleIndex: 0,
    });
  });

  it('cluster-scoped request: only ClusterRoleBindings', () => {
    const got = whoCan(index, req('list', 'secrets', ''));
    expect(got.subjects.map(subjectRefKey)).toEqual(['Group/auditors', 'ServiceAccount/ci/bot']);
  });

  it('-A reports every scope', () => {
    const got = whoCan(index, req('get', 'secrets', ''), { allNamespaces: true });
    expect(got.subjects.map((s) => `${subjectRefKey(s)}@${s.grants.map((g) => g.scope).join('+')}`)).toEqual([
      'User/alice@team',
      'User/bob@team',
      'User/carol@other',
      'Group/auditors@cluster',
      'ServiceAccount/ci/bot@cluster',
      'ServiceAccount/team/app@team',
    ]);
    expect(referenceWhoCan(rbacListers(index.snapshot), req('get', 'secrets', ''), { allNamespaces: true }).map(subjectRefKey).sort()).toEqual(
      got.subjects.map(subjectRefKey).sort(),
    );
  });

  it('warns about system:masters unless a binding names it', () => {
    expect(whoCan(index, req('get', 'secrets', 'team')).warnings.join('\n')).toMatch(/system:masters/);
    const withMasters = indexOf(clusterRole('all', [rule('*', '*', '*')]), crb('cluster-admin', 'ClusterRole:all', 'Group:system:masters'));
    expect(whoCan(withMasters, req('get', 'secrets', 'x')).warnings.join('\n')).not.toMatch(/system:masters/);
  });
});
