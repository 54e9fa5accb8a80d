import { describe, expect, it } from 'vitest';
import { effectiveAccess } from './effective';
import { buildAnswerGraph, buildSubjectGraph, nodeId, parseNodeId, permissionId, type AnswerSubject } from './graph';
import { neighbours, pathsThrough, subgraphThrough } from './graph-paths';
import { clusterRole, crb, indexOf, pod, rb, role, rule, sa } from '../../testing/engine';
import { whatCan } from './what-can';
import { whoCan } from './who-can';
import type { Request } from './types';

const secrets: Request = { type: 'resource', verb: 'get', apiGroup: '', resource: 'secrets', subresource: '', namespace: '', name: '' };
const perm = permissionId('get secrets');

const idx = indexOf(
  clusterRole('reader', [rule('get,list', '', 'secrets'), rule('get', '', 'pods')]),
  role('prod', 'secrets', [rule('get', '', 'configmaps'), rule('get', '', 'secrets')]),
  crb('readers', 'ClusterRole:reader', 'User:alice', 'Group:auditors'),
  rb('prod', 'ci-secrets', 'Role:secrets', 'ServiceAccount:prod/ci'),
  crb('all-sa', 'ClusterRole:reader', 'Group:system:serviceaccounts:prod'),
  sa('prod/ci'),
  sa('prod/web'),
  pod('prod/web-1', 'web'),
);

function answerGraph(effective = false) {
  const answer = whoCan(idx, secrets, { allNamespaces: true });
  const subjects: AnswerSubject[] = answer.subjects.map((s) => ({ ...s, grants: s.grants.map((g) => ({ ...g, permission: perm })) }));
  return buildAnswerGraph({
    permissions: [{ id: perm, label: 'get secrets' }],
    subjects,
    ...(effective ? { effective: effectiveAccess(idx, answer) } : {}),
  });
}

describe('node ids', () => {
  // prettier-ignore
  const cases = [
    { name: 'user', ref: { kind: 'User', name: 'alice' }, want: 'User/alice' },
    { name: 'user with slash', ref: { kind: 'User', name: 'https://idp/alice' }, want: 'User/https://idp/alice' },
    { name: 'group', ref: { kind: 'Group', name: 'system:masters' }, want: 'Group/system:masters' },
    { name: 'service account', ref: { kind: 'ServiceAccount', name: 'ci', namespace: 'prod' }, want: 'ServiceAccount/prod/ci' },
    { name: 'role binding', ref: { kind: 'RoleBinding', name: 'rb', namespace: 'prod' }, want: 'RoleBinding/prod/rb' },
    { name: 'cluster role binding', ref: { kind: 'ClusterRoleBinding', name: 'crb' }, want: 'ClusterRoleBinding/crb' },
    { name: 'role', ref: { kind: 'Role', name: 'r', namespace: 'prod' }, want: 'Role/prod/r' },
    { name: 'cluster role', ref: { kind: 'ClusterRole', name: 'system:aggregate-to-edit' }, want: 'ClusterRole/system:aggregate-to-edit' },
    { name: 'pod', ref: { kind: 'Pod', name: 'web-1', namespace: 'prod' }, want: 'Pod/prod/web-1' },
  ];
  it.each(cases)('$name: $want round-trips', ({ ref, want }) => {
    expect(nodeId(ref)).toBe(want);
    expect(parseNodeId(want)).toEqual(ref);
  });
  it('permission ids keep spaces and slashes', () => {
    expect(permissionId('create pods/exec')).toBe('Permission/create pods/exec');
    expect(parseNodeId('Permission/create pods/exec')).toEqual({ kind: 'Permission', name: 'create pods/exec' });
  });
  it.each(['', 'User', 'User/', 'Role/prod', 'Role/prod/', '/x'])('rejects %j', (id) => {
    expect(parseNodeId(id)).toBeUndefined();
  });
});

