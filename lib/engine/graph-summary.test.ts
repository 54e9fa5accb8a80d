import { describe, expect, it } from 'vitest';
import type { EffectiveAnswer } from './effective';
import { nodeId, permissionId, type AnswerGraphInput, type AnswerSubject, type Graph } from './graph';
import { compactLabel, drawAnswer, focusAnswer, groupNodeId, needsSummary, OTHER_SUBJECTS, ROLE_PAGE, ROLES_GROUP, SUBJECT_PAGE, SUMMARY_ROWS } from './graph-summary';
import type { ObjectRef, PolicyRule } from './types';

const GET = permissionId('get secrets');
const LIST = permissionId('list secrets');
const rule: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['secrets'], resourceNames: [], nonResourceURLs: [] };

/** A grant of `role` through `binding` (a RoleBinding in `ns`, or a ClusterRoleBinding when ns is "cluster"). */
function grant(role: string, binding: string, ns: string, permission = GET) {
  const roleRef: ObjectRef = { kind: 'ClusterRole', name: role };
  const bindingRef: ObjectRef = ns === 'cluster' ? { kind: 'ClusterRoleBinding', name: binding } : { kind: 'RoleBinding', name: binding, namespace: ns };
  return { binding: bindingRef, role: roleRef, rule, ruleIndex: 0, scope: ns, permission };
}

const sa = (ns: string, name: string, ...grants: AnswerSubject['grants']): AnswerSubject => ({ kind: 'ServiceAccount', namespace: ns, name, grants });
const user = (name: string, ...grants: AnswerSubject['grants']): AnswerSubject => ({ kind: 'User', name, grants });
const group = (name: string, ...grants: AnswerSubject['grants']): AnswerSubject => ({ kind: 'Group', name, grants });

/** `n` service accounts, one per namespace, each bound to role-(i % roles) in its namespace; riskiest first is the input order. */
function wide(n: number, roles: number, extra: AnswerSubject[] = []): AnswerGraphInput {
  const subjects = [...extra];
  for (let i = 0; i < n; i++) subjects.push(sa(`ns-${i}`, 'app', grant(`role-${i % roles}`, 'read', `ns-${i}`)));
  return { permissions: [{ id: GET, label: 'get secrets' }], subjects };
}

const ids = (g: Graph) => g.nodes.map((n) => n.id);
const byKind = (g: Graph, kind: string) => g.nodes.filter((n) => n.kind === kind);
const subjectsDrawn = (g: Graph) => g.nodes.filter((n) => ['User', 'Group', 'ServiceAccount'].includes(n.kind) || n.group?.key.startsWith('subjects:'));
const rolesDrawn = (g: Graph) => g.nodes.filter((n) => n.kind === 'ClusterRole' || n.kind === 'Role' || n.group?.key === ROLES_GROUP);
const hiddenSubjects = (g: Graph) => g.nodes.filter((n) => n.group?.key.startsWith('subjects:')).reduce((a, n) => a + n.group!.members, 0);

