// A namespace may be named "cluster", the word the engine and its JSON use for the cluster-wide scope.
// A RoleBinding there grants in that namespace only, exactly as any other RoleBinding does: every
// question must answer as the API server would, and never read such a binding as cluster-wide.
import { describe, expect, it } from 'vitest';
import { canI } from './can-i';
import { accessMatrix } from './matrix';
import { rbacListers, referenceWhoCan } from './resolve';
import { subjectRefKey } from './subjects';
import { whatCan } from './what-can';
import { whoCan } from './who-can';
import { scanFindings } from './findings/run';
import { diffAccess } from './diff/access';
import { buildIndex } from './query-index';
import { buildAnswerGraph, nodeId, permissionId } from './graph';
import { clusterRole, crb, indexOf, rb, req, role, rule } from '../../testing/engine';
import { answerFor, namespace, podRunning, serviceAccount } from '../../testing/paths';
import { whatCanText } from '../format/text';

const objects = [
  role('cluster', 'reader', [rule('get,list', '', 'pods')]),
  rb('cluster', 'rb', 'Role:reader', 'User:alice'),
  clusterRole('secrets', [rule('get', '', 'secrets')]),
  rb('cluster', 'rb-secrets', 'ClusterRole:secrets', 'User:alice'),
  crb('nodes', 'ClusterRole:node-reader', 'User:bob'),
  clusterRole('node-reader', [rule('get', '', 'nodes'), rule('get', '', 'pods')]),
];
const index = indexOf(...objects);
const alice = { user: 'alice', groups: ['system:authenticated'] };

