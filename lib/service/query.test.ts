import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AtlasIndex } from '../engine/query-index';
import { isAllNamespaces, requestLabel } from '../engine/request';
import { buildQueryView, mergeDocument } from './answer-view';
import { questionDocument } from './answers';
import { csvField, csvLines, exportAnswer } from './export';
import { namespaceDetail, namespaceList } from './namespaces';
import { objectDetail } from './objects';
import { PRESETS } from './presets';
import { ALL_NS, CLUSTER_NS, firstValues, parseQueryParams, resolveQuery } from './query';
import { search } from './search';
import { loadSource } from './source';
import { searchSubjects, subjectView } from './subjects';
import { parseUpload } from './upload';

let demo: AtlasIndex;
beforeAll(async () => {
  demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
});

const q = (params: Record<string, string>) => resolveQuery(parseQueryParams(params));

describe('resolveQuery', () => {
  // prettier-ignore
  const cases: { name: string; params: Record<string, string>; want: { label: string; namespace: string; all: boolean; type?: string }[] }[] = [
    { name: 'no params: the default preset, all namespaces', params: {}, want: [
      { label: 'get secrets', namespace: '', all: true }, { label: 'list secrets', namespace: '', all: true }, { label: 'watch secrets', namespace: '', all: true }] },
    { name: 'free query in a namespace', params: { verb: 'get', resource: 'secrets', ns: 'prod' }, want: [{ label: 'get secrets', namespace: 'prod', all: false }] },
    { name: 'free query, all namespaces (no ns)', params: { verb: 'create', resource: 'pods/exec' }, want: [{ label: 'create pods/exec', namespace: '', all: true }] },
    { name: 'free query, all namespaces (ns=_all)', params: { verb: 'create', resource: 'pods/exec', ns: ALL_NS }, want: [{ label: 'create pods/exec', namespace: '', all: true }] },
    { name: 'cluster-scoped', params: { verb: 'delete', resource: 'namespaces', ns: CLUSTER_NS }, want: [{ label: 'delete namespaces', namespace: '', all: false }] },
    { name: 'group suffix and name', params: { verb: 'patch', resource: 'deployments.apps', name: 'web', ns: 'a' }, want: [{ label: 'patch deployments.apps web', namespace: 'a', all: false }] },
    { name: '--api-group', params: { verb: 'get', resource: 'widgets', group: 'example.com' }, want: [{ label: 'get widgets.example.com', namespace: '', all: true }] },
    { name: 'non-resource URL (no ns: all namespaces, which is cluster-scoped for a URL)', params: { verb: 'get', url: '/healthz' }, want: [{ label: 'get /healthz', namespace: '', all: false, type: 'nonResource' }] },
    { name: 'preset keeps cluster-scoped requests cluster-scoped', params: { preset: 'delete-namespaces', ns: 'prod' }, want: [{ label: 'delete namespaces', namespace: '', all: false }] },
  ];
  it.each(cases)('$name', ({ params, want }) => {
    const got = q(params).requests.map(({ scoped }) => ({
      label: requestLabel(scoped.request),
      namespace: scoped.request.type === 'resource' ? scoped.request.namespace : '',
      all: isAllNamespaces(scoped),
      ...(scoped.request.type === 'nonResource' ? { type: 'nonResource' } : {}),
    }));
    expect(got, JSON.stringify(params)).toEqual(want);
  });

  // prettier-ignore
  const bad: { name: string; params: Record<string, string>; error: RegExp }[] = [
    { name: 'no resource', params: { verb: 'get' }, error: /missing resource/ },
    { name: 'no verb', params: { resource: 'secrets' }, error: /missing verb/ },
    { name: 'both resource and URL', params: { verb: 'get', resource: 'pods', url: '/x' }, error: /cannot be combined with resource/ },
    { name: 'a URL in a namespace', params: { verb: 'get', url: '/x', ns: 'a' }, error: /a non-resource request has no namespace/ },
    { name: 'bad subresource', params: { verb: 'get', resource: 'pods/' }, error: /SUBRESOURCE/ },
    { name: 'unknown preset', params: { preset: 'nope' }, error: /preset/ },
  ];
  it.each(bad)('rejects: $name', ({ params, error }) => {
    expect(() => q(params)).toThrow(error);
  });

  it('every preset resolves to valid requests', () => {
    for (const p of PRESETS) expect(q({ preset: p.id }).requests.length, p.id).toBe(p.requests.length);
  });

  it('firstValues takes the first of repeated params', () => {
    expect(firstValues({ a: ['1', '2'], b: '3', c: undefined })).toEqual({ a: '1', b: '3' });
    expect(firstValues(new URLSearchParams('a=1&a=2&b='))).toEqual({ a: '1', b: '' });
  });
});

