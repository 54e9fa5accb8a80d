import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeId, type AnswerSubject } from '../engine/graph';
import { SUMMARY_ROWS } from '../engine/graph-summary';
import type { AtlasIndex } from '../engine/query-index';
import { buildQueryView, formatExpanded, parseExpanded, rankSubjects } from './answer-view';
import { questionDocument } from './answers';
import { exportEffective } from './export';
import { riskBySubject } from './findings';
import { parseQueryParams, resolveQuery } from './query';
import { loadSource } from './source';
import { scanFindings } from '../engine/findings/index';

let demo: AtlasIndex;
beforeAll(async () => {
  demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
});

const view = (params: Record<string, string>, risk = new Map()) => buildQueryView(demo, parseQueryParams(params), { risk });
const grant = (scope: string) => ({ binding: { kind: 'RoleBinding', name: 'b', namespace: scope }, role: { kind: 'ClusterRole', name: 'r' }, rule: { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: [], nonResourceURLs: [] }, ruleIndex: 0, scope, permission: 'Permission/get secrets' });
const subject = (kind: AnswerSubject['kind'], name: string, ...scopes: string[]): AnswerSubject => ({ kind, name, ...(kind === 'ServiceAccount' ? { namespace: 'ns' } : {}), grants: scopes.map(grant) });

describe('rankSubjects', () => {
  // prettier-ignore
  const cases: { name: string; subjects: AnswerSubject[]; risk?: [string, 'critical' | 'high'][]; want: string[] }[] = [
    { name: 'a finding first', subjects: [subject('User', 'a', 'cluster'), subject('User', 'b', 'x')], risk: [['User/b', 'critical']], want: ['User/b', 'User/a'] },
    { name: 'critical before high', subjects: [subject('User', 'a', 'x'), subject('User', 'b', 'x')], risk: [['User/a', 'high'], ['User/b', 'critical']], want: ['User/b', 'User/a'] },
    { name: 'cluster-wide before namespaced', subjects: [subject('User', 'a', 'x', 'y', 'z'), subject('User', 'b', 'cluster')], want: ['User/b', 'User/a'] },
    { name: 'then groups everyone is in', subjects: [subject('Group', 'admins', 'cluster'), subject('Group', 'system:authenticated', 'cluster')], want: ['Group/system:authenticated', 'Group/admins'] },
    { name: 'then more namespaces', subjects: [subject('User', 'a', 'x'), subject('User', 'b', 'x', 'y')], want: ['User/b', 'User/a'] },
    { name: 'near miss: namespaces do not count once cluster-wide', subjects: [subject('User', 'a', 'cluster', 'x', 'y'), subject('Group', 'g', 'cluster')], want: ['Group/g', 'User/a'] },
    { name: 'then groups, service accounts, users', subjects: [subject('User', 'u', 'x'), subject('ServiceAccount', 's', 'x'), subject('Group', 'g', 'x')], want: ['Group/g', 'ServiceAccount/ns/s', 'User/u'] },
    { name: 'then by name', subjects: [subject('User', 'b', 'x'), subject('User', 'a', 'x')], want: ['User/a', 'User/b'] },
  ];
  it.each(cases)('$name', ({ subjects, risk = [], want }) => {
    expect(rankSubjects(subjects, new Map(risk)).map((s) => nodeId(s))).toEqual(want);
  });
});

describe('expand parameter', () => {
  // prettier-ignore
  const cases = [
    { name: 'keys with commas survive', keys: ['subjects:ClusterRole/a,b', 'roles'] },
    { name: 'a key twice is two clicks', keys: ['roles', 'roles'] },
    { name: 'effective and pods keys', keys: ['effective:Group/system:authenticated', 'pods:ServiceAccount/ns/app'] },
  ];
  it.each(cases)('$name', ({ keys }) => expect(parseExpanded(formatExpanded(keys))).toEqual(keys));
  it.each(['bogus', '%E0%A4%A', 'subjects:'])('drops %j', (raw) => expect(parseExpanded(raw)).toEqual([]));
});

