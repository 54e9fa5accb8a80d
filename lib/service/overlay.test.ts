// "Try a change": the overlay state (apply, replace, drop through the store) and its refusals. The
// change must be the CLI's (`diff BASE --apply FILES`): same apply function, same diff, same document.
import { describe, expect, it, vi } from 'vitest';
import { diffSnapshots, overlaySnapshot } from '../engine/diff/index';
import { buildIndex } from '../engine/query-index';
import { whoCan } from '../engine/who-can';
import { formatDiagnostic, isAtlasError } from '../errors';
import { diffJson } from '../format/diff-json';
import type { WebSource } from './store';

vi.mock('server-only', () => ({}));

const { applyOverlay, overlayDocument, overlayErrors } = await import('./overlay');
const { parseUpload } = await import('./upload');
const { sourceSummary } = await import('./source-view');
const store = await import('./store');

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';
const BASE = `${RBAC}
kind: ClusterRole
metadata: {name: secret-reader}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
---
${RBAC}
kind: Role
metadata: {name: api, namespace: team-a}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]
---
${RBAC}
kind: RoleBinding
metadata: {name: api, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: api}
subjects: [{kind: ServiceAccount, name: api}]
`;
/** a new ClusterRoleBinding (ci/runner gains secrets everywhere) and the Role api edited (list lost) */
const CHANGE = `${RBAC}
kind: ClusterRoleBinding
metadata: {name: runner-secrets}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
subjects: [{kind: ServiceAccount, name: runner, namespace: ci}]
---
${RBAC}
kind: Role
metadata: {name: api, namespace: team-a}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
`;
const OPTIONS = { fingerprint: 'none', today: '2026-12-02' };

function baseSource(text = BASE): WebSource {
  const parsed = parseUpload([{ name: 'base.yaml', text }]);
  return { id: 'default', snapshot: parsed.snapshot, index: parsed.index, summary: sourceSummary('default', 'demo', parsed.snapshot, 1) };
}

function apply(base: WebSource, text: string, name = 'pr.yaml'): WebSource {
  return applyOverlay('change-1-abc', base, parseUpload([{ name, text }]), [name], OPTIONS);
}

const secretReaders = (s: WebSource) => whoCan(s.index, { type: 'resource', verb: 'get', apiGroup: '', resource: 'secrets', subresource: '', namespace: 'prod', name: '' }).subjects.map((x) => `${x.kind}/${x.namespace ?? ''}/${x.name}`);

describe('applyOverlay', () => {
  it('applies the manifests on top of the base: new objects added, same kind/namespace/name replaced', () => {
    const base = baseSource();
    const after = apply(base, CHANGE);
    expect(secretReaders(after)).toEqual(['ServiceAccount/ci/runner']);
    expect(after.snapshot.roles.find((r) => r.metadata.name === 'api')?.rules[0]?.verbs).toEqual(['get']);
    expect(after.summary.overlay).toMatchObject({ baseId: 'default', files: ['pr.yaml'], objects: 2, replaced: 1, subjects: 2, gained: 1, lost: 1 });
    expect(after.summary.counts.ClusterRoleBinding).toBe(1);
    expect(after.summary.name).toContain('applied');
  });

  it('leaves the base untouched', () => {
    const base = baseSource();
    const before = JSON.stringify(base.snapshot);
    apply(base, CHANGE);
    expect(JSON.stringify(base.snapshot)).toBe(before);
    expect(secretReaders(base)).toEqual([]);
  });

  it('is the CLI\'s change: overlaySnapshot + diffSnapshots + diffJson (`diff BASE --apply FILES -o json`)', () => {
    const base = baseSource();
    const change = parseUpload([{ name: 'pr.yaml', text: CHANGE }]);
    const cli = diffJson(diffSnapshots(base.index, buildIndex(overlaySnapshot(base.snapshot, change.snapshot)), { today: OPTIONS.today }));
    const web = overlayDocument(applyOverlay('change-1-abc', base, change, ['pr.yaml'], OPTIONS), OPTIONS);
    expect(web).toEqual(cli);
    expect(web.subjects.map((s) => [s.kind, s.name, s.gained.length, s.lost.length])).toEqual([
      ['ServiceAccount', 'runner', 1, 0],
      ['ServiceAccount', 'api', 0, 1],
    ]);
  });

  it('a no-op change (the base object again, reordered) changes nobody', () => {
    const base = baseSource();
    const same = `${RBAC}\nkind: Role\nmetadata: {name: api, namespace: team-a, labels: {churn: "1"}}\nrules: [{verbs: [list, get], resources: [configmaps], apiGroups: [""]}]\n`;
    const after = apply(base, same);
    expect(overlayDocument(after, OPTIONS)).toEqual({ subjects: [], findings: { added: [], resolved: [] } });
    expect(after.summary.overlay).toMatchObject({ objects: 1, replaced: 1, subjects: 0 });
  });

  it('missing roles are judged on the result: the base\'s dangling binding stays one, until the change adds its role', () => {
    const dangling = `${BASE}---\n${RBAC}\nkind: RoleBinding\nmetadata: {name: old, namespace: team-a}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}\nsubjects: [{kind: User, name: old}]\n`;
    const missing = (s: WebSource) => s.snapshot.diagnostics.filter((d) => d.code === 'missing-role').map((d) => d.object);
    expect(missing(baseSource(dangling))).toEqual(['RoleBinding/team-a/old']);
    expect(missing(apply(baseSource(dangling), CHANGE))).toEqual(['RoleBinding/team-a/old']);
    expect(missing(apply(baseSource(dangling), `${RBAC}\nkind: Role\nmetadata: {name: gone, namespace: team-a}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]\n`))).toEqual([]);
  });

  it('a binding to a role only the base defines is not a missing role once applied', () => {
    const after = apply(baseSource(), `${RBAC}\nkind: RoleBinding\nmetadata: {name: bob, namespace: team-a}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: api}\nsubjects: [{kind: User, name: bob}]\n`);
    expect(after.snapshot.diagnostics.filter((d) => d.code === 'missing-role')).toEqual([]);
    expect(after.summary.overlay?.gained).toBe(1);
  });
});

