// The permission change between two snapshots, one case per line: real changes (what is gained or
// lost, at which scope) and changes that must produce no delta. Each expected line is
// "<subject> +|-<rule>" with the rule written compactly by `show` below.
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../query-index';
import { clusterRole, crb, rb, role, rule, snapshotOf, urlRule } from '../../../testing/engine';
import { diffAccess } from './access';
import { overlaySnapshot } from './overlay';
import type { DiffRule } from './types';

/** "team-a get,list core/secrets[a,b] except {...}" or "cluster get url:/healthz" */
export function show(r: DiffRule): string {
  const what = r.nonResourceURLs
    ? `url:${r.nonResourceURLs.join(',')}`
    : `${r.apiGroups.map((g) => (g === '' ? 'core' : g)).join(',')}/${r.resources.join(',')}${r.resourceNames ? `[${r.resourceNames.join(',')}]` : ''}`;
  return `${r.scope} ${r.verbs.join(',')} ${what}${r.except ? ` except ${JSON.stringify(r.except)}` : ''}`;
}

function lines(before: unknown[], after: unknown[]): string[] {
  const d = diffAccess(buildIndex(snapshotOf(...before)), buildIndex(snapshotOf(...after)));
  return d.subjects.flatMap((s) => {
    const who = s.kind === 'ServiceAccount' ? `${s.kind}:${s.namespace}/${s.name}` : `${s.kind}:${s.name}`;
    return [...s.gained.map((r) => `${who} +${show(r)}`), ...s.lost.map((r) => `${who} -${show(r)}`)];
  });
}

const readPods = clusterRole('read-pods', [rule('get,list,watch', '', 'pods')]);
const readSecrets = clusterRole('read-secrets', [rule('get,list,watch', '', 'secrets')]);
const podsRole = (ns: string, verbs = 'get') => role(ns, 'pods', [rule(verbs, '', 'pods')]);
const aggregated = clusterRole('team-edit', [], {}, { clusterRoleSelectors: [{ matchLabels: { 'rbac.example/aggregate-to-edit': 'true' } }] });
const base = [readPods, readSecrets, crb('ops-read', 'ClusterRole:read-pods', 'Group:ops'), rb('team-a', 'dev-pods', 'ClusterRole:read-pods', 'User:alice')];

