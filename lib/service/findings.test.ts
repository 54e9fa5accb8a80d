import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFindings, scanReport, type ScanOptions } from '../engine/findings/index';
import { findingKindOf } from '../engine/findings/catalog';
import type { Finding, FindingsResult } from '../engine/findings/types';
import { findingGraph, findingQueryView } from './finding-view';
import { exportFindings, findingsExportParams } from './findings-export';
import {
  filterFindings,
  findingHref,
  findingsView,
  parseFindingsParams,
  riskByNamespace,
  riskBySubject,
  escalationBySubject,
  riskOfNodes,
  sortFindings,
  subjectFindings,
} from './findings';
import { loadSource } from './source';

let all: FindingsResult;
/** The scan pipeline's report of the demo, as scan.ts builds it for the web app (no config). */
const report = (options: Partial<ScanOptions> = {}) => scanReport(all, { today: '2026-01-01', tool: { name: 'rbac-atlas', version: 'test' }, source: 'demo', ...options });
const byId = (id: string): Finding => all.findings.find((f) => f.id === id)!;
const GITLAB = 'cluster-admin:ServiceAccount/ci/gitlab-runner@cluster';

beforeAll(async () => {
  const demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
  all = analyzeFindings(demo, undefined);
});

describe('parseFindingsParams', () => {
  // prettier-ignore
  const ok: { name: string; raw: Record<string, string>; want: object }[] = [
    { name: 'nothing', raw: {}, want: {} },
    { name: 'empty values are absent', raw: { sev: '', kind: ' ', q: '' }, want: {} },
    { name: 'severity list', raw: { sev: 'critical,high' }, want: { sev: ['critical', 'high'] } },
    { name: 'kebab kind, cluster scope, flags', raw: { kind: 'read-secrets', ns: '_cluster', builtin: '1', all: 'true' }, want: { kind: 'read-secrets', ns: '_cluster', builtin: true, all: true } },
    { name: 'PascalCase kind is accepted', raw: { kind: 'ReadSecrets' }, want: { kind: 'ReadSecrets' } },
    { name: 'sort and direction', raw: { sort: 'scope', dir: 'desc' }, want: { sort: 'scope', dir: 'desc' } },
  ];
  it.each(ok)('$name', ({ raw, want }) => expect(parseFindingsParams(raw)).toEqual(want));
  // prettier-ignore
  const bad: { name: string; raw: Record<string, string>; message: RegExp }[] = [
    { name: 'unknown severity', raw: { sev: 'urgent' }, message: /expected one of/ },
    { name: 'unknown kind', raw: { kind: 'secrets' }, message: /unknown finding kind/ },
    { name: 'not a namespace', raw: { ns: 'Bad_NS' }, message: /not a namespace name/ },
    { name: 'unknown sort key', raw: { sort: 'id' }, message: /sort/ },
  ];
  it.each(bad)('rejects $name', ({ raw, message }) => expect(() => parseFindingsParams(raw)).toThrow(message));
});

describe('filters and sort', () => {
  const reported = () => report().findings;
  it('the built-in switch: reported findings and the hidden count, as scan does', () => {
    const r = report();
    expect(r.findings).toHaveLength(61); // 55 + the path findings (1 to cluster-admin, 5 to a node)
    expect(r.hiddenBuiltin).toBe(84);
    expect(r.findings.some((f) => f.builtin)).toBe(false);
    expect(report({ includeBuiltin: true }).findings).toHaveLength(145);
  });
  // prettier-ignore
  const cases: { name: string; raw: Record<string, string>; want: number; check?: (f: Finding) => boolean }[] = [
    { name: 'severity', raw: { sev: 'critical' }, want: 20, check: (f) => f.severity === 'critical' },
    { name: 'two severities', raw: { sev: 'critical,high' }, want: 37 },
    { name: 'kind', raw: { kind: 'cluster-admin' }, want: 3, check: (f) => f.kind === 'ClusterAdmin' },
    { name: 'namespace: its findings and the cluster-wide findings about subjects (they apply there too)', raw: { ns: 'argocd' }, want: 41, check: (f) => f.scope === 'argocd' || (f.scope === 'cluster' && f.subject !== undefined) },
    { name: 'cluster-wide', raw: { ns: '_cluster' }, want: 43, check: (f) => f.scope === 'cluster' },
    { name: 'text, every word, any case', raw: { q: 'GITLAB admin' }, want: 1 },
    { name: 'no match', raw: { q: 'nothing-like-this' }, want: 0 },
  ];
  it.each(cases)('$name', ({ raw, want, check }) => {
    const got = filterFindings(reported(), parseFindingsParams(raw));
    expect(got).toHaveLength(want);
    if (check) expect(got.every(check)).toBe(true);
  });
  it('default order is the engine order; other keys sort with ties in engine order; dir reverses', () => {
    const list = reported();
    expect(sortFindings(list)).toEqual(list);
    const byScope = sortFindings(list, 'scope');
    expect(byScope[0]!.scope).toBe('cluster');
    expect(byScope.at(-1)!.scope).toBe('team-a');
    expect(sortFindings(list, 'scope', 'desc')[0]!.scope).toBe('team-a');
    expect(sortFindings(list, 'severity', 'asc')[0]!.severity).toBe('low');
    const byTarget = sortFindings(list, 'target').map((f) => f.id);
    expect(byTarget[0]).toBe('wildcard-rule:ClusterRole/argocd-application-controller@cluster');
  });
});