describe('runQuery on the demo', () => {
  it('merges the answers of a preset by subject, each grant tagged with its request', () => {
    const answer = mergeDocument(questionDocument(demo, q({ preset: 'exec-pods' })));
    const keys = answer.subjects.map((s) => `${s.kind}/${s.namespace ? `${s.namespace}/` : ''}${s.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    const masters = answer.subjects.find((s) => s.name === 'system:masters')!;
    expect(new Set(masters.grants.map((g) => g.permission))).toEqual(new Set(['Permission/create pods/exec', 'Permission/get pods/exec']));
  });
  it('the view counts subjects by kind and builds the graph', () => {
    const view = buildQueryView(demo, parseQueryParams({ verb: 'get', resource: 'secrets', ns: 'team-a' }));
    expect(view.counts.total).toBe(view.subjects.length);
    expect(view.counts.User + view.counts.Group + view.counts.ServiceAccount).toBe(view.counts.total);
    expect(view.graph.graph.nodes.some((n) => n.id === 'Permission/get secrets')).toBe(true);
    expect(view.subjects.map((s) => s.id)).toContain('User/jane@example.com');
  });
  it('focus keeps only the paths through one node', () => {
    const view = buildQueryView(demo, parseQueryParams({ preset: 'read-secrets', focus: 'Group/system:authenticated' }));
    expect(view.graph.focus).toBe('Group/system:authenticated');
    expect(view.graph.graph.nodes.filter((n) => n.kind === 'Group').map((n) => n.id)).toEqual(['Group/system:authenticated']);
  });
  it('effective adds service accounts and pods', () => {
    const view = buildQueryView(demo, parseQueryParams({ verb: 'list', resource: 'secrets', effective: '1' }));
    expect(view.effective?.serviceAccounts).toBeGreaterThan(0);
    expect(view.graph.graph.nodes.some((n) => n.kind === 'Pod' || n.kind === 'Collapsed')).toBe(true);
  });
});

describe('exports', () => {
  it('JSON of a free query is the CLI who-can shape', () => {
    const file = exportAnswer(questionDocument(demo, q({ verb: 'get', resource: 'secrets', ns: 'team-a' })), 'json');
    const body = JSON.parse(file.body);
    expect(Object.keys(body)).toEqual(['request', 'subjects', 'warnings']);
    expect(body.request).toMatchObject({ verb: 'get', resource: 'secrets', namespace: 'team-a', allNamespaces: false });
    expect(file.filename).toBe('rbac-atlas-get-secrets.json');
  });
  it('CSV has one line per grant', () => {
    const file = exportAnswer(questionDocument(demo, q({ preset: 'read-secrets' })), 'csv');
    const lines = file.body.trim().split('\r\n');
    expect(lines[0]).toBe('permission,subject_kind,subject_namespace,subject_name,scope,binding,role,rule_index,rule');
    expect(lines.some((l) => l.startsWith('get secrets,Group,,system:masters,cluster,ClusterRoleBinding/cluster-admin,ClusterRole/cluster-admin'))).toBe(true);
  });
  // prettier-ignore
  const fields = [
    { in: 'plain', want: 'plain' }, { in: 'a,b', want: '"a,b"' }, { in: 'say "hi"', want: '"say ""hi"""' },
    { in: 'two\nlines', want: 'two\\nlines' }, { in: '=cmd()', want: "'=cmd()" }, { in: '-1', want: "'-1" }, { in: '', want: '' },
  ];
  it.each(fields)('csvField($in)', ({ in: value, want }) => expect(csvField(value)).toBe(want));
  it('csvLines ends every line with CRLF', () => expect(csvLines(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n'));
});

describe('namespaces, subjects, search, objects on the demo', () => {
  it('namespace list has counts and a risk hint', () => {
    const a = namespaceList(demo).find((n) => n.name === 'team-a')!;
    expect(a).toMatchObject({ roleBindings: 4, roles: 2, serviceAccounts: 2, pods: 4 });
    expect(a.risk.readSecrets).toBeGreaterThan(a.risk.exec);
  });
  it('namespace detail lists its RoleBindings and every ClusterRoleBinding', () => {
    const d = namespaceDetail(demo, 'team-a');
    expect(d.bindings.filter((b) => b.kind === 'RoleBinding')).toHaveLength(4);
    expect(d.clusterBindings).toBe(demo.snapshot.clusterRoleBindings.length);
    expect(d.matrix.rows.length).toBeGreaterThan(0);
    expect(() => namespaceDetail(demo, 'nope')).toThrow(/not in the data source/);
  });
  it('subject search and view', () => {
    expect(searchSubjects(demo, 'gitlab').items.map((s) => s.id)).toContain('ServiceAccount/ci/gitlab-runner');
    const v = subjectView(demo, { kind: 'ServiceAccount', namespace: 'ci', name: 'gitlab-runner' });
    expect(v.scopes[0]?.scope).toBe('cluster');
    expect(v.pods.length).toBe(1);
    expect(v.dangling.map((d) => d.binding)).toEqual(['RoleBinding/team-a/old-deployer']);
  });
  it('search ranks exact names first', () => {
    const r = search(demo, 'admin');
    expect(r.hits[0]?.id).toBe('ClusterRole/admin');
    expect(search(demo, '   ').hits).toEqual([]);
  });
  it('object detail renders YAML and rules', () => {
    const d = objectDetail(demo, 'ClusterRole/cluster-admin');
    expect(d.yaml).toContain('kind: ClusterRole');
    expect(d.rules?.[0]?.verbs).toBe('*');
    expect(d.related.map((r) => r.id)).toContain('ClusterRoleBinding/cluster-admin');
    expect(() => objectDetail(demo, 'Role/x/missing')).toThrow(/not in the data source/);
  });
});

describe('parseUpload', () => {
  const yaml = `apiVersion: v1
kind: Secret
metadata: {name: s, namespace: a}
data: {token: c2VjcmV0}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: bob}]
`;
  it('parses with the file loader, drops Secret data, reports diagnostics', () => {
    const up = parseUpload([{ name: 'dump.yaml', text: yaml }]);
    expect(up.snapshot.roleBindings).toHaveLength(1);
    expect(up.snapshot.meta.source).toBe('upload: dump.yaml');
    expect(JSON.stringify(up.snapshot)).not.toContain('c2VjcmV0');
    expect(up.snapshot.diagnostics.map((d) => d.code)).toContain('missing-role');
  });
  it('rejects an upload without RBAC objects, and too many files', () => {
    expect(() => parseUpload([{ name: 'x.yaml', text: 'foo: bar' }])).toThrow(/no Kubernetes RBAC object/);
    expect(() => parseUpload([])).toThrow(/no file/);
    expect(() => parseUpload(Array.from({ length: 101 }, (_, i) => ({ name: `${i}.yaml`, text: yaml })))).toThrow(/too many files/);
  });
});
