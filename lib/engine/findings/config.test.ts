import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, rule } from '../../../testing/engine';
import { applyBaseline, parseBaseline } from './baseline';
import { applySuppressions, globMatches, type FindingsConfig } from './config';
import { parseFindingsConfig } from './config-parse';
import { runFindings } from './index';

function config(text: string): FindingsConfig {
  const r = parseFindingsConfig(text, '.rbac-atlas.yaml');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

const findings = runFindings(
  indexOf(
    clusterRole('reader', [rule('get', '', 'secrets')]),
    crb('cm', 'ClusterRole:reader', 'ServiceAccount:cert-manager/cert-manager', 'User:alice'),
    rb('team-a', 'x', 'ClusterRole:reader', 'Group:devs'),
    rb('team-a', 'old', 'Role:gone', 'User:bob'),
  ),
);
const ids = (list: { id: string }[]) => list.map((f) => f.id).sort();

describe('parseFindingsConfig', () => {
  it('reads suppressions, severity overrides and privileged namespaces', () => {
    const c = config(`
suppressions:
  - kind: read-secrets
    subject: ServiceAccount:cert-manager/*
    reason: cert-manager stores issued certificates in Secrets
    expires: 2099-01-31
severity:
  wildcard-rule: medium
  ReadSecrets: { cluster: critical }
privilegedNamespaces: [vault]
`);
    expect(c.suppressions).toEqual([{ kind: 'ReadSecrets', subject: 'ServiceAccount:cert-manager/*', reason: 'cert-manager stores issued certificates in Secrets', expires: '2099-01-31', index: 1, line: 3 }]);
    expect(c.severity).toEqual({ WildcardRule: 'medium', ReadSecrets: { cluster: 'critical' } });
    expect(c.privilegedNamespaces).toEqual(['vault']);
  });
  it.each([
    ['missing reason', 'suppressions:\n  - kind: read-secrets\n', /\.rbac-atlas\.yaml:2: suppressions\[0\]\.reason: a reason is required/],
    ['empty reason', 'suppressions:\n  - kind: read-secrets\n    reason: "  "\n', /:3: suppressions\[0\]\.reason: a reason is required/],
    ['no matcher', 'suppressions:\n  - reason: because\n', /at least one of kind, subject, namespace, object or id/],
    ['unknown kind', 'suppressions:\n  - kind: read-secret\n    reason: x\n', /:2: suppressions\[0\]\.kind: unknown finding kind "read-secret"/],
    ['bad date', 'suppressions:\n  - kind: bind\n    reason: x\n    expires: next week\n', /:4: suppressions\[0\]\.expires: expected a date as YYYY-MM-DD/],
    ['unknown key', 'supressions: []\n', /:1: .*supressions/],
    ['bad severity', 'severity:\n  bind: severe\n', /:2: severity\.bind/],
    ['unknown kind in severity', 'severity:\n  binding: low\n', /:2: severity\.binding: unknown finding kind/],
    ['not YAML', 'suppressions: [\n', /invalid YAML/],
  ])('%s', (_name, text, want) => {
    const r = parseFindingsConfig(text, '.rbac-atlas.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(want);
  });
  it('an empty file is an empty config', () => {
    expect(config('')).toEqual({ source: '.rbac-atlas.yaml', suppressions: [], severity: {} });
  });
});

describe('applySuppressions', () => {
  it('matches by kind, subject glob, namespace (scope or subject namespace), object and id; all given fields must match', () => {
    const c = config(`
suppressions:
  - { kind: read-secrets, subject: "ServiceAccount:cert-*/*", reason: a }
  - { namespace: team-a, kind: read-secrets, reason: b }
  - { object: RoleBinding/team-a/old, reason: c }
  - { id: "read-secrets:User/alice@cluster", reason: d }
  - { kind: bind, subject: "User:alice", reason: never matches }
`);
    const out = applySuppressions(findings, c.suppressions, '2026-01-01');
    expect(out.kept).toEqual([]);
    expect(out.suppressed.map((s) => `${s.finding.id} <- #${s.suppression.index}`).sort()).toEqual([
      'dangling-binding:RoleBinding/team-a/old@team-a <- #3',
      'read-secrets:Group/devs@team-a <- #2',
      'read-secrets:ServiceAccount/cert-manager/cert-manager@cluster <- #1',
      'read-secrets:User/alice@cluster <- #4',
    ]);
  });
  it('a suppression applies through its expiry day; afterwards the findings come back and the expiry is reported', () => {
    const c = config('suppressions:\n  - { kind: read-secrets, reason: temporary, expires: 2026-03-31 }\n');
    expect(applySuppressions(findings, c.suppressions, '2026-03-31').suppressed).toHaveLength(3);
    const after = applySuppressions(findings, c.suppressions, '2026-04-01');
    expect(after.suppressed).toEqual([]);
    expect(ids(after.kept)).toEqual(ids(findings));
    expect(after.expired).toEqual([{ suppression: c.suppressions[0], findings: 3 }]);
  });
  it('globs', () => {
    expect(globMatches('cert-*', 'cert-manager')).toBe(true);
    expect(globMatches('cert-*', 'xcert-manager')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('*', '')).toBe(true);
  });
});

describe('baseline', () => {
  it('keeps only findings whose id is not in a previous JSON output', () => {
    const base = parseBaseline(JSON.stringify({ findings: [{ id: 'read-secrets:User/alice@cluster' }, { id: 'gone' }] }));
    expect(base.ok).toBe(true);
    if (!base.ok) return;
    const { kept, inBaseline } = applyBaseline(findings, base.ids);
    expect(inBaseline).toBe(1);
    expect(ids(kept)).not.toContain('read-secrets:User/alice@cluster');
    expect(kept).toHaveLength(findings.length - 1);
  });
  it.each([
    ['not JSON', '{', /not JSON/],
    ['no findings', '{"x":1}', /no "findings" list/],
    ['finding without id', '{"findings":[{}]}', /findings\[0\] has no string "id"/],
  ])('rejects %s', (_n, text, want) => {
    const r = parseBaseline(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(want);
  });
  it('accepts a bare array', () => {
    const r = parseBaseline('[{"id":"a"}]');
    expect(r.ok && [...r.ids]).toEqual(['a']);
  });
});
