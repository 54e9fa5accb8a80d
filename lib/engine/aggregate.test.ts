// ClusterRole aggregation as the controller computes it (clusterroleaggregation_controller.go), one
// case per line: the ClusterRoles of the input, the rules the aggregated role "agg" ends up with, and
// the diagnostics (code, then words the message must contain).
import { describe, expect, it } from 'vitest';
import { labelSelectorError, labelSelectorMatches, ruleSummary } from './aggregate';
import { canI } from './can-i';
import { clusterRole, crb, indexOf, rule, snapshotOf, urlRule, type RawRule } from '../../testing/engine';
import type { LabelSelector, PolicyRule } from './types';

const sel = (matchLabels: Record<string, string> = {}, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector => ({
  matchLabels,
  matchExpressions,
});
const expr = (key: string, operator: LabelSelector['matchExpressions'][number]['operator'], ...values: string[]) => sel({}, [{ key, operator, values }]);

const selectorCases: [string, LabelSelector, Record<string, string>, boolean][] = [
  ['matchLabels equal', sel({ a: '1' }), { a: '1', b: '2' }, true],
  ['matchLabels different value', sel({ a: '1' }), { a: '2' }, false],
  ['matchLabels missing key', sel({ a: '1' }), {}, false],
  ['empty selector matches everything', sel(), { x: 'y' }, true],
  ['empty selector matches unlabeled', sel(), {}, true],
  ['In', expr('tier', 'In', 'a', 'b'), { tier: 'b' }, true],
  ['In missing key', expr('tier', 'In', 'a'), {}, false],
  ['NotIn missing key', expr('tier', 'NotIn', 'a'), {}, true],
  ['NotIn listed', expr('tier', 'NotIn', 'a'), { tier: 'a' }, false],
  ['NotIn other value', expr('tier', 'NotIn', 'a'), { tier: 'b' }, true],
  ['Exists', expr('k', 'Exists'), { k: '' }, true],
  ['Exists missing', expr('k', 'Exists'), {}, false],
  ['DoesNotExist', expr('k', 'DoesNotExist'), {}, true],
  ['DoesNotExist present', expr('k', 'DoesNotExist'), { k: 'v' }, false],
  ['labels and expressions are ANDed', sel({ a: '1' }, [{ key: 'b', operator: 'Exists', values: [] }]), { a: '1' }, false],
  ['prototype keys are not labels', expr('constructor', 'Exists'), {}, false],
];

describe('labelSelectorMatches', () => {
  it.each(selectorCases)('%s', (_n, selector, labels, want) => {
    expect(labelSelectorMatches(selector, labels), `selector=${JSON.stringify(selector)} labels=${JSON.stringify(labels)}`).toBe(want);
  });
});

// labels.NewRequirement's checks, which make the controller's sync (and the API server) refuse a selector.
const selectorErrorCases: [string, LabelSelector, string | undefined][] = [
  ['empty selector is valid', sel(), undefined],
  ['prefixed key', sel({ 'rbac.example.com/aggregate-to-view': 'true' }), undefined],
  ['empty value is a valid value', sel({ a: '' }), undefined],
  ['In with values', expr('a', 'In', 'x'), undefined],
  ['Exists without values', expr('a', 'Exists'), undefined],
  ['In without values', expr('a', 'In'), 'needs at least one value'],
  ['NotIn without values', expr('a', 'NotIn'), 'needs at least one value'],
  ['Exists with a value', expr('a', 'Exists', 'x'), 'takes no values'],
  ['DoesNotExist with a value', expr('a', 'DoesNotExist', 'x'), 'takes no values'],
  ['key with a space', sel({ 'a b': 'x' }), 'not a valid label key'],
  ['empty key', expr('', 'Exists'), 'not a valid label key'],
  ['key with two slashes', sel({ 'a/b/c': 'x' }), 'not a valid label key'],
  ['upper-case prefix', sel({ 'Example.com/a': 'x' }), 'not a valid label key'],
  ['name part of 64 characters', sel({ ['a'.repeat(64)]: 'x' }), 'not a valid label key'],
  ['value with a slash', sel({ a: 'x/y' }), 'not a valid label value'],
  ['value ending in a dash', expr('a', 'In', 'x-'), 'not a valid label value'],
];

describe('labelSelectorError', () => {
  it.each(selectorErrorCases)('%s', (_n, selector, want) => {
    const got = labelSelectorError(selector);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(want);
  });
});

// ---------------------------------------------------------------------------------------------
// The aggregation itself

const ON = { agg: 'true' };
const agg = (rules: RawRule[], ...selectors: object[]) => clusterRole('agg', rules, {}, { clusterRoleSelectors: selectors });
const src = (name: string, rules: RawRule[], labels: Record<string, string> = ON) => clusterRole(name, rules, labels);
const pods = rule('get', '', 'pods');
const nodes = rule('get', '', 'nodes');
const secrets = rule('get,list', '', 'secrets');
const exec = rule('create', '', 'pods/exec');
const m = (labels: Record<string, string> = ON) => ({ matchLabels: labels });
const x = (key: string, operator: string, ...values: string[]) => ({ matchExpressions: [{ key, operator, values }] });

type Case = [name: string, objects: unknown[], rules: string[], diagnostics: string[][]];

const cases: Case[] = [
  ['empty selector: every other ClusterRole', [agg([], {}), src('a', [pods], {}), src('b', [nodes], { other: 'x' })], ['get pods', 'get nodes'], []],
  ['matchLabels: only labelled roles', [agg([], m()), src('a', [pods]), src('b', [nodes], {})], ['get pods'], []],
  ['matchExpressions In', [agg([], x('tier', 'In', 'gold')), src('a', [pods], { tier: 'gold' }), src('b', [nodes], { tier: 'silver' })], ['get pods'], []],
  ['matchExpressions In: a role without the key is not matched', [agg([], x('tier', 'In', 'gold')), src('a', [pods], {})], [], []],
  ['matchExpressions NotIn: also roles without the key', [agg([], x('tier', 'NotIn', 'gold')), src('a', [pods], { tier: 'gold' }), src('b', [nodes], {}), src('c', [exec], { tier: 'x' })], ['get nodes', 'create pods/exec'], []],
  ['matchExpressions Exists', [agg([], x('tier', 'Exists')), src('a', [pods], { tier: '' }), src('b', [nodes], {})], ['get pods'], []],
  ['matchExpressions DoesNotExist', [agg([], x('tier', 'DoesNotExist')), src('a', [pods], { tier: '' }), src('b', [nodes], {})], ['get nodes'], []],
  ['the role itself is skipped even when its labels match', [clusterRole('agg', [secrets], ON, { clusterRoleSelectors: [m()] }), src('a', [pods])], ['get pods'], [['aggregation-mismatch', 'get,list secrets']]],
  ['roles by name within a selector', [agg([], m()), src('b', [nodes]), src('a', [pods])], ['get pods', 'get nodes'], []],
  ['selectors in order, before names', [agg([], m({ s: '2' }), m({ s: '1' })), src('a', [pods], { s: '1' }), src('b', [nodes], { s: '2' })], ['get nodes', 'get pods'], []],
  ['duplicates across selectors and roles are taken once', [agg([], m(), m({ s: '1' })), src('a', [pods, nodes], { ...ON, s: '1' }), src('b', [nodes, pods])], ['get pods', 'get nodes'], []],
  ['a rule without resourceNames equals one with resourceNames: []', [agg([], m()), src('a', [pods]), src('b', [{ ...pods, resourceNames: [] }])], ['get pods'], []],
  ['rules whose lists differ only in order are different rules', [agg([], m()), src('a', [rule('get,list', '', 'pods')]), src('b', [rule('list,get', '', 'pods')])], ['get,list pods', 'list,get pods'], []],
  ['declared rules are replaced, each dropped rule named', [agg([secrets, pods, exec], m()), src('a', [pods])], ['get pods'], [['aggregation-mismatch', 'ClusterRole/agg', '2 declared rules', 'get,list secrets; create pods/exec']]],
  ['empty union: selected roles without rules empty the role', [agg([secrets], m()), src('a', [])], [], [['aggregation-mismatch', 'get,list secrets']]],
  ['live dump: declared rules equal to the union, no diagnostic', [agg([pods, nodes], m()), src('a', [pods]), src('b', [nodes])], ['get pods', 'get nodes'], []],
  ['declared rules in another order are reordered, nothing dropped', [agg([nodes, pods], m()), src('a', [pods]), src('b', [nodes])], ['get pods', 'get nodes'], []],
  ['rules: [] in a manifest are filled in, no diagnostic', [agg([], m()), src('a', [pods])], ['get pods'], []],
  ['partial dump: selectors match nothing, declared rules kept with a warning', [agg([secrets], m()), src('a', [pods], {})], ['get,list secrets'], [['aggregation-unresolved', 'match no other ClusterRole', 'kept']]],
  ['partial dump without declared rules: nothing to keep, no warning', [agg([], m()), src('a', [pods], {})], [], []],
  ['invalid selector: the controller leaves the rules alone', [agg([secrets], x('agg', 'In')), src('a', [pods])], ['get,list secrets'], [['aggregation-unresolved', 'needs at least one value', 'as written']]],
  ['aggregationRule without selectors is rejected by the API server', [agg([secrets]), src('a', [pods])], ['get,list secrets'], [['aggregation-unresolved', 'no clusterRoleSelectors']]],
  ['non-resource rules aggregate too', [agg([], m()), src('a', [urlRule('get', '/healthz,/metrics')])], ['get /healthz, /metrics'], []],
];

function rulesOf(objects: unknown[], name = 'agg'): { rules: string[]; diagnostics: string[][] } {
  const snapshot = snapshotOf(...objects);
  const role = snapshot.clusterRoles.find((r) => r.metadata.name === name)!;
  const diagnostics = snapshot.diagnostics.filter((d) => d.code.startsWith('aggregation')).map((d) => [d.code, d.message]);
  return { rules: role.rules.map(ruleSummary), diagnostics };
}

describe('ClusterRole aggregation', () => {
  it.each(cases)('%s', (_name, objects, rules, diagnostics) => {
    const got = rulesOf(objects);
    expect(got.rules).toEqual(rules);
    expect(got.diagnostics.length, JSON.stringify(got.diagnostics)).toBe(diagnostics.length);
    diagnostics.forEach(([code, ...words], i) => {
      expect(got.diagnostics[i]![0]).toBe(code);
      for (const w of words) expect(got.diagnostics[i]![1]).toContain(w);
    });
  });

  it('is transitive (admin <- edit <- view): each role sees the computed rules of the roles it selects', () => {
    const objects = [
      clusterRole('admin', [], {}, { clusterRoleSelectors: [m({ 'to-admin': 'true' })] }),
      clusterRole('edit', [], { 'to-admin': 'true' }, { clusterRoleSelectors: [m({ 'to-edit': 'true' })] }),
      clusterRole('view', [], { 'to-edit': 'true' }, { clusterRoleSelectors: [m({ 'to-view': 'true' })] }),
      src('admin-rules', [secrets], { 'to-admin': 'true' }),
      src('edit-rules', [exec], { 'to-edit': 'true' }),
      src('view-rules', [pods], { 'to-view': 'true' }),
    ];
    expect(rulesOf(objects, 'view').rules).toEqual(['get pods']);
    expect(rulesOf(objects, 'edit').rules).toEqual(['create pods/exec', 'get pods']);
    expect(rulesOf(objects, 'admin').rules).toEqual(['get,list secrets', 'create pods/exec', 'get pods']);
    const index = indexOf(...objects, crb('a', 'ClusterRole:admin', 'User:alice'));
    expect(canI(index, { user: 'alice', groups: [] }, { type: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: '', namespace: 'x', name: '' }).allowed).toBe(true);
  });

  it('a live dump of that chain (declared = computed) keeps every rules list as declared, with no diagnostic', () => {
    const objects = [
      clusterRole('admin', [secrets, exec, pods], {}, { clusterRoleSelectors: [m({ 'to-admin': 'true' })] }),
      clusterRole('edit', [exec, pods], { 'to-admin': 'true' }, { clusterRoleSelectors: [m({ 'to-edit': 'true' })] }),
      clusterRole('view', [pods], { 'to-edit': 'true' }, { clusterRoleSelectors: [m({ 'to-view': 'true' })] }),
      src('admin-rules', [secrets], { 'to-admin': 'true' }),
      src('edit-rules', [exec], { 'to-edit': 'true' }),
      src('view-rules', [pods], { 'to-view': 'true' }),
    ];
    const snapshot = snapshotOf(...objects);
    for (const role of snapshot.clusterRoles) expect(role.rules, role.metadata.name).toBe(role.declaredRules);
    expect(snapshot.diagnostics).toEqual([]);
  });

  it('records which roles were aggregated, by name', () => {
    const snapshot = snapshotOf(agg([], m(), m({ s: '1' })), src('b', [nodes], { ...ON, s: '1' }), src('a', [pods]));
    expect(snapshot.clusterRoles.find((r) => r.metadata.name === 'agg')!.aggregatedFrom).toEqual(['a', 'b']);
  });

  it('a selected role whose own rules are unresolved contributes its declared rules', () => {
    const objects = [agg([], m()), clusterRole('inner', [secrets], ON, { clusterRoleSelectors: [m({ none: 'x' })] })];
    expect(rulesOf(objects).rules).toEqual(['get,list secrets']);
  });

  it('an aggregation cycle terminates and says the result depends on the sync order', () => {
    const objects = [
      clusterRole('a', [pods], { g: 'b' }, { clusterRoleSelectors: [m({ g: 'a' })] }),
      clusterRole('b', [nodes], { g: 'a' }, { clusterRoleSelectors: [m({ g: 'b' })] }),
    ];
    const snapshot = snapshotOf(...objects);
    // synced by name from the declared rules: a takes b's rules, then b takes a's new rules
    expect(snapshot.clusterRoles.map((r) => `${r.metadata.name}: ${r.rules.map(ruleSummary).join('; ')}`)).toEqual(['a: get nodes', 'b: get nodes']);
    const codes = snapshot.diagnostics.map((d) => `${d.code} ${d.object}`);
    expect(codes).toEqual(expect.arrayContaining(['aggregation-unresolved ClusterRole/a', 'aggregation-unresolved ClusterRole/b']));
  });

  it('a cycle that is already a fixed point (a live dump) is left alone, with no diagnostic', () => {
    const objects = [
      clusterRole('a', [pods], { g: 'b' }, { clusterRoleSelectors: [m({ g: 'a' })] }),
      clusterRole('b', [pods], { g: 'a' }, { clusterRoleSelectors: [m({ g: 'b' })] }),
    ];
    expect(snapshotOf(...objects).diagnostics).toEqual([]);
  });

  it('diagnostics carry the origin of the role and strip control characters from names', () => {
    const snapshot = snapshotOf(src('a', [pods]), clusterRole('evil\u001b[31m', [rule('get', '', 'x\u0007')], {}, { clusterRoleSelectors: [m()] }));
    const d = snapshot.diagnostics.find((x) => x.code === 'aggregation-mismatch')!;
    expect(d.origin).toEqual({ source: 'test', doc: 1 });
    expect([...d.message].some((c) => c.charCodeAt(0) < 32)).toBe(false);
    expect(d.message).toContain('get x?');
  });
});

describe('ruleSummary', () => {
  const R = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = [], nonResourceURLs: string[] = []): PolicyRule => ({ verbs, apiGroups, resources, resourceNames, nonResourceURLs });
  const summaryCases: [string, PolicyRule, string][] = [
    ['core group', R(['get', 'list'], [''], ['secrets']), 'get,list secrets'],
    ['groups and resources crossed', R(['get'], ['', 'apps'], ['pods', 'deployments']), 'get pods, deployments, pods.apps, deployments.apps'],
    ['resource names', R(['get'], [''], ['secrets'], ['a', 'b']), 'get secrets [a, b]'],
    ['non-resource URLs', R(['get'], [], [], [], ['/healthz', '/api/*']), 'get /healthz, /api/*'],
    ['no resources', R(['get'], [], []), 'get (no resources)'],
  ];
  it.each(summaryCases)('%s', (_n, r, want) => expect(ruleSummary(r)).toBe(want));
});