describe('needsSummary', () => {
  const pods = (n: number): EffectiveAnswer => ({
    serviceAccounts: [{ namespace: 'ns-0', name: 'app', inSnapshot: true, via: [{ kind: 'ServiceAccount', namespace: 'ns-0', name: 'app' }], scopes: ['ns-0'] }],
    pods: Array.from({ length: n }, (_, i) => ({ namespace: 'ns-0', name: `p${i}`, serviceAccount: 'app', automountServiceAccountToken: true })),
  });
  const accounts = (n: number): EffectiveAnswer => ({
    serviceAccounts: Array.from({ length: n }, (_, i) => ({ namespace: `x-${i}`, name: 'default', inSnapshot: true, via: [{ kind: 'Group', name: 'system:authenticated' }], scopes: ['cluster'] })),
    pods: [],
  });
  const oneSubjectManyBindings: AnswerGraphInput = { permissions: [{ id: GET, label: 'get secrets' }], subjects: [user('alice', ...Array.from({ length: SUMMARY_ROWS + 1 }, (_, i) => grant('view', 'b', `ns-${i}`)))] };
  const oneSubjectManyRoles: AnswerGraphInput = { permissions: [{ id: GET, label: 'get secrets' }], subjects: [user('alice', ...Array.from({ length: SUMMARY_ROWS + 1 }, (_, i) => grant(`r${i}`, `b${i}`, 'cluster')))] };
  // prettier-ignore
  const cases: { name: string; input: AnswerGraphInput; want: boolean }[] = [
    { name: 'rows subjects fit', input: wide(SUMMARY_ROWS, 1), want: false },
    { name: 'one subject more does not', input: wide(SUMMARY_ROWS + 1, 1), want: true },
    { name: 'one subject, a binding per namespace', input: oneSubjectManyBindings, want: true },
    { name: 'one subject, a role per binding', input: oneSubjectManyRoles, want: true },
    { name: 'pods: rows fit', input: { ...wide(1, 1), effective: pods(SUMMARY_ROWS) }, want: false },
    { name: 'pods: one more does not', input: { ...wide(1, 1), effective: pods(SUMMARY_ROWS + 1) }, want: true },
    { name: 'effective accounts count with the subjects', input: { ...wide(2, 1, [group('system:authenticated', grant('r', 'b', 'cluster'))]), effective: accounts(SUMMARY_ROWS - 2) }, want: true },
    { name: 'effective accounts that are subjects do not count twice', input: { ...wide(SUMMARY_ROWS, 1), effective: { serviceAccounts: wide(SUMMARY_ROWS, 1).subjects.map((s) => ({ namespace: s.namespace!, name: s.name, inSnapshot: true, via: [s], scopes: [] })), pods: [] } }, want: false },
  ];
  it.each(cases)('$name: $want', ({ input, want }) => {
    expect(needsSummary(input)).toBe(want);
  });
});

