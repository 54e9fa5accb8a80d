import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanFindings } from '../engine/findings/index';
import type { Finding } from '../engine/findings/types';
import type { AtlasIndex } from '../engine/query-index';
import { findingDetail, noteInWords, shellWord } from './finding-detail';
import { appliesIn } from './findings';
import { loadSource } from './source';

describe('noteInWords', () => {
  // prettier-ignore
  const cases: { name: string; note: string; want: string }[] = [
    { name: 'kind ids become titles, capitalised', note: 'also covers: read-secrets, exec-pods', want: 'Also covers: “Read Secrets”, “Exec, attach or port-forward into pods”' },
    { name: 'an id inside a longer word is left alone', note: 'raised one step: cluster-admin-like', want: 'Raised one step: cluster-admin-like' },
    { name: 'near miss: a namespace named like a kind is a word of its own only in parentheses', note: 'namespace escalate-team is not in the snapshot', want: 'Namespace escalate-team is not in the snapshot' },
  ];
  it.each(cases)('$name', ({ note, want }) => {
    expect(noteInWords(note)).toBe(want);
  });
});

describe('shellWord', () => {
  // prettier-ignore
  const cases: [string, string][] = [
    ['api-secrets', 'api-secrets'],
    ['system:controller:foo', 'system:controller:foo'],
    ["x; rm -rf /", "'x; rm -rf /'"],
    ["it's", "'it'\\''s'"],
  ];
  it.each(cases)('%s', (s, want) => expect(shellWord(s)).toBe(want));
});

describe('finding detail and namespace filter on the demo', () => {
  let demo: AtlasIndex;
  let findings: Finding[];
  beforeAll(async () => {
    demo = (await loadSource({ kind: 'demo' }, { root: path.resolve(__dirname, '../..') })).index;
    findings = scanFindings(demo).findings;
  });

  it('team-a/api reading secrets: the remediation and the exact grant, with the commands to change it', () => {
    const f = findings.find((x) => x.id === 'read-secrets:ServiceAccount/team-a/api@team-a')!;
    const d = findingDetail(demo, f);
    expect(d.remediation).toMatch(/resourceNames/);
    expect(d.grants).toEqual([
      expect.objectContaining({ binding: 'RoleBinding/team-a/api-secrets', role: 'Role/team-a/api-secrets', ruleNumber: 1, commands: ['kubectl delete rolebinding api-secrets -n team-a', 'kubectl edit role api-secrets -n team-a'] }),
    ]);
    expect(d.pods).toHaveLength(2);
  });

  it('cluster-wide subject findings apply in every namespace; cluster-wide object findings in none', () => {
    const subject = findings.find((f) => f.scope === 'cluster' && f.subject)!;
    expect(appliesIn(subject, 'team-a')).toBe(true);
    expect(appliesIn(subject, 'cluster')).toBe(true);
    const local = findings.find((f) => f.scope === 'team-a')!;
    expect(appliesIn(local, 'team-a')).toBe(true);
    expect(appliesIn(local, 'argocd')).toBe(false);
    expect(appliesIn(local, 'cluster')).toBe(false);
  });
});