describe('buildAnswerGraph', () => {
  it('links subject -> binding -> role -> permission with labelled relations', () => {
    const g = answerGraph();
    const ids = g.nodes.map((n) => n.id).sort();
    expect(ids).toEqual([
      'ClusterRole/reader', 'ClusterRoleBinding/all-sa', 'ClusterRoleBinding/readers', 'Group/auditors', 'Group/system:serviceaccounts:prod',
      'Permission/get secrets', 'Role/prod/secrets', 'RoleBinding/prod/ci-secrets', 'ServiceAccount/prod/ci', 'User/alice',
    ]);
    const rel = (s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t)?.relation;
    expect(rel('User/alice', 'ClusterRoleBinding/readers')).toBe('bound-by');
    expect(rel('ClusterRoleBinding/readers', 'ClusterRole/reader')).toBe('grants');
    expect(rel('ClusterRole/reader', perm)).toBe('allows');
    expect(rel('RoleBinding/prod/ci-secrets', 'Role/prod/secrets')).toBe('grants');
  });
  it('records which rules of a role match (for the details panel)', () => {
    const g = answerGraph();
    expect(g.nodes.find((n) => n.id === 'ClusterRole/reader')?.matchedRules).toEqual([0]);
    expect(g.nodes.find((n) => n.id === 'Role/prod/secrets')?.matchedRules).toEqual([1]);
  });
  it('has no duplicate edges when two subjects share a binding', () => {
    const g = answerGraph();
    const ids = g.edges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(g.edges.filter((e) => e.source === 'ClusterRoleBinding/readers')).toHaveLength(1);
  });
  it('effective: adds service accounts via their implicit group and the pods running as them', () => {
    const g = answerGraph(true);
    const rel = (s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t)?.relation;
    expect(rel('ServiceAccount/prod/web', 'Group/system:serviceaccounts:prod')).toBe('member-of');
    expect(rel('Pod/prod/web-1', 'ServiceAccount/prod/web')).toBe('runs-as');
    // ci is allowed directly and through the group: both edges are there
    expect(rel('ServiceAccount/prod/ci', 'RoleBinding/prod/ci-secrets')).toBe('bound-by');
    expect(rel('ServiceAccount/prod/ci', 'Group/system:serviceaccounts:prod')).toBe('member-of');
  });
  it('empty answer: only the permission node', () => {
    expect(buildAnswerGraph({ permissions: [{ id: perm, label: 'get secrets' }], subjects: [] })).toEqual({
      nodes: [{ id: perm, kind: 'Permission', label: 'get secrets' }],
      edges: [],
    });
  });
});

describe('paths', () => {
  it('lists every source-to-sink path through a node', () => {
    const g = answerGraph(true);
    const p = pathsThrough(g, 'ClusterRole/reader');
    expect(p.paths.map((x) => x.join(' > ')).sort()).toEqual([
      'Group/auditors > ClusterRoleBinding/readers > ClusterRole/reader > Permission/get secrets',
      'Pod/prod/web-1 > ServiceAccount/prod/web > Group/system:serviceaccounts:prod > ClusterRoleBinding/all-sa > ClusterRole/reader > Permission/get secrets',
      'ServiceAccount/prod/ci > Group/system:serviceaccounts:prod > ClusterRoleBinding/all-sa > ClusterRole/reader > Permission/get secrets',
      'User/alice > ClusterRoleBinding/readers > ClusterRole/reader > Permission/get secrets',
    ]);
    expect(p.total).toBe(4);
  });
  it('limits the listed paths but counts them all', () => {
    const p = pathsThrough(answerGraph(true), perm, 2);
    expect(p.paths).toHaveLength(2);
    expect(p.total).toBe(5);
  });
  it('unknown node: no path', () => {
    expect(pathsThrough(answerGraph(), 'User/nobody')).toEqual({ paths: [], total: 0, totalCapped: false });
  });
  it('subgraphThrough keeps ancestors and descendants only', () => {
    const sub = subgraphThrough(answerGraph(), 'User/alice');
    expect(sub.nodes.map((n) => n.id).sort()).toEqual(['ClusterRole/reader', 'ClusterRoleBinding/readers', 'Permission/get secrets', 'User/alice']);
    expect(sub.edges).toHaveLength(3);
  });
  it('neighbours gives relation and direction', () => {
    expect(neighbours(answerGraph(), 'ClusterRoleBinding/readers')).toEqual(
      expect.arrayContaining([
        { id: 'User/alice', relation: 'bound-by', direction: 'in' },
        { id: 'ClusterRole/reader', relation: 'grants', direction: 'out' },
      ]),
    );
  });
});

describe('buildSubjectGraph', () => {
  it('pods -> service account -> bindings -> roles', () => {
    const subject = { kind: 'ServiceAccount' as const, namespace: 'prod', name: 'ci' };
    const pods = [{ kind: 'Pod' as const, metadata: { name: 'ci-1', namespace: 'prod', labels: {}, annotations: {} }, serviceAccountName: 'ci', origin: { source: 't' } }];
    const g = buildSubjectGraph(subject, whatCan(idx, { subject }), pods);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['Pod/prod/ci-1', 'Role/prod/secrets', 'RoleBinding/prod/ci-secrets', 'ServiceAccount/prod/ci']);
    expect(g.edges.map((e) => `${e.source} ${e.relation} ${e.target}`).sort()).toEqual([
      'Pod/prod/ci-1 runs-as ServiceAccount/prod/ci',
      'RoleBinding/prod/ci-secrets grants Role/prod/secrets',
      'ServiceAccount/prod/ci bound-by RoleBinding/prod/ci-secrets',
    ]);
  });
});
