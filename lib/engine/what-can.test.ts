// what-can for a subject, direct and effective (implicit groups counted, each grant saying via which
// subject or group). One case per line: subject, options, the grants as "scope binding#rule via".
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, role, rule } from '../../testing/engine';
import type { SubjectRef } from './types';
import { whatCan, type WhatCanOptions } from './what-can';

const index = indexOf(
  clusterRole('read-secrets', [rule('get,list', '', 'secrets')]),
  clusterRole('read-pods', [rule('get', '', 'pods')]),
  clusterRole('empty', []),
  role('team-a', 'deployer', [rule('create', 'apps', 'deployments'), rule('get', 'apps', 'deployments')]),
  crb('everyone-reads-secrets', 'ClusterRole:read-secrets', 'Group:system:authenticated'),
  crb('all-sa-read-pods', 'ClusterRole:read-pods', 'Group:system:serviceaccounts'),
  crb('anonymous-pods', 'ClusterRole:read-pods', 'Group:system:unauthenticated'),
  crb('nothing', 'ClusterRole:empty', 'User:jane'),
  rb('team-a', 'deploy', 'Role:deployer', 'ServiceAccount:api', 'Group:system:serviceaccounts:team-a'),
  rb('team-a', 'ns-sa-pods', 'ClusterRole:read-pods', 'Group:system:serviceaccounts:team-a'),
  rb('team-a', 'jane-pods', 'ClusterRole:read-pods', 'User:jane', 'Group:devs'),
  rb('team-a', 'gone', 'ClusterRole:missing', 'Group:devs'),
  crb('admins', 'ClusterRole:read-pods', 'Group:system:masters'),
);

const SA: SubjectRef = { kind: 'ServiceAccount', namespace: 'team-a', name: 'api' };
const OTHER_SA: SubjectRef = { kind: 'ServiceAccount', namespace: 'team-b', name: 'web' };
const JANE: SubjectRef = { kind: 'User', name: 'jane' };
const DEVS: SubjectRef = { kind: 'Group', name: 'devs' };
const ANON: SubjectRef = { kind: 'Group', name: 'system:unauthenticated' };
const MASTERS: SubjectRef = { kind: 'Group', name: 'system:masters' };
const E: WhatCanOptions = { effective: true };

const cases: [string, SubjectRef, WhatCanOptions, string[]][] = [
  ['service account, direct bindings only', SA, {}, ['team-a deploy#0', 'team-a deploy#1']],
  ['service account, effective: its groups and system:authenticated', SA, E, [
    'cluster all-sa-read-pods#0 via Group/system:serviceaccounts',
    'cluster everyone-reads-secrets#0 via Group/system:authenticated',
    'team-a deploy#0 via ServiceAccount/team-a/api',
    'team-a deploy#1 via ServiceAccount/team-a/api',
    'team-a ns-sa-pods#0 via Group/system:serviceaccounts:team-a',
  ]],
  ['a service account no binding names gets what its groups get', OTHER_SA, E, ['cluster all-sa-read-pods#0 via Group/system:serviceaccounts', 'cluster everyone-reads-secrets#0 via Group/system:authenticated']],
  ['user, effective: system:authenticated only; a role without rules grants nothing', JANE, E, ['cluster everyone-reads-secrets#0 via Group/system:authenticated', 'team-a jane-pods#0 via User/jane']],
  ['group: a member also carries system:authenticated', DEVS, E, ['cluster everyone-reads-secrets#0 via Group/system:authenticated', 'team-a jane-pods#0 via Group/devs']],
  ['system:unauthenticated members do not carry system:authenticated', ANON, E, ['cluster anonymous-pods#0 via Group/system:unauthenticated']],
  ['effective, limited to one namespace', SA, { effective: true, namespace: 'team-b' }, ['cluster all-sa-read-pods#0 via Group/system:serviceaccounts', 'cluster everyone-reads-secrets#0 via Group/system:authenticated']],
];

const rows = (answer: ReturnType<typeof whatCan>) =>
  answer.scopes.flatMap((s) => s.grants.map((g) => `${s.scope} ${g.binding.name}#${g.ruleIndex}${g.via ? ` via ${g.via.kind}/${g.via.namespace ? `${g.via.namespace}/` : ''}${g.via.name}` : ''}`));

describe('whatCan for a subject', () => {
  it.each(cases)('%s', (_name, subject, options, want) => {
    expect(rows(whatCan(index, { subject }, options))).toEqual(want);
  });

  it('effective: lists the identities counted, and dangling bindings reached through a group', () => {
    const answer = whatCan(index, { subject: DEVS }, E);
    expect(answer.identities).toEqual([DEVS, { kind: 'Group', name: 'system:authenticated' }]);
    expect(answer.danglingBindings).toEqual([{ binding: { kind: 'RoleBinding', name: 'gone', namespace: 'team-a' }, roleRef: 'ClusterRole/missing' }]);
    expect(whatCan(index, { subject: SA }, E).identities).toEqual([SA, ...['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'].map((name) => ({ kind: 'Group', name }))]);
  });

  it('effective: a group allowed everything before RBAC says so', () => {
    expect(whatCan(index, { subject: MASTERS }, E).reason).toBe('system:masters');
    expect(whatCan(index, { subject: DEVS }, E).reason).toBeUndefined();
  });

  it('effective for a principal completes its groups as the API server does', () => {
    const answer = whatCan(index, { principal: { user: 'system:serviceaccount:team-a:api', groups: [] } }, E);
    expect(rows(answer)).toEqual(rows(whatCan(index, { subject: SA }, E)));
  });

  it('the direct answer has no via and no identities (the CLI contract is unchanged)', () => {
    const answer = whatCan(index, { subject: SA });
    expect(answer.identities).toBeUndefined();
    expect(answer.scopes.flatMap((s) => s.grants).some((g) => 'via' in g)).toBe(false);
  });
});
