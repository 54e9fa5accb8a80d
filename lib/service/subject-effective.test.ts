import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtlasIndex } from '../engine/query-index';
import { crb, indexOf, rb, role, rule, clusterRole, sa } from '../../testing/engine';
import type { SubjectRef } from '../engine/types';
import { loadSource } from './source';
import { whatCan } from '../engine/what-can';
import { effectiveGraph, riskGlance, viaOf } from './subject-effective';
import { exportSubject } from './export';
import { subjectDocument, subjectView } from './subjects';

const effective = (index: AtlasIndex, subject: SubjectRef) => whatCan(index, { subject }, { effective: true });
const throughWhom = (index: AtlasIndex, subject: SubjectRef) =>
  effective(index, subject).scopes.flatMap((s) => s.grants.map((g) => `${s.scope} ${g.binding.name} via ${viaOf(g, subject).kind}:${viaOf(g, subject).name}`));

describe('the engine\'s effective what-can as the subject page reads it (via, graph, glance)', () => {
  const index = indexOf(
    clusterRole('reader', [rule('get', '', 'secrets')]),
    clusterRole('lister', [rule('list', '', 'pods')]),
    role('a', 'own', [rule('get', '', 'configmaps')]),
    crb('all-authenticated', 'ClusterRole:reader', 'Group:system:authenticated'),
    crb('all-sas', 'ClusterRole:lister', 'Group:system:serviceaccounts'),
    rb('a', 'ns-sas', 'ClusterRole:lister', 'Group:system:serviceaccounts:a'),
    rb('a', 'own', 'Role:own', 'ServiceAccount:a/api'),
    rb('b', 'other-ns-sas', 'ClusterRole:lister', 'Group:system:serviceaccounts:b'),
    crb('devs', 'ClusterRole:lister', 'Group:devs'),
    sa('a/api'),
  );
  // prettier-ignore
  const cases: { name: string; subject: SubjectRef; want: string[] }[] = [
    { name: 'a ServiceAccount: its own binding and its three implicit groups', subject: { kind: 'ServiceAccount', namespace: 'a', name: 'api' }, want: [
      'cluster all-authenticated via Group:system:authenticated', 'cluster all-sas via Group:system:serviceaccounts', 'a ns-sas via Group:system:serviceaccounts:a', 'a own via ServiceAccount:api'] },
    { name: 'near miss: another namespace\'s ServiceAccount group does not count', subject: { kind: 'ServiceAccount', namespace: 'c', name: 'x' }, want: [
      'cluster all-authenticated via Group:system:authenticated', 'cluster all-sas via Group:system:serviceaccounts'] },
    { name: 'a User: system:authenticated only', subject: { kind: 'User', name: 'alice' }, want: ['cluster all-authenticated via Group:system:authenticated'] },
    { name: 'a Group: its own bindings (via itself) and system:authenticated', subject: { kind: 'Group', name: 'devs' }, want: [
      'cluster all-authenticated via Group:system:authenticated', 'cluster devs via Group:devs'] },
  ];
  it.each(cases)('$name', ({ subject, want }) => {
    expect(throughWhom(index, subject).sort()).toEqual([...want].sort());
  });

  it('identities: the subject, then its groups; the graph goes through the group', () => {
    const subject: SubjectRef = { kind: 'ServiceAccount', namespace: 'a', name: 'api' };
    const answer = effective(index, subject);
    expect(answer.identities?.map((i) => i.name)).toEqual(['api', 'system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated']);
    const g = effectiveGraph(subject, answer, [{ namespace: 'a', name: 'p' }]);
    expect(g.edges.map((e) => `${e.source} ${e.relation} ${e.target}`)).toEqual(expect.arrayContaining([
      'ServiceAccount/a/api member-of Group/system:authenticated',
      'Group/system:authenticated bound-by ClusterRoleBinding/all-authenticated',
      'ServiceAccount/a/api bound-by RoleBinding/a/own',
      'Pod/a/p runs-as ServiceAccount/a/api',
    ]));
    expect(riskGlance(subject, answer)).toEqual([
      { risk: 'read-secrets', scope: 'cluster', via: { kind: 'Group', name: 'system:authenticated' }, binding: 'ClusterRoleBinding/all-authenticated', role: 'ClusterRole/reader' },
    ]);
  });
});

