// The findings built on privilege-escalation paths (path-to-cluster-admin, path-to-node): who gets
// one, its severity (one step lower from 3 steps on), and the named near misses (a subject that
// holds the sink, a path that is a group's, a path to a node longer than the path to cluster-admin).
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, role, rule } from '../../../testing/engine';
import { namespace, serviceAccount } from '../../../testing/paths';
import { findingJson } from '../../format/findings-json';
import { runFindings } from './index';

/** ops/admin holds cluster-admin; ops only admits restricted pods. */
const ADMIN = [namespace('ops', 'restricted'), serviceAccount('ops/admin'), clusterRole('cluster-admin', [rule('*', '*', '*')]), crb('admin', 'ClusterRole:cluster-admin', 'ServiceAccount:ops/admin')];
const createPodsIn = (ns: string, ...subjects: string[]) => [role(ns, 'pods', [rule('create', '', 'pods')]), rb(ns, 'pods', 'Role:pods', ...subjects)];

/** "kind subject severity steps" for the path findings. */
function got(objects: unknown[]): string[] {
  return runFindings(indexOf(...objects), { includeBuiltin: true })
    .filter((f) => f.escalation)
    .map((f) => `${f.ruleId} ${f.subject!.kind}:${f.subject!.namespace ? `${f.subject!.namespace}/` : ''}${f.subject!.name} ${f.severity} ${f.escalation!.steps.length}`);
}

// prettier-ignore
const cases: [name: string, objects: unknown[], want: string[]][] = [
  ['create pods where the admin runs: 1 step, critical', [...ADMIN, ...createPodsIn('ops', 'User:u')], ['path-to-cluster-admin User:u critical 1']],
  ['near miss: create pods in another namespace', [...ADMIN, namespace('apps', 'restricted'), ...createPodsIn('apps', 'User:u')], []],
  ['near miss: get pods only', [...ADMIN, role('ops', 'r', [rule('get,list', '', 'pods')]), rb('ops', 'b', 'Role:r', 'User:u')], []],
  ['3 steps (impersonate, token-request, create-pods): high', [
    ...ADMIN, namespace('a', 'restricted'), namespace('b', 'restricted'), serviceAccount('a/x'), serviceAccount('b/y'),
    clusterRole('imp', [rule('impersonate', '', 'serviceaccounts', 'x')]), crb('imp', 'ClusterRole:imp', 'User:u'),
    role('b', 'tok', [rule('create', '', 'serviceaccounts/token')]), rb('b', 'tok', 'Role:tok', 'ServiceAccount:a/x'),
    ...createPodsIn('ops', 'ServiceAccount:b/y'),
  ], ['path-to-cluster-admin User:u high 3', 'path-to-cluster-admin ServiceAccount:b/y critical 1', 'path-to-cluster-admin ServiceAccount:a/x critical 2']],
  ['near miss: holds cluster-admin (its cluster-admin finding says so)', ADMIN, []],
  ['a path of system:authenticated is the group\'s, not its members\'', [...ADMIN, ...createPodsIn('ops', 'Group:system:authenticated', 'User:u')], ['path-to-cluster-admin Group:system:authenticated critical 1']],
  ['root on a node where PodSecurity allows privileged pods: high', [namespace('dev'), ...createPodsIn('dev', 'User:u')], ['path-to-node User:u high 1']],
  ['near miss: a restricted namespace', [namespace('dev', 'restricted'), ...createPodsIn('dev', 'User:u')], []],
  ['near miss: a namespace without Namespace object (level unknown)', createPodsIn('dev', 'User:u'), []],
  ['a path to a node longer than the path to cluster-admin: no path-to-node', [...ADMIN, namespace('dev'), ...createPodsIn('ops', 'User:u')], ['path-to-cluster-admin User:u critical 1']],
];

describe('path findings', () => {
  it.each(cases)('%s', (_name, objects, want) => {
    expect(got(objects).sort()).toEqual([...want].sort());
  });

  it('carries the steps, the grants they use, and counts the group\'s members', () => {
    const findings = runFindings(indexOf(...ADMIN, ...createPodsIn('ops', 'Group:system:authenticated', 'User:u')), { includeBuiltin: true });
    const f = findings.find((x) => x.ruleId === 'path-to-cluster-admin')!;
    expect(f.message).toBe('Group system:authenticated can become cluster-admin in 1 step: create-pods → ServiceAccount ops/admin.');
    expect(f.permissions).toEqual(['create pods -n ops']);
    expect(f.paths.map((p) => `${p.binding?.kind}/${p.binding?.namespace}/${p.binding?.name}`)).toEqual(['RoleBinding/ops/pods']);
    expect(f.notes.join('\n')).toContain('User u');
    expect(findingJson(f).escalation).toMatchObject({ to: 'cluster-admin', steps: [{ technique: 'create-pods', as: { kind: 'ServiceAccount', name: 'admin', namespace: 'ops' } }] });
  });
});