describe('bad manifests: refused as a whole, naming the file, line and object', () => {
  // prettier-ignore
  const cases: [name: string, text: string, want: RegExp][] = [
    ['rule verbs not a list', `${RBAC}\nkind: Role\nmetadata: {name: api, namespace: team-a}\nrules: [{apiGroups: [""], resources: [pods], verbs: get}]\n`, /pr\.yaml:4:\d+: .*Role "team-a\/api": rules\[0\]\.verbs: expected a list/],
    ['YAML syntax error next to a good object', `${CHANGE}---\nkind: RoleBinding\nmetadata: {name: broken\n`, /pr\.yaml:\d+:\d+: .*YAML/],
  ];
  it.each(cases)('%s', (_name, text, want) => {
    const base = baseSource();
    const before = JSON.stringify(base.snapshot);
    let error: unknown;
    try {
      apply(base, text);
    } catch (e) {
      error = e;
    }
    expect(isAtlasError(error)).toBe(true);
    if (!isAtlasError(error)) return;
    expect(error.message).toMatch(/the change cannot be applied: 1 error in the manifests \(the current data source is unchanged\)/);
    expect(error.details?.httpStatus).toBe(422);
    const diagnostics = error.details?.diagnostics ?? [];
    expect(diagnostics.map(formatDiagnostic).join('\n')).toMatch(want);
    expect(JSON.stringify(base.snapshot)).toBe(before);
  });

  it('warnings alone (a binding to a role the base has) do not refuse the change', () => {
    const change = parseUpload([{ name: 'pr.yaml', text: `${RBAC}\nkind: RoleBinding\nmetadata: {name: bob, namespace: team-a}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: api}\nsubjects: [{kind: User, name: bob}]\n` }]);
    expect(change.snapshot.diagnostics.map((d) => d.code)).toContain('missing-role');
    expect(overlayErrors(change.snapshot)).toEqual([]);
  });

  it('manifests without any RBAC object: the upload parser refuses them (422)', () => {
    expect(() => apply(baseSource(), 'just: a map\n')).toThrow(/no Kubernetes RBAC object found/);
  });
});

describe('the store keeps changes apart from uploads', () => {
  it('apply, replace, drop: a new change applies on the base, never on the previous change', async () => {
    const base = baseSource();
    const first = store.addOverlay((id) => applyOverlay(id, base, parseUpload([{ name: 'a.yaml', text: CHANGE }]), ['a.yaml'], OPTIONS));
    expect(first.id).toMatch(/^change-\d+-[a-z0-9]+$/);
    expect(await store.getSource(first.id)).toBe(first);
    expect(store.uploadedSources().map((s) => s.id)).not.toContain(first.id);
    // a second change on the browser's source (the first change) replaces it: applied on its base
    const onto = first.overlay?.base ?? first;
    const second = store.addOverlay((id) => applyOverlay(id, onto, parseUpload([{ name: 'b.yaml', text: `${RBAC}\nkind: ClusterRoleBinding\nmetadata: {name: x}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}\nsubjects: [{kind: User, name: eve}]\n` }]), ['b.yaml'], OPTIONS));
    expect(second.overlay?.base).toBe(base);
    expect(secretReaders(second)).toEqual(['User//eve']);
    // dropping returns to the base, which never changed
    expect(secretReaders(second.overlay!.base)).toEqual([]);
  });

  it('a change that fails to build is not kept', () => {
    const base = baseSource();
    const before = store.uploadedSources().length;
    expect(() => store.addOverlay((id) => applyOverlay(id, base, parseUpload([{ name: 'bad.yaml', text: `${RBAC}\nkind: Role\nmetadata: {name: r, namespace: a}\nrules: [{verbs: get}]\n` }]), ['bad.yaml'], OPTIONS))).toThrow(/cannot be applied/);
    expect(store.uploadedSources().length).toBe(before);
  });

  it('keeps at most MAX_OVERLAYS changes (the oldest is forgotten)', async () => {
    const base = baseSource();
    const ids: string[] = [];
    for (let i = 0; i <= store.MAX_OVERLAYS; i++) ids.push(store.addOverlay((id) => applyOverlay(id, base, parseUpload([{ name: 'a.yaml', text: CHANGE }]), ['a.yaml'], OPTIONS)).id);
    await expect(store.getSource(ids[0])).rejects.toThrow(/unknown data source/);
    expect((await store.getSource(ids.at(-1))).id).toBe(ids.at(-1));
  });
});