describe('findingsView', () => {
  it('counts ignore the filters, the table does not; the chart is by scope', () => {
    const v = findingsView(report(), parseFindingsParams({ sev: 'critical' }));
    expect(v.counts).toEqual({ critical: 20, high: 17, medium: 20, low: 4, total: 61 });
    expect(v.matched).toBe(20);
    expect(v.rows).toHaveLength(20);
    expect(v.byScope[0]).toMatchObject({ scope: 'cluster', label: 'cluster-wide', total: 43 });
    expect(v.scopes[0]).toBe('cluster');
    expect(v.kinds.find((k) => k.id === 'cluster-admin')).toEqual({ id: 'cluster-admin', title: 'Cluster-admin equivalent', count: 3 });
    const row = v.rows.find((r) => r.id === GITLAB)!;
    expect(row).toMatchObject({ severity: 'critical', kindId: 'cluster-admin', target: 'ci/gitlab-runner', targetKind: 'ServiceAccount', scope: 'cluster', pods: '1 pod (1 with token)' });
  });
  it('with built-in findings the counts grow and the hidden count is 0', () => {
    const v = findingsView(report({ includeBuiltin: true }), parseFindingsParams({ builtin: '1' }));
    expect(v.counts.total).toBe(145);
    expect(v.hiddenBuiltin).toBe(0);
  });
});

describe('links and risk marks', () => {
  it('a finding opens the explorer with its subject (or object) selected', () => {
    expect(findingHref(byId(GITLAB))).toBe('/?finding=cluster-admin%3AServiceAccount%2Fci%2Fgitlab-runner%40cluster&sel=ServiceAccount%2Fci%2Fgitlab-runner');
    expect(findingHref(byId('dangling-binding:RoleBinding/team-a/old-deployer@team-a'))).toMatch(/&sel=RoleBinding%2Fteam-a%2Fold-deployer$/);
  });
  it('subjects: the highest of their high/critical findings, never from built-in ones', () => {
    const risk = riskBySubject(all.findings);
    expect(risk.get('Group/platform-team')).toBe('critical');
    expect(risk.get('ServiceAccount/kube-system/kube-state-metrics')).toBe('high');
    expect(risk.get('User/jane@example.com')).toBe('high'); // path-to-node (a privileged pod in team-a)
    expect(risk.get('ServiceAccount/kube-system/deployment-controller')).toBeUndefined(); // built-in
    expect(riskOfNodes([{ id: 'Group/platform-team' }, { id: 'ClusterRole/edit' }], risk)).toEqual({ 'Group/platform-team': 'critical' });
  });
  it('escalation badges: the fewest steps of the path findings, cluster-admin before node, never from built-in ones', () => {
    const esc = escalationBySubject(all.findings);
    expect(esc.get('Group/system:authenticated')).toEqual({ to: 'cluster-admin', steps: 1 });
    expect(esc.get('User/jane@example.com')).toEqual({ to: 'node', steps: 1 });
    expect(esc.get('ServiceAccount/kube-system/node-debugger')).toEqual({ to: 'node', steps: 1 });
    expect(esc.get('Group/platform-team')).toBeUndefined(); // holds cluster-admin: no path, its own finding
    expect(esc.get('ServiceAccount/kube-system/deployment-controller')).toBeUndefined(); // built-in
  });
  it('namespaces: high and critical findings scoped to them', () => {
    const ns = riskByNamespace(all.findings);
    expect(ns.argocd).toEqual({ critical: 1, high: 2 });
    expect(ns['team-a']).toBeUndefined();
    expect(ns.cluster).toBeUndefined();
  });
  it("a subject's own findings, and for a ServiceAccount those of the groups its token carries, marked", () => {
    const rows = (id: string) => subjectFindings(report().findings, id).map((r) => `${r.kindId}${r.through ? ` (through ${r.through})` : ''}`);
    expect(rows('ServiceAccount/ci/namespace-provisioner')).toEqual([
      'path-to-cluster-admin (through Group system:authenticated)',
      'escalate',
      'bind',
      'nodes-proxy (through Group system:authenticated)',
      'exec-pods (through Group system:authenticated)',
      'authenticated-access (through Group system:authenticated)',
      'read-secrets (through Group system:authenticated)',
      'patch-namespaces',
    ]);
    // issue 12: team-a/api reads every Secret through system:authenticated, not only those of team-a
    expect(rows('ServiceAccount/team-a/api')).toContain('read-secrets (through Group system:authenticated)');
    // near miss: a user or a group gets its own findings only
    expect(rows('User/jane@example.com').every((r) => !r.includes('through'))).toBe(true);
  });
  it('risk marks: a grant to system:serviceaccounts[:ns] marks the ServiceAccounts it reaches; system:authenticated only itself', () => {
    const group = (name: string, members: string[]): Finding => ({
      ...byId('cluster-admin:Group/platform-team@cluster'),
      id: `cluster-admin:Group/${name}@cluster`,
      subject: { kind: 'Group', name },
      members: { who: 'test', serviceAccounts: members.map((m) => ({ namespace: m.split('/')[0]!, name: m.split('/')[1]! })) },
    } as Finding);
    const risk = riskBySubject([group('system:serviceaccounts:default', ['default/default', 'default/web']), group('system:authenticated', ['team-a/api'])]);
    expect([...risk.keys()].sort()).toEqual(['Group/system:authenticated', 'Group/system:serviceaccounts:default', 'ServiceAccount/default/default', 'ServiceAccount/default/web']);
  });
});