/** Same object with metadata churn: labels, annotations, resourceVersion, uid, managedFields. */
function churn<T extends { metadata: Record<string, unknown> }>(o: T): T {
  return {
    ...o,
    metadata: {
      ...o.metadata,
      labels: { ...(o.metadata.labels as object | undefined), 'app.kubernetes.io/version': '2' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
      resourceVersion: '98765',
      uid: '2b4d0c5e-0000-4000-8000-000000000001',
      managedFields: [{ manager: 'kubectl' }],
    },
  };
}

type Case = [name: string, before: unknown[], after: unknown[], expected: string[]];

const realChanges: Case[] = [
  ['new ClusterRoleBinding: gained cluster-wide', base, [...base, crb('ci-secrets', 'ClusterRole:read-secrets', 'ServiceAccount:ci/runner')], ['ServiceAccount:ci/runner +cluster get,list,watch core/secrets']],
  ['removed RoleBinding: lost in its namespace', base, [readPods, readSecrets, base[2]], ['User:alice -team-a get,list,watch core/pods']],
  ['new RoleBinding in a second namespace', base, [...base, rb('team-b', 'dev-pods', 'ClusterRole:read-pods', 'User:alice')], ['User:alice +team-b get,list,watch core/pods']],
  ['subject added to a binding', base, [readPods, readSecrets, crb('ops-read', 'ClusterRole:read-pods', 'Group:ops', 'User:bob'), base[3]], ['User:bob +cluster get,list,watch core/pods']],
  ['subject removed from a binding', [...base, crb('x', 'ClusterRole:read-secrets', 'User:bob', 'User:carol')], [...base, crb('x', 'ClusterRole:read-secrets', 'User:carol')], ['User:bob -cluster get,list,watch core/secrets']],
  ['rule added to a role', [podsRole('team-a'), rb('team-a', 'p', 'Role:pods', 'User:alice')], [role('team-a', 'pods', [rule('get', '', 'pods'), rule('get', '', 'configmaps')]), rb('team-a', 'p', 'Role:pods', 'User:alice')], ['User:alice +team-a get core/configmaps']],
  ['verbs added', [podsRole('team-a'), rb('team-a', 'p', 'Role:pods', 'User:alice')], [podsRole('team-a', 'get,delete,list'), rb('team-a', 'p', 'Role:pods', 'User:alice')], ['User:alice +team-a delete,list core/pods']],
  ['verbs and resources added at once: pieces per resource, as kubectl writes rules', [clusterRole('r', [rule('get', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], [clusterRole('r', [rule('get,list', '', 'pods,secrets')]), crb('r', 'ClusterRole:r', 'User:alice')], ['User:alice +cluster list core/pods', 'User:alice +cluster get,list core/secrets']],
  ['verb removed', [podsRole('team-a', 'get,delete'), rb('team-a', 'p', 'Role:pods', 'User:alice')], [podsRole('team-a'), rb('team-a', 'p', 'Role:pods', 'User:alice')], ['User:alice -team-a delete core/pods']],
  ['resourceNames added: narrower, all other names and nameless requests lost', [clusterRole('s', [rule('get', '', 'secrets')]), crb('s', 'ClusterRole:s', 'User:alice')], [clusterRole('s', [rule('get', '', 'secrets', 'tls')]), crb('s', 'ClusterRole:s', 'User:alice')], ['User:alice -cluster get core/secrets except {"resourceNames":["tls"]}']],
  ['resourceNames widened', [clusterRole('s', [rule('get', '', 'secrets', 'a')]), crb('s', 'ClusterRole:s', 'User:alice')], [clusterRole('s', [rule('get', '', 'secrets', 'a,b')]), crb('s', 'ClusterRole:s', 'User:alice')], ['User:alice +cluster get core/secrets[b]']],
  ['resourceNames dropped: every name gained', [clusterRole('s', [rule('get', '', 'secrets', 'a')]), crb('s', 'ClusterRole:s', 'User:alice')], [clusterRole('s', [rule('get', '', 'secrets')]), crb('s', 'ClusterRole:s', 'User:alice')], ['User:alice +cluster get core/secrets except {"resourceNames":["a"]}']],
  ['RoleBinding -> ClusterRoleBinding: gains the cluster level, loses nothing', base, [readPods, readSecrets, base[2], crb('dev-pods', 'ClusterRole:read-pods', 'User:alice')], ['User:alice +cluster get,list,watch core/pods']],
  ['ClusterRoleBinding -> RoleBinding: loses the cluster level, keeps the namespace', [readPods, crb('dev-pods', 'ClusterRole:read-pods', 'User:alice')], [readPods, rb('team-a', 'dev-pods', 'ClusterRole:read-pods', 'User:alice')], ['User:alice -cluster get,list,watch core/pods']],
  ['aggregation picks up a new labelled ClusterRole', [aggregated, readPods, crb('edit', 'ClusterRole:team-edit', 'Group:devs')], [aggregated, readPods, crb('edit', 'ClusterRole:team-edit', 'Group:devs'), clusterRole('ns-deleter', [rule('delete', '', 'namespaces')], { 'rbac.example/aggregate-to-edit': 'true' })], ['Group:devs +cluster delete core/namespaces']],
  ['label removed: aggregation drops the role', [aggregated, clusterRole('extra', [rule('get', '', 'secrets')], { 'rbac.example/aggregate-to-edit': 'true' }), rb('a', 'edit', 'ClusterRole:team-edit', 'Group:devs')], [aggregated, clusterRole('extra', [rule('get', '', 'secrets')]), rb('a', 'edit', 'ClusterRole:team-edit', 'Group:devs')], ['Group:devs -a get core/secrets']],
  ['dangling roleRef becomes real', [rb('team-a', 'x', 'Role:missing', 'User:alice')], [rb('team-a', 'x', 'Role:missing', 'User:alice'), role('team-a', 'missing', [rule('create', '', 'pods/exec')])], ['User:alice +team-a create core/pods/exec']],
  ['ServiceAccount spelled as a User subject', [readSecrets], [readSecrets, crb('x', 'ClusterRole:read-secrets', 'User:system:serviceaccount:ci:runner')], ['ServiceAccount:ci/runner +cluster get,list,watch core/secrets']],
  ['ServiceAccount subject without namespace defaults to the RoleBinding namespace', [readSecrets], [readSecrets, rb('ci', 'x', 'ClusterRole:read-secrets', 'ServiceAccount:runner')], ['ServiceAccount:ci/runner +ci get,list,watch core/secrets']],
  ['"*" verbs narrowed: "*" minus the kept verbs is lost', [clusterRole('p', [rule('*', '', 'pods')]), crb('p', 'ClusterRole:p', 'User:alice')], [clusterRole('p', [rule('get,list', '', 'pods')]), crb('p', 'ClusterRole:p', 'User:alice')], ['User:alice -cluster * core/pods except {"verbs":["get","list"]}']],
  ['"*" resources narrowed', [clusterRole('p', [rule('get', '*', '*')]), crb('p', 'ClusterRole:p', 'User:alice')], [clusterRole('p', [rule('get', '*', 'pods')]), crb('p', 'ClusterRole:p', 'User:alice')], ['User:alice -cluster get */* except {"resources":["pods"]}']],
  ['"*" verbs granted where get was held', [clusterRole('p', [rule('get', '', 'pods')]), crb('p', 'ClusterRole:p', 'User:alice')], [clusterRole('p', [rule('*', '', 'pods')]), crb('p', 'ClusterRole:p', 'User:alice')], ['User:alice +cluster * core/pods except {"verbs":["get"]}']],
  ['"*/exec" replaces pods/exec', [clusterRole('e', [rule('create', '', 'pods/exec')]), crb('e', 'ClusterRole:e', 'User:alice')], [clusterRole('e', [rule('create', '', '*/exec')]), crb('e', 'ClusterRole:e', 'User:alice')], ['User:alice +cluster create core/*/exec except {"resources":["pods/exec"]}']],
  ['"*" minus "*/exec" plus pods/exec: a carve-out with a hole', [clusterRole('e', [rule('get', '', '*')]), crb('e', 'ClusterRole:e', 'User:alice')], [clusterRole('e', [rule('get', '', '*/exec')]), clusterRole('f', [rule('get', '', 'pods/exec,pods/log')]), crb('e', 'ClusterRole:e', 'User:alice'), crb('f', 'ClusterRole:f', 'User:alice')], ['User:alice -cluster get core/* except {"resources":["*/exec","pods/log"]}']],
  ['"pods/*" is a literal, not a wildcard', [clusterRole('e', [rule('create', '', 'pods/*')]), crb('e', 'ClusterRole:e', 'User:alice')], [clusterRole('e', [rule('create', '', 'pods/exec')]), crb('e', 'ClusterRole:e', 'User:alice')], ['User:alice +cluster create core/pods/exec', 'User:alice -cluster create core/pods/*']],
  ['apiGroups "*" covers CRD groups no rule names', [clusterRole('w', [rule('get', '', 'widgets')]), crb('w', 'ClusterRole:w', 'User:alice')], [clusterRole('w', [rule('get', '*', 'widgets')]), crb('w', 'ClusterRole:w', 'User:alice')], ['User:alice +cluster get */widgets except {"apiGroups":[""]}']],
  ['non-resource URL prefix narrowed to one path', [clusterRole('u', [urlRule('get', '/api/*')]), crb('u', 'ClusterRole:u', 'User:alice')], [clusterRole('u', [urlRule('get', '/api/v1')]), crb('u', 'ClusterRole:u', 'User:alice')], ['User:alice -cluster get url:/api/* except {"nonResourceURLs":["/api/v1"]}']],
  ['non-resource URL added', [clusterRole('u', [urlRule('get', '/healthz')]), crb('u', 'ClusterRole:u', 'User:alice')], [clusterRole('u', [urlRule('get', '/healthz,/metrics')]), crb('u', 'ClusterRole:u', 'User:alice')], ['User:alice +cluster get url:/metrics']],
  ['group subject gains', [readPods], [readPods, rb('team-a', 'x', 'ClusterRole:read-pods', 'Group:devs')], ['Group:devs +team-a get,list,watch core/pods']],
  ['new subject and lost subject in one change, who-can order', [readPods, crb('x', 'ClusterRole:read-pods', 'ServiceAccount:a/old', 'User:zed')], [readPods, crb('x', 'ClusterRole:read-pods', 'Group:new', 'User:amy')], ['User:amy +cluster get,list,watch core/pods', 'User:zed -cluster get,list,watch core/pods', 'Group:new +cluster get,list,watch core/pods', 'ServiceAccount:a/old -cluster get,list,watch core/pods']],
  ['role deleted: its binding now grants nothing', [podsRole('team-a'), rb('team-a', 'p', 'Role:pods', 'User:alice')], [rb('team-a', 'p', 'Role:pods', 'User:alice')], ['User:alice -team-a get core/pods']],
  ['cluster grant added where a RoleBinding held part of it: namespace line unchanged', [readPods, rb('team-a', 'p', 'ClusterRole:read-pods', 'User:alice')], [readPods, readSecrets, rb('team-a', 'p', 'ClusterRole:read-pods', 'User:alice'), crb('s', 'ClusterRole:read-secrets', 'User:alice')], ['User:alice +cluster get,list,watch core/secrets']],
];

const noOps: Case[] = [
  ['objects reordered', base, [...base].reverse(), []],
  ['rules and values reordered', [clusterRole('r', [rule('get,list', '', 'pods'), rule('get', 'apps', 'deployments')]), crb('r', 'ClusterRole:r', 'User:alice')], [clusterRole('r', [rule('get', 'apps', 'deployments'), rule('list,get', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], []],
  ['binding renamed', base, [readPods, readSecrets, crb('ops-read-renamed', 'ClusterRole:read-pods', 'Group:ops'), base[3]], []],
  ['role renamed and rebound', base, [readSecrets, clusterRole('pod-reader', [rule('get,list,watch', '', 'pods')]), crb('ops-read', 'ClusterRole:pod-reader', 'Group:ops'), rb('team-a', 'dev-pods', 'ClusterRole:pod-reader', 'User:alice')], []],
  ['rule split in two', [clusterRole('r', [rule('get,list', '', 'pods,services')]), crb('r', 'ClusterRole:r', 'User:alice')], [clusterRole('r', [rule('get', '', 'pods,services'), rule('list', '', 'services'), rule('list', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], []],
  ['rule duplicated', [clusterRole('r', [rule('get', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], [clusterRole('r', [rule('get', '', 'pods'), rule('get', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], []],
  ['metadata churn: labels, annotations, resourceVersion, uid', base, base.map((o) => churn(o as { metadata: Record<string, unknown> })), []],
  ['subject moved to another binding of the same role', [readPods, crb('a', 'ClusterRole:read-pods', 'User:alice', 'User:bob')], [readPods, crb('a', 'ClusterRole:read-pods', 'User:alice'), crb('b', 'ClusterRole:read-pods', 'User:bob')], []],
  ['ServiceAccount subject respelled as a User', [readSecrets, crb('x', 'ClusterRole:read-secrets', 'ServiceAccount:ci/runner')], [readSecrets, crb('x', 'ClusterRole:read-secrets', 'User:system:serviceaccount:ci:runner')], []],
  ['redundant RoleBinding removed under a ClusterRoleBinding', [readPods, crb('a', 'ClusterRole:read-pods', 'User:alice'), rb('team-a', 'b', 'ClusterRole:read-pods', 'User:alice')], [readPods, crb('a', 'ClusterRole:read-pods', 'User:alice')], []],
  ['explicit verbs next to "*"', [clusterRole('r', [rule('*', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], [clusterRole('r', [rule('*,get,list', '', 'pods')]), crb('r', 'ClusterRole:r', 'User:alice')], []],
  ['"*/exec" written out as the listed subresources it already covered plus "*/exec"', [clusterRole('r', [rule('create', '', '*/exec')]), crb('r', 'ClusterRole:r', 'User:alice')], [clusterRole('r', [rule('create', '', '*/exec,pods/exec')]), crb('r', 'ClusterRole:r', 'User:alice')], []],
  ['URL "/api**" is "/api*"', [clusterRole('u', [urlRule('get', '/api*')]), crb('u', 'ClusterRole:u', 'User:alice')], [clusterRole('u', [urlRule('get', '/api**,/api/v1')]), crb('u', 'ClusterRole:u', 'User:alice')], []],
  ['non-resource rule bound by a RoleBinding grants nothing either way', [clusterRole('u', [urlRule('get', '/healthz')])], [clusterRole('u', [urlRule('get', '/healthz')]), rb('team-a', 'u', 'ClusterRole:u', 'User:alice')], []],
  ['ClusterRoleBinding to a Role grants nothing', [podsRole('team-a')], [podsRole('team-a'), crb('x', 'Role:pods', 'User:alice')], []],
  ['binding to a missing role added', [], [rb('team-a', 'x', 'Role:nope', 'User:alice')], []],
  ['ServiceAccount subject without namespace in a ClusterRoleBinding matches nobody', [readSecrets], [readSecrets, crb('x', 'ClusterRole:read-secrets', 'ServiceAccount:runner')], []],
  ['unrelated object kinds and namespaces added', base, [...base, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-z' } }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'x', namespace: 'team-z' } }], []],
  ['aggregated role rewritten with its computed rules', [aggregated, clusterRole('src', [rule('get', '', 'pods')], { 'rbac.example/aggregate-to-edit': 'true' }), crb('e', 'ClusterRole:team-edit', 'User:alice')], [clusterRole('team-edit', [rule('get', '', 'pods')], {}, { clusterRoleSelectors: [{ matchLabels: { 'rbac.example/aggregate-to-edit': 'true' } }] }), clusterRole('src', [rule('get', '', 'pods')], { 'rbac.example/aggregate-to-edit': 'true' }), crb('e', 'ClusterRole:team-edit', 'User:alice')], []],
];

describe('diffAccess: real changes', () => {
  it.each(realChanges)('%s', (_name, before, after, expected) => {
    expect(lines(before, after)).toEqual(expected);
  });
});

describe('diffAccess: no delta', () => {
  it.each(noOps)('%s', (_name, before, after, expected) => {
    expect(lines(before, after)).toEqual(expected);
  });
});

describe('diffAccess: swapping BEFORE and AFTER swaps gained and lost', () => {
  it.each(realChanges)('%s', (_name, before, after) => {
    const flip = (l: string) => l.replace(/ ([+-])/, (_m, sign: string) => ` ${sign === '+' ? '-' : '+'}`);
    expect(lines(after, before).sort()).toEqual(lines(before, after).map(flip).sort());
  });
});

describe('provenance', () => {
  it('names the bindings of AFTER behind a gain and of BEFORE behind a loss', () => {
    const before = snapshotOf(readPods, readSecrets, crb('old', 'ClusterRole:read-secrets', 'User:alice'));
    const after = snapshotOf(readPods, readSecrets, rb('team-a', 'new', 'ClusterRole:read-pods', 'User:alice'), rb('team-a', 'other', 'ClusterRole:read-secrets', 'User:alice'));
    const d = diffAccess(buildIndex(before), buildIndex(after));
    expect(d.subjects.map((s) => [s.gained.map(show), s.lost.map(show)])).toEqual([[['team-a get,list,watch core/pods'], ['cluster get,list,watch core/secrets']]]);
    expect(d.provenance).toEqual([{ gained: [[{ kind: 'RoleBinding', name: 'new', namespace: 'team-a' }]], lost: [[{ kind: 'ClusterRoleBinding', name: 'old' }]] }]);
  });
});

describe('overlaySnapshot (--apply)', () => {
  it('replaces objects by kind, namespace and name, adds new ones, and aggregates again', () => {
    const before = snapshotOf(aggregated, readPods, crb('edit', 'ClusterRole:team-edit', 'Group:devs'), rb('team-a', 'x', 'ClusterRole:read-pods', 'User:alice'));
    const patch = snapshotOf(
      clusterRole('read-pods', [rule('get', '', 'pods')]), // replaced: loses list, watch
      clusterRole('ns-deleter', [rule('delete', '', 'namespaces')], { 'rbac.example/aggregate-to-edit': 'true' }), // new, aggregated into team-edit
    );
    const after = overlaySnapshot(before, patch);
    expect(after.clusterRoles.map((r) => r.metadata.name).sort()).toEqual(['ns-deleter', 'read-pods', 'team-edit']);
    expect(before.clusterRoles.find((r) => r.metadata.name === 'team-edit')!.rules).toEqual([]); // base untouched
    const d = diffAccess(buildIndex(before), buildIndex(after));
    expect(d.subjects.flatMap((s) => [...s.gained.map((r) => `${s.name} +${show(r)}`), ...s.lost.map((r) => `${s.name} -${show(r)}`)])).toEqual([
      'alice -team-a list,watch core/pods',
      'devs +cluster delete core/namespaces',
    ]);
  });

  it('an overlay identical to the base changes nothing', () => {
    const objects = [aggregated, clusterRole('src', [rule('get', '', 'pods')], { 'rbac.example/aggregate-to-edit': 'true' }), crb('e', 'ClusterRole:team-edit', 'User:alice')];
    const before = snapshotOf(...objects);
    expect(diffAccess(buildIndex(before), buildIndex(overlaySnapshot(before, snapshotOf(...objects)))).subjects).toEqual([]);
  });
});
