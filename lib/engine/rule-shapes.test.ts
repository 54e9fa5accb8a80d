// Rule shapes (query-index.ts): copies of one rule share a shape, and who-can decides ruleAllows once
// per shape. One case per line: rules that must share a shape or must not (near misses: one list
// differs, names that a separator-joined key would confuse), and who-can answers that must not change.
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, req, role, rule, url } from '../../testing/engine';
import type { RawRule } from '../../testing/engine';
import { referenceWhoCan, rbacListers } from './resolve';
import { subjectRefKey } from './subjects';
import { whoCan } from './who-can';

const shapesOf = (a: RawRule, b: RawRule) => {
  const index = indexOf(role('x', 'a', [a]), role('y', 'b', [b]));
  const shape = (key: string) => {
    for (const byResource of index.resourceRules.values()) for (const list of byResource.values()) for (const ref of list) if (ref.role.key === key) return ref.shape;
    return index.nonResourceRules.find((ref) => ref.role.key === key)?.shape;
  };
  return [shape('Role/x/a'), shape('Role/y/b'), index.ruleShapes] as const;
};

describe('rule shapes', () => {
  it.each<[string, RawRule, RawRule, boolean]>([
    ['equal rules in two namespaces', rule('get,list', '', 'pods'), rule('get,list', '', 'pods'), true],
    ['verbs differ', rule('get,list', '', 'pods'), rule('get', '', 'pods'), false],
    ['verb order differs (kept apart: the shape is the exact lists)', rule('get,list', '', 'pods'), rule('list,get', '', 'pods'), false],
    ['apiGroups differ', rule('get', '', 'pods'), rule('get', 'apps', 'pods'), false],
    ['resourceNames differ', rule('get', '', 'secrets', 'a'), rule('get', '', 'secrets', 'b'), false],
    ['resourceNames present vs absent', rule('get', '', 'secrets', 'a'), rule('get', '', 'secrets'), false],
    ['a NUL inside a verb is not a list separator', { verbs: ['get\u0000list'], apiGroups: [''], resources: ['pods'] }, { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] }, false],
    ['a comma inside a resource is not a list separator', { verbs: ['get'], apiGroups: [''], resources: ['pods,secrets'] }, { verbs: ['get'], apiGroups: [''], resources: ['pods', 'secrets'] }, false],
    ['equal non-resource rules', { verbs: ['get'], nonResourceURLs: ['/metrics'] }, { verbs: ['get'], nonResourceURLs: ['/metrics'] }, true],
  ])('%s', (_name, a, b, same) => {
    const [sa, sb, count] = shapesOf(a, b);
    expect(sa).toBeTypeOf('number');
    expect(sb).toBeTypeOf('number');
    expect(sa === sb, `shapes ${sa} and ${sb}`).toBe(same);
    expect(count).toBe(same ? 1 : 2);
  });
});

describe('who-can over shared shapes', () => {
  // the same two rules installed in three namespaces; one copy differs only in resourceNames
  const index = indexOf(
    role('a', 'reader', [rule('get', '', 'secrets'), rule('list', '', 'pods')]),
    role('b', 'reader', [rule('get', '', 'secrets'), rule('list', '', 'pods')]),
    role('c', 'reader', [rule('get', '', 'secrets', 'only-this'), rule('list', '', 'pods')]),
    clusterRole('metrics', [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]),
    rb('a', 'r', 'Role:reader', 'User:alice'),
    rb('b', 'r', 'Role:reader', 'User:bob'),
    rb('c', 'r', 'Role:reader', 'User:carol'),
    crb('m', 'ClusterRole:metrics', 'User:dave'),
  );
  const listers = rbacListers(index.snapshot);
  it.each<[string, ReturnType<typeof req> | ReturnType<typeof url>, boolean, string[]]>([
    ['get secrets -A: the named copy does not allow an unnamed get', req('get', 'secrets'), true, ['User/alice', 'User/bob']],
    ['get secret only-this -A: every copy allows it', req('get', 'secrets', '', 'only-this'), true, ['User/alice', 'User/bob', 'User/carol']],
    ['list pods -A: all three copies', req('list', 'pods'), true, ['User/alice', 'User/bob', 'User/carol']],
    ['get secrets in b', req('get', 'secrets', 'b'), false, ['User/bob']],
    ['get /metrics', url('get', '/metrics'), false, ['User/dave']],
  ])('%s', (_name, request, all, want) => {
    const got = whoCan(index, request, { allNamespaces: all }).subjects.map(subjectRefKey);
    expect(got).toEqual(want);
    const reference = referenceWhoCan(listers, request, { allNamespaces: all }).map(subjectRefKey).sort();
    expect([...got].sort()).toEqual(reference);
  });
});