describe('drawAnswer', () => {
  it('draws a small answer whole: subject -> binding -> role -> permission', () => {
    const d = drawAnswer(wide(3, 2));
    expect(d.summarized).toBe(false);
    expect(d.groups).toEqual([]);
    expect(ids(d.graph)).toContain('RoleBinding/ns-0/read');
    expect(d.graph.edges.find((e) => e.source === 'ServiceAccount/ns-0/app')?.relation).toBe('bound-by');
  });

  it.each([20, 139, 1000])('%i subjects: every column within the rows, every subject named or counted once', (n) => {
    const d = drawAnswer(wide(n, 40));
    expect(d.summarized).toBe(true);
    expect(subjectsDrawn(d.graph).length).toBeLessThanOrEqual(SUMMARY_ROWS);
    expect(rolesDrawn(d.graph).length).toBeLessThanOrEqual(SUMMARY_ROWS);
    expect(d.namedSubjects + hiddenSubjects(d.graph)).toBe(n);
    expect(d.totalSubjects).toBe(n);
    // bindings are folded into 'holds' edges
    expect(byKind(d.graph, 'RoleBinding')).toEqual([]);
  });

  it('names the riskiest subjects (the input order) and groups the others by their best drawn role', () => {
    const d = drawAnswer(wide(30, 3, [group('system:authenticated', grant('cluster-reader', 'all-read', 'cluster'))]));
    expect(ids(d.graph)).toContain('Group/system:authenticated');
    expect(ids(d.graph)).toContain('ClusterRole/cluster-reader');
    const holds = d.graph.edges.find((e) => e.source === 'Group/system:authenticated')!;
    expect(holds).toMatchObject({ relation: 'holds', target: 'ClusterRole/cluster-reader', clusterWide: true, via: ['ClusterRoleBinding/all-read'] });
    expect(d.graph.nodes.find((n) => n.id === 'ClusterRole/cluster-reader')).toMatchObject({ detail: 'via all-read', clusterWide: true });
    const groups = d.graph.nodes.filter((n) => n.group?.key.startsWith('subjects:ClusterRole/role-'));
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) expect(g.label).toMatch(/^\d+ service accounts$/);
    // the last subjects are not drawn by name
    expect(ids(d.graph)).not.toContain('ServiceAccount/ns-29/app');
  });

  it('a role held through many bindings says how many', () => {
    const d = drawAnswer(wide(30, 1));
    expect(d.graph.nodes.find((n) => n.id === 'ClusterRole/role-0')?.detail).toBe('30 RoleBindings');
  });

  it('a click on a subject group names its next page; two clicks, two pages', () => {
    const first = drawAnswer(wide(60, 1));
    const key = first.groups.find((g) => g.key.startsWith('subjects:'))!.key;
    const hidden = first.groups.find((g) => g.key === key)!.members;
    const once = drawAnswer(wide(60, 1), { expanded: [key] });
    expect(once.namedSubjects).toBe(first.namedSubjects + SUBJECT_PAGE);
    expect(once.groups.find((g) => g.key === key)!.members).toBe(hidden - SUBJECT_PAGE);
    const twice = drawAnswer(wide(60, 1), { expanded: [key, key] });
    expect(twice.namedSubjects).toBe(first.namedSubjects + 2 * SUBJECT_PAGE);
    expect(twice.graph.nodes.find((n) => n.id === groupNodeId(key))?.label).toBe(`${hidden - 2 * SUBJECT_PAGE} service accounts`);
  });

  it('roles beyond the first few are one group that opens a page at a time', () => {
    const input = wide(60, 30);
    const d = drawAnswer(input);
    const roles = d.graph.nodes.find((n) => n.id === groupNodeId(ROLES_GROUP))!;
    expect(roles.group).toMatchObject({ expandable: true, members: 30 - Math.floor(SUMMARY_ROWS / 2) });
    expect(roles.label).toBe(`${roles.group!.members} more roles`);
    const opened = drawAnswer(input, { expanded: [ROLES_GROUP] });
    expect(opened.graph.nodes.find((n) => n.id === groupNodeId(ROLES_GROUP))?.group?.members).toBe(roles.group!.members - ROLE_PAGE);
    expect(opened.graph.nodes.filter((n) => n.kind === 'ClusterRole')).toHaveLength(Math.floor(SUMMARY_ROWS / 2) + ROLE_PAGE);
  });

  it('subjects whose roles are all in the role group form the "other" group', () => {
    const d = drawAnswer(wide(60, 30));
    const other = d.graph.nodes.find((n) => n.id === groupNodeId(OTHER_SUBJECTS))!;
    expect(d.graph.edges.some((e) => e.source === other.id && e.target === groupNodeId(ROLES_GROUP))).toBe(true);
  });

  it('a group of one is drawn as its member', () => {
    // 7 named + 1 more in a group of its own role
    const input = wide(SUMMARY_ROWS + 1, SUMMARY_ROWS + 1);
    const d = drawAnswer(input);
    for (const g of d.graph.nodes.filter((n) => n.group)) expect(g.group!.members).toBeGreaterThan(1);
  });

  it('permissions a role allows together are one node', () => {
    const both = sa('a', 'x', grant('reader', 'r', 'a', GET), grant('reader', 'r', 'a', LIST));
    const input: AnswerGraphInput = { permissions: [{ id: GET, label: 'get secrets' }, { id: LIST, label: 'list secrets' }], subjects: [both, ...wide(20, 1).subjects.map((s) => ({ ...s, grants: s.grants.map((g) => ({ ...g, permission: LIST })) }))] };
    const d = drawAnswer(input);
    const perms = byKind(d.graph, 'Permission');
    expect(perms.map((p) => p.label).sort()).toEqual(['get, list secrets', 'list secrets']);
    expect(d.graph.edges.filter((e) => e.relation === 'allows')).toHaveLength(2);
  });

  it('the whole graph also draws one node per set of permissions', () => {
    const input: AnswerGraphInput = {
      permissions: [{ id: GET, label: 'get secrets' }, { id: LIST, label: 'list secrets' }],
      subjects: [sa('a', 'x', grant('reader', 'r', 'a', GET), grant('reader', 'r', 'a', LIST)), sa('b', 'y', grant('lister', 'l', 'b', LIST))],
    };
    const d = drawAnswer(input);
    expect(d.summarized).toBe(false);
    expect(byKind(d.graph, 'Permission').map((p) => [p.id, p.label])).toEqual([['Permission/get secrets | list secrets', 'get, list secrets'], [LIST, 'list secrets']]);
    expect(d.graph.edges.filter((e) => e.relation === 'allows').map((e) => `${e.source} > ${e.target}`)).toEqual(['ClusterRole/reader > Permission/get secrets | list secrets', `ClusterRole/lister > ${LIST}`]);
    expect(ids(d.graph)).toContain('RoleBinding/a/r');
  });

  it('effective: accounts under the group that allows them, pods counted; a click names them', () => {
    const everyone = group('system:authenticated', grant('reader', 'all', 'cluster'));
    const accounts = Array.from({ length: 30 }, (_, i) => ({ namespace: `t-${i}`, name: 'default', inSnapshot: true, via: [{ kind: 'Group' as const, name: 'system:authenticated' }], scopes: ['cluster'] }));
    const pods = accounts.map((a, i) => ({ namespace: a.namespace, name: `pod-${i}`, serviceAccount: 'default', automountServiceAccountToken: i % 2 === 0 }));
    const input: AnswerGraphInput = { ...wide(20, 2, [everyone]), effective: { serviceAccounts: accounts, pods } };
    const d = drawAnswer(input);
    const key = 'effective:Group/system:authenticated';
    const node = d.graph.nodes.find((n) => n.id === groupNodeId(key))!;
    expect(node).toMatchObject({ label: '30 service accounts', detail: '30 pods, 15 with a token' });
    expect(d.graph.edges.find((e) => e.source === node.id)).toMatchObject({ relation: 'member-of', target: 'Group/system:authenticated', count: 30 });
    const opened = drawAnswer(input, { expanded: [key] });
    expect(opened.graph.edges.find((e) => e.source === 'ServiceAccount/t-0/default')).toMatchObject({ relation: 'member-of', target: 'Group/system:authenticated' });
    expect(opened.graph.edges.find((e) => e.source === 'Pod/t-0/pod-0')).toMatchObject({ relation: 'runs-as', target: 'ServiceAccount/t-0/default' });
  });
});

