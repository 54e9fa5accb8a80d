import { describe, expect, it } from 'vitest';
import { labelSelectorMatches, ruleKey } from './aggregate';
import { canI } from './can-i';
import { clusterRole, crb, indexOf, req, rule, snapshotOf } from '../../testing/engine';
import type { LabelSelector } from './types';

const sel = (matchLabels: Record<string, string> = {}, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});

const selectorCases: [string, LabelSelector, Record<string, string>, boolean][] = [
  ['matchLabels equal', sel({ a: '1' }), { a: '1', b: '2' }, true],
  ['matchLabels different value', sel({ a: '1' }), { a: '2' }, false],
  ['matchLabels missing key', sel({ a: '1' }), {}, false],
  ['empty selector matches everything', sel(), { x: 'y' }, true],
  ['empty selector matches unlabeled', sel(), {}, true],
  ['In', sel({}, [{ key: 'tier', operator: 'In', values: ['a', 'b'] }]), { tier: 'b' }, true],
  ['In missing key', sel({}, [{ key: 'tier', operator: 'In', values: ['a'] }]), {}, false],
  ['NotIn missing key', sel({}, [{ key: 'tier', operator: 'NotIn', values: ['a'] }]), {}, true],
  ['NotIn listed', sel({}, [{ key: 'tier', operator: 'NotIn', values: ['a'] }]), { tier: 'a' }, false],
  ['Exists', sel({}, [{ key: 'k', operator: 'Exists', values: [] }]), { k: '' }, true],
  ['Exists missing', sel({}, [{ key: 'k', operator: 'Exists', values: [] }]), {}, false],
  ['DoesNotExist', sel({}, [{ key: 'k', operator: 'DoesNotExist', values: [] }]), {}, true],
  ['DoesNotExist present', sel({}, [{ key: 'k', operator: 'DoesNotExist', values: [] }]), { k: 'v' }, false],
  ['labels and expressions are ANDed', sel({ a: '1' }, [{ key: 'b', operator: 'Exists', values: [] }]), { a: '1' }, false],
  ['prototype keys are not labels', sel({}, [{ key: 'constructor', operator: 'Exists', values: [] }]), {}, false],
];

describe('labelSelectorMatches', () => {
  it.each(selectorCases)('%s', (_n, selector, labels, want) => {
    expect(labelSelectorMatches(selector, labels), `selector=${JSON.stringify(selector)} labels=${JSON.stringify(labels)}`).toBe(want);
  });
});

const agg = (...selectors: unknown[]) => ({ clusterRoleSelectors: selectors });

describe('ClusterRole aggregation', () => {
  it('unions the rules of every selected role, without duplicates, in name order', () => {
    const snap = snapshotOf(
      clusterRole('monitoring', [], {}, agg({ matchLabels: { 'agg/monitoring': 'true' } })),
      clusterRole('b-pods', [rule('get', '', 'pods'), rule('get', '', 'services')], { 'agg/monitoring': 'true' }),
      clusterRole('a-nodes', [rule('get', '', 'nodes'), rule('get', '', 'pods')], { 'agg/monitoring': 'true' }),
      clusterRole('unrelated', [rule('*', '*', '*')], {}),
    );
    const mon = snap.clusterRoles.find((r) => r.metadata.name === 'monitoring')!;
    expect(mon.rules.map(ruleKey)).toEqual([rule('get', '', 'nodes'), rule('get', '', 'pods'), rule('get', '', 'services')].map((r) => ruleKey({ resourceNames: [], nonResourceURLs: [], apiGroups: [], resources: [], ...r })));
    expect(mon.aggregatedFrom).toEqual(['a-nodes', 'b-pods']);
  });

  it('is transitive (admin <- edit <- view) and skips the role itself', () => {
    const index = indexOf(
      clusterRole('view', [], { 'to-edit': 'true' }, agg({ matchLabels: { 'to-view': 'true' } })),
      clusterRole('edit', [], { 'to-admin': 'true' }, agg({ matchLabels: { 'to-edit': 'true' } })),
      clusterRole('admin', [], {}, agg({ matchLabels: { 'to-admin': 'true' } })),
      clusterRole('view-rules', [rule('get', '', 'pods')], { 'to-view': 'true' }),
      clusterRole('edit-rules', [rule('create', '', 'pods')], { 'to-edit': 'true' }),
      crb('a', 'ClusterRole:admin', 'User:alice'),
    );
    const alice = { user: 'alice', groups: [] };
    expect(canI(index, alice, req('get', 'pods', 'x')).allowed).toBe(true);
    expect(canI(index, alice, req('create', 'pods', 'x')).allowed).toBe(true);
    expect(canI(index, alice, req('delete', 'pods', 'x')).allowed).toBe(false);
  });

  it('matchExpressions select too; a role whose labels do not match is left out', () => {
    const snap = snapshotOf(
      clusterRole('agg', [], {}, agg({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold'] }] })),
      clusterRole('gold', [rule('get', '', 'secrets')], { tier: 'gold' }),
      clusterRole('silver', [rule('get', '', 'configmaps')], { tier: 'silver' }),
    );
    expect(snap.clusterRoles.find((r) => r.metadata.name === 'agg')!.aggregatedFrom).toEqual(['gold']);
  });

  it('keeps declared rules the selection does not provide, with a diagnostic', () => {
    const snap = snapshotOf(
      clusterRole('agg', [rule('get', '', 'nodes')], {}, agg({ matchLabels: { x: 'y' } })),
      clusterRole('src', [rule('get', '', 'pods')], { x: 'y' }),
    );
    const a = snap.clusterRoles.find((r) => r.metadata.name === 'agg')!;
    expect(a.rules).toHaveLength(2);
    expect(snap.diagnostics.some((d) => d.code === 'aggregation-mismatch' && d.object === 'ClusterRole/agg')).toBe(true);
  });

  it('an aggregation cycle terminates', () => {
    const snap = snapshotOf(
      clusterRole('a', [rule('get', '', 'pods')], { g: 'b' }, agg({ matchLabels: { g: 'a' } })),
      clusterRole('b', [rule('get', '', 'nodes')], { g: 'a' }, agg({ matchLabels: { g: 'b' } })),
    );
    const names = snap.clusterRoles.map((r) => `${r.metadata.name}:${r.rules.length}`);
    expect(names).toEqual(['a:2', 'b:2']);
  });
});