describe('risky powers at a glance name the grant that gives the power', () => {
  const index = indexOf(
    clusterRole('reader', [rule('get', '', 'secrets')]),
    clusterRole('lister', [rule('list', '', 'pods')]),
    clusterRole('exec', [rule('create', '', 'pods/exec')]),
    crb('authenticated-lists', 'ClusterRole:lister', 'Group:system:authenticated'),
    crb('authenticated-reads', 'ClusterRole:reader', 'Group:system:authenticated'),
    crb('own-reads', 'ClusterRole:reader', 'ServiceAccount:a/api'),
    rb('a', 'a-sas-exec', 'ClusterRole:exec', 'Group:system:serviceaccounts:a'),
    rb('a', 'own-lists', 'ClusterRole:lister', 'ServiceAccount:a/api'),
    rb('b', 'b-reads', 'ClusterRole:reader', 'Group:system:authenticated'),
    sa('a/api'),
  );
  const glance = (subject: SubjectRef) =>
    riskGlance(subject, effective(index, subject)).map((g) => `${g.risk}@${g.scope} ${g.binding} via ${g.via.kind}:${g.via.name}`);
  // prettier-ignore
  const cases: { name: string; subject: SubjectRef; want: string[] }[] = [
    { name: 'its own binding gives it: named, not the group\'s binding listed before it', subject: { kind: 'ServiceAccount', namespace: 'a', name: 'api' }, want: [
      'read-secrets@cluster ClusterRoleBinding/own-reads via ServiceAccount:api',
      'read-secrets@b RoleBinding/b/b-reads via Group:system:authenticated',
      'exec@a RoleBinding/a/a-sas-exec via Group:system:serviceaccounts:a'] },
    { name: 'near miss: its own binding in the scope gives something else, the group\'s grant is named', subject: { kind: 'ServiceAccount', namespace: 'a', name: 'other' }, want: [
      'read-secrets@cluster ClusterRoleBinding/authenticated-reads via Group:system:authenticated',
      'read-secrets@b RoleBinding/b/b-reads via Group:system:authenticated',
      'exec@a RoleBinding/a/a-sas-exec via Group:system:serviceaccounts:a'] },
    { name: 'only a group gives it: the group\'s grant (not the first grant of the scope, which lists pods)', subject: { kind: 'User', name: 'alice' }, want: [
      'read-secrets@cluster ClusterRoleBinding/authenticated-reads via Group:system:authenticated',
      'read-secrets@b RoleBinding/b/b-reads via Group:system:authenticated'] },
  ];
  it.each(cases)('$name', ({ subject, want }) => {
    expect(glance(subject)).toEqual(want);
  });
});

describe('subject view on the demo (issue 12: never understate)', () => {
  let demo: AtlasIndex;
  beforeAll(async () => {
    demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
  });

  it('team-a/api reads every Secret of the cluster through system:authenticated; direct shows only team-a', () => {
    const subject: SubjectRef = { kind: 'ServiceAccount', namespace: 'team-a', name: 'api' };
    const v = subjectView(demo, subject);
    expect(v.mode).toBe('effective');
    expect(v.glance).toContainEqual(expect.objectContaining({ risk: 'read-secrets', scope: 'cluster', via: { kind: 'Group', name: 'system:authenticated' } }));
    expect(v.counts.groups).toBeGreaterThan(0);
    const direct = subjectView(demo, subject, { direct: true });
    expect(direct.mode).toBe('direct');
    expect(direct.scopes.map((s) => s.scope)).toEqual(['team-a']);
    expect(direct.implicitGroups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated']);
  });

  it('exports what the page shows: effective (each grant via whom, its groups) by default, direct with the switch', () => {
    const subject: SubjectRef = { kind: 'ServiceAccount', namespace: 'team-a', name: 'api' };
    const rows = (csv: string) => csv.trim().split('\r\n');
    const effective = exportSubject(subjectDocument(demo, subject, { effective: true }), 'json');
    const doc = JSON.parse(effective.body);
    expect(doc.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated']);
    expect(doc.scopes[0].scope).toBe('cluster');
    expect(doc.scopes[0].grants).toContainEqual(expect.objectContaining({ via: { kind: 'Group', name: 'system:authenticated' }, binding: { kind: 'ClusterRoleBinding', name: 'all-authenticated-cluster-reader' }, rule: expect.objectContaining({ resources: ['*'] }) }));
    // the rules the page lists, in its order
    const v = subjectView(demo, subject);
    expect(doc.scopes.map((s: { scope: string; grants: unknown[] }) => `${s.scope}:${s.grants.length}`)).toEqual(v.scopes.map((s) => `${s.scope}:${s.rows.length}`));
    const csv = rows(exportSubject(subjectDocument(demo, subject, { effective: true }), 'csv').body);
    expect(csv[0]).toBe('scope,via,binding,role,rule_index,rule');
    expect(csv.some((l) => l.startsWith('cluster,Group/system:authenticated,'))).toBe(true);
    expect(csv.some((l) => l.startsWith('team-a,,RoleBinding/team-a/'))).toBe(true);
    // near miss: the direct export has no group's grant, no via and no groups
    const direct = JSON.parse(exportSubject(subjectDocument(demo, subject), 'json').body);
    expect(direct.groups).toBeUndefined();
    expect(direct.scopes.map((s: { scope: string }) => s.scope)).toEqual(['team-a']);
    expect(JSON.stringify(direct)).not.toContain('"via"');
    expect(rows(exportSubject(subjectDocument(demo, subject), 'csv').body).slice(1).every((l) => l.startsWith('team-a,,'))).toBe(true);
  });
});