describe('the landing answer on the demo', () => {
  it('lists subjects riskiest first and summarises the graph within the rows', () => {
    const risk = riskBySubject(scanFindings(demo, { includeBuiltin: true }).findings);
    const v = view({}, risk);
    expect(v.counts.total).toBeGreaterThan(20);
    // critical first, then high, then the rest
    const levels = v.subjects.map((s) => (s.risk === 'critical' ? 0 : s.risk === 'high' ? 1 : 2));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(v.graph.summarized).toBe(true);
    expect(v.graph.totalSubjects).toBe(v.counts.total);
    // the first subjects of the list are the ones drawn by name
    const drawn = new Set(v.graph.graph.nodes.map((n) => n.id));
    for (const s of v.subjects.slice(0, v.graph.namedSubjects)) expect(drawn.has(s.id), s.id).toBe(true);
    const subjectNodes = v.graph.graph.nodes.filter((n) => ['User', 'Group', 'ServiceAccount'].includes(n.kind) || n.group?.key.startsWith('subjects:'));
    expect(subjectNodes.length).toBeLessThanOrEqual(SUMMARY_ROWS);
    // no internal ids in labels
    for (const n of v.graph.graph.nodes) expect(n.label).not.toMatch(/^(kind|ns|more|subjects|roles):|Collapsed\//);
  });

  it('focus on a hidden subject draws its own paths with their bindings', () => {
    const v = view({ preset: 'read-secrets', focus: 'ServiceAccount/kube-system/token-cleaner' });
    expect(v.graph.focus).toBe('ServiceAccount/kube-system/token-cleaner');
    expect(v.graph.summarized).toBe(false);
    expect(v.graph.graph.nodes.map((n) => n.kind)).toContain('RoleBinding');
  });

  it('effective: service accounts and pods listed, token-mounted pods first', () => {
    const v = view({ verb: 'list', resource: 'secrets', effective: '1' });
    const e = v.effective!;
    expect(e.totalServiceAccounts).toBe(e.serviceAccounts.length);
    expect(e.totalPods).toBeGreaterThan(0);
    const mounted = e.pods.map((p) => p.tokenMounted);
    expect(mounted).toEqual([...mounted].sort((a, b) => Number(b) - Number(a)));
    expect(e.podsWithToken).toBe(e.pods.filter((p) => p.tokenMounted).length);
    expect(e.serviceAccounts.some((a) => a.via.includes('system:authenticated'))).toBe(true);
    expect(e.pods.every((p) => p.id === `Pod/${p.namespace}/${p.name}`)).toBe(true);
  });
});

describe('effective exports', () => {
  const doc = () => questionDocument(demo, resolveQuery(parseQueryParams({ preset: 'read-secrets' })), { effective: true });
  it('pods CSV: one line per pod with node, owner and token', () => {
    const file = exportEffective(doc(), 'pods', 'csv');
    const lines = file.body.trim().split('\r\n');
    expect(lines[0]).toBe('namespace,pod,node,owner_kind,owner_name,service_account,token_mounted,allowed_through,scopes');
    expect(file.filename).toBe('rbac-atlas-read-secrets-pods.csv');
    expect(lines.length - 1).toBe(view({ preset: 'read-secrets', effective: '1' }).effective!.totalPods);
    expect(lines.slice(1).every((l) => /,(true|false),/.test(l))).toBe(true);
  });
  it('service accounts CSV: one line per account with what allows it', () => {
    const lines = exportEffective(doc(), 'service-accounts', 'csv').body.trim().split('\r\n');
    expect(lines[0]).toBe('namespace,service_account,in_snapshot,allowed_through,scopes,pods');
    expect(lines.some((l) => l.includes('Group/system:authenticated'))).toBe(true);
  });
  it('JSON is the who-can --effective document', () => {
    const body = JSON.parse(exportEffective(doc(), 'pods', 'json').body);
    expect(body.preset).toBe('read-secrets');
    expect(Object.keys(body.answers[0])).toEqual(['request', 'subjects', 'serviceAccounts', 'pods', 'warnings']);
  });
});