describe('one finding in the explorer', () => {
  it('draws subject -> binding -> role -> permission and the pods running as the service account', () => {
    const g = findingGraph(byId(GITLAB));
    expect(g.edges.map((e) => `${e.source} ${e.relation} ${e.target}`).sort()).toEqual([
      'ClusterRole/cluster-admin allows Permission/* *.*',
      'ClusterRoleBinding/gitlab-runner-cluster-admin grants ClusterRole/cluster-admin',
      expect.stringMatching(/^Pod\/ci\/gitlab-runner-[a-z0-9-]+ runs-as ServiceAccount\/ci\/gitlab-runner$/),
      'ServiceAccount/ci/gitlab-runner bound-by ClusterRoleBinding/gitlab-runner-cluster-admin',
    ]);
    expect(g.nodes.find((n) => n.id === 'ClusterRole/cluster-admin')?.matchedRules).toEqual([0]);
    expect(g.nodes.find((n) => n.id === 'ServiceAccount/ci/gitlab-runner')?.namespace).toBe('ci');
  });
  it('an object finding draws its own paths (a dangling binding and its missing role)', () => {
    const g = findingGraph(byId('dangling-binding:RoleBinding/team-a/old-deployer@team-a'));
    expect(g.edges.map((e) => `${e.source} ${e.relation} ${e.target}`)).toEqual(['RoleBinding/team-a/old-deployer grants Role/team-a/deployer-legacy']);
  });
  it('the view: title, scope, the subject in the list, notes', () => {
    const v = findingQueryView(byId(GITLAB), {});
    expect(v.title).toBe('Cluster-admin equivalent: ServiceAccount ci/gitlab-runner (cluster-wide)');
    expect(v.namespace).toBe('');
    expect(v.counts).toEqual({ User: 0, Group: 0, ServiceAccount: 1, total: 1 });
    expect(v.subjects[0]).toMatchObject({ id: 'ServiceAccount/ci/gitlab-runner', scopes: ['cluster'], grantCount: 1 });
    expect(v.finding).toMatchObject({ severity: 'critical', kindId: 'cluster-admin', podCount: 1, tokenMounted: true });
    expect(v.warnings[0]).toMatch(/^Also covers: “Change admission webhooks or policies”, /);
  });
});

describe('exports', () => {
  const file = (raw: Record<string, string>) => {
    const p = findingsExportParams.parse(raw);
    return exportFindings(report({ includeBuiltin: p.builtin === true, ...(p.kind ? { kinds: [findingKindOf(p.kind)!] } : {}) }), p);
  };
  it.each([
    ['json', 'rbac-atlas-findings.json', 'application/json', /^\{\n {2}"tool"/],
    ['csv', 'rbac-atlas-findings.csv', 'text/csv; charset=utf-8', /^id,severity,/],
    ['sarif', 'rbac-atlas-findings.sarif', 'application/sarif+json', /"version": "2\.1\.0"/],
    ['markdown', 'rbac-atlas-findings.md', 'text/markdown; charset=utf-8', /^# RBAC Atlas scan/],
    ['html', 'rbac-atlas-findings.html', 'text/html; charset=utf-8', /^<!doctype html>/],
  ])('%s', async (format, filename, contentType, body) => {
    const f = await file({ format });
    expect(f).toMatchObject({ filename, contentType });
    expect(f.body).toMatch(body);
  });
  it('the filters, the built-in switch and the sort apply; every row, not the first page', async () => {
    const critical = JSON.parse((await file({ format: 'json', sev: 'critical' })).body);
    expect(critical.summary).toMatchObject({ total: 20, hiddenBuiltin: 84 });
    const builtin = JSON.parse((await file({ format: 'json', builtin: '1', sort: 'scope', dir: 'desc' })).body);
    expect(builtin.findings).toHaveLength(145);
    expect(builtin.findings[0].scope).toBe('team-a');
    const sarif = JSON.parse((await file({ format: 'sarif', kind: 'cluster-admin' })).body);
    expect(sarif.runs[0].results).toHaveLength(3);
  });
  it('rejects an unknown format', () => {
    expect(() => findingsExportParams.parse({ format: 'xml' })).toThrow();
  });
});