describe('a RoleBinding in a namespace named "cluster"', () => {
  it.each([
    ['get pods in "cluster"', req('get', 'pods', 'cluster'), true],
    ['list pods in "cluster"', req('list', 'pods', 'cluster'), true],
    ['get secrets in "cluster" (a ClusterRole bound there)', req('get', 'secrets', 'cluster'), true],
    ['get pods in "default"', req('get', 'pods', 'default'), false],
    ['get secrets in "default"', req('get', 'secrets', 'default'), false],
    ['get pods cluster-scoped (every namespace at once)', req('get', 'pods', ''), false],
    ['get nodes (cluster-scoped)', req('get', 'nodes', ''), false],
  ])('can-i %s: %s', (_label, request, allowed) => {
    expect(canI(index, alice, request).allowed).toBe(allowed);
  });

  it('who-can agrees with the reference resolver in "cluster", in another namespace and cluster-scoped', () => {
    for (const r of [req('get', 'pods', 'cluster'), req('get', 'pods', 'default'), req('get', 'pods', ''), req('get', 'secrets', 'default')]) {
      expect(whoCan(index, r).subjects.map(subjectRefKey).sort(), JSON.stringify(r)).toEqual(referenceWhoCan(rbacListers(index.snapshot), r).map(subjectRefKey).sort());
    }
    expect(whoCan(index, req('get', 'pods', 'default')).subjects.map((s) => s.name)).toEqual(['bob']);
  });

  it('who-can -A lists the grant with the RoleBinding that gives it', () => {
    const a = whoCan(index, req('get', 'pods', ''), { allNamespaces: true }).subjects.find((s) => s.name === 'alice')!;
    expect(a.grants.map((g) => [g.binding.kind, g.binding.namespace, g.scope])).toEqual([['RoleBinding', 'cluster', 'cluster']]);
  });

  it('what-can keeps it apart from the cluster-wide grants, and -n default leaves it out', () => {
    const both = indexOf(...objects, crb('alice-nodes', 'ClusterRole:node-reader', 'User:alice'));
    const answer = whatCan(both, { subject: { kind: 'User', name: 'alice' } });
    expect(answer.scopes.map((s) => [s.scope, [...new Set(s.grants.map((g) => g.binding.kind))]])).toEqual([
      ['cluster', ['ClusterRoleBinding']],
      ['cluster', ['RoleBinding']],
    ]);
    const text = whatCanText(answer);
    expect(text).toContain('CLUSTER-WIDE');
    expect(text).toContain('NAMESPACE cluster');
    const inDefault = whatCan(both, { subject: { kind: 'User', name: 'alice' } }, { namespace: 'default' });
    expect(inDefault.scopes.flatMap((s) => s.grants.map((g) => g.binding.kind))).toEqual(['ClusterRoleBinding', 'ClusterRoleBinding']);
  });

  it('the access matrix of another namespace does not show it', () => {
    expect(accessMatrix(index, 'default').rows.map((r) => r.subject.name)).toEqual(['bob']);
    expect(accessMatrix(index, 'cluster').rows.map((r) => [r.subject.name, r.cells.pods])).toEqual([
      ['alice', ['get', 'list']],
      ['bob', ['get']],
    ]);
  });

  it('paths: creating pods in "cluster" reaches the ServiceAccounts there, not those of other namespaces', () => {
    const o = [
      clusterRole('cluster-admin', [rule('*', '*', '*')]),
      crb('admin', 'ClusterRole:cluster-admin', 'ServiceAccount:kube-system/admin'),
      serviceAccount('kube-system/admin'),
      namespace('kube-system', 'restricted'),
      namespace('cluster', 'restricted'),
      serviceAccount('cluster/app'),
      clusterRole('pod-creator', [rule('create', '', 'pods')]),
      rb('cluster', 'creator', 'ClusterRole:pod-creator', 'User:alice'),
      podRunning('kube-system/admin-0', 'admin', { node: 'n1' }),
    ];
    const answer = answerFor(o, 'User:alice', ['cluster-admin']);
    expect(answer.paths).toEqual([]);
    // the same binding cluster-wide does reach the admin ServiceAccount
    const wide = answerFor([...o, crb('creator', 'ClusterRole:pod-creator', 'User:alice')], 'User:alice', ['cluster-admin']);
    expect(wide.paths.map((p) => p.steps.map((s) => s.technique))).toEqual([['create-pods']]);
  });

  it('scan says that its findings there read scope "cluster"; without such a namespace it says nothing', () => {
    const note = (i: ReturnType<typeof indexOf>) => scanFindings(i).notes.filter((n) => n.startsWith('namespace "cluster"'));
    expect(note(index)).toHaveLength(1);
    expect(note(indexOf(clusterRole('secrets', [rule('get', '', 'secrets')]), rb('team', 'rb', 'ClusterRole:secrets', 'User:alice')))).toEqual([]);
  });

  it('diff: moving the grant from that namespace to a ClusterRoleBinding is a cluster-wide gain', () => {
    const before = indexOf(role('cluster', 'reader', [rule('get', '', 'pods')]), rb('cluster', 'rb', 'Role:reader', 'User:alice'), clusterRole('reader', [rule('get', '', 'pods')]));
    const after = indexOf(role('cluster', 'reader', [rule('get', '', 'pods')]), clusterRole('reader', [rule('get', '', 'pods')]), crb('rb', 'ClusterRole:reader', 'User:alice'));
    const d = diffAccess(before, after);
    // gained get pods everywhere; nothing lost (the cluster-wide grant covers namespace "cluster" too)
    expect(d.subjects.map((s) => [s.name, s.gained.map((r) => [r.scope, r.verbs, r.resources]), s.lost.length])).toEqual([['alice', [['cluster', ['get'], ['pods']]], 0]]);
    // and no change at all is no change
    expect(diffAccess(before, buildIndex(before.snapshot)).subjects).toEqual([]);
  });

  it('the answer graph does not mark it cluster-wide; a ClusterRoleBinding it does', () => {
    const perm = permissionId('get pods');
    const answer = whoCan(index, req('get', 'pods', ''), { allNamespaces: true });
    const g = buildAnswerGraph({ permissions: [{ id: perm, label: 'get pods' }], subjects: answer.subjects.map((s) => ({ ...s, grants: s.grants.map((x) => ({ ...x, permission: perm })) })) });
    const wide = (id: string) => g.nodes.find((n) => n.id === id)?.clusterWide === true;
    expect(wide(nodeId({ kind: 'User', name: 'alice' }))).toBe(false);
    expect(wide(nodeId({ kind: 'RoleBinding', name: 'rb', namespace: 'cluster' }))).toBe(false);
    expect(wide(nodeId({ kind: 'User', name: 'bob' }))).toBe(true);
  });
});