describe('compactLabel', () => {
  // prettier-ignore
  const cases = [
    { labels: ['get secrets'], want: 'get secrets' },
    { labels: ['get secrets', 'list secrets', 'watch secrets'], want: 'get, list, watch secrets' },
    { labels: ['create pods/exec', 'get pods/exec'], want: 'create, get pods/exec' },
    { labels: ['impersonate users', 'impersonate groups'], want: 'impersonate users; impersonate groups' },
    { labels: ['get /metrics'], want: 'get /metrics' },
  ];
  it.each(cases)('$want', ({ labels, want }) => expect(compactLabel(labels)).toBe(want));
});

describe('focusAnswer', () => {
  const everyone = group('system:authenticated', grant('reader', 'all', 'cluster'));
  const alice = user('alice', grant('admin', 'alice-admin', 'team-a'), grant('reader', 'alice-read', 'cluster', LIST));
  const effective: EffectiveAnswer = {
    serviceAccounts: [{ namespace: 't', name: 'default', inSnapshot: true, via: [{ kind: 'Group', name: 'system:authenticated' }], scopes: ['cluster'] }],
    pods: [{ namespace: 't', name: 'web', serviceAccount: 'default', automountServiceAccountToken: true }],
  };
  const input: AnswerGraphInput = { permissions: [{ id: GET, label: 'get secrets' }, { id: LIST, label: 'list secrets' }], subjects: [everyone, alice], effective };
  const subjectsOf = (i: AnswerGraphInput | undefined) => i?.subjects.map((s) => `${nodeId(s)}:${s.grants.length}`);
  // prettier-ignore
  const cases = [
    { name: 'a subject keeps all its grants', id: 'User/alice', want: ['User/alice:2'], accounts: 0 },
    { name: 'a group keeps the accounts allowed through it', id: 'Group/system:authenticated', want: ['Group/system:authenticated:1'], accounts: 1 },
    { name: 'a role keeps the grants of that role', id: 'ClusterRole/reader', want: ['Group/system:authenticated:1', 'User/alice:1'], accounts: 1 },
    { name: 'a binding keeps its grants', id: 'RoleBinding/team-a/alice-admin', want: ['User/alice:1'], accounts: 0 },
    { name: 'a permission keeps the grants for it', id: LIST, want: ['User/alice:1'], accounts: 0 },
    { name: 'a pod keeps its account and who allows it', id: 'Pod/t/web', want: ['Group/system:authenticated:1'], accounts: 1 },
    { name: 'an effective account likewise', id: 'ServiceAccount/t/default', want: ['Group/system:authenticated:1'], accounts: 1 },
    { name: 'an unknown id', id: 'User/bob', want: undefined, accounts: undefined },
  ];
  it.each(cases)('$name', ({ id, want, accounts }) => {
    const f = focusAnswer(input, id);
    expect(subjectsOf(f)).toEqual(want);
    expect(f?.effective?.serviceAccounts.length).toBe(accounts);
  });
});
