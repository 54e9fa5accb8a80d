// Findings added and resolved by a change: compared by id, with scan's severity model and the
// suppressions of `.rbac-atlas.yaml`.
import { describe, expect, it } from 'vitest';
import { parseFindingsConfig } from '../findings/config-parse';
import type { Finding } from '../findings/types';
import { buildIndex } from '../query-index';
import { clusterRole, crb, rb, rule, snapshotOf } from '../../../testing/engine';
import { diffFindings, scanForDiff } from './findings';
import { diffSnapshots } from './index';

const f = (id: string, severity: Finding['severity'] = 'high') => ({ id, severity }) as Finding;

describe('diffFindings: by id, in scan order', () => {
  it.each([
    ['nothing changed', [f('a'), f('b')], [f('b'), f('a')], [], []],
    ['one added, one resolved', [f('a'), f('b')], [f('b'), f('c')], ['c'], ['a']],
    ['same id, other severity: neither added nor resolved', [f('a', 'low')], [f('a', 'critical')], [], []],
    ['from nothing', [], [f('x'), f('y')], ['x', 'y'], []],
  ])('%s', (_name, before, after, added, resolved) => {
    const d = diffFindings(before, after);
    expect([d.added.map((x) => x.id), d.resolved.map((x) => x.id)]).toEqual([added, resolved]);
  });
});

const reader = clusterRole('secret-reader', [rule('get,list', '', 'secrets')]);
const before = buildIndex(snapshotOf(reader));
const after = buildIndex(snapshotOf(reader, crb('ci', 'ClusterRole:secret-reader', 'ServiceAccount:ci/runner'), rb('team-a', 'x', 'Role:gone', 'User:alice')));
const today = '2026-12-01';

describe('scanForDiff: the severity model and suppressions of scan', () => {
  it('a new Secret reader and a binding to a missing role are added findings', () => {
    const { findings } = diffSnapshots(before, after, { today });
    expect(findings.added.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['read-secrets high', 'dangling-binding medium']);
    expect(findings.resolved).toEqual([]);
  });

  it('config: a suppressed finding is not added; a severity override applies', () => {
    const parsed = parseFindingsConfig(['suppressions:', '  - kind: read-secrets', '    subject: ServiceAccount:ci/*', '    reason: reviewed', 'severity:', '  dangling-binding: low', ''].join('\n'), 'test.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const added = scanForDiff(after, { today, config: parsed.config }).filter((x) => !scanForDiff(before, { today, config: parsed.config }).some((y) => y.id === x.id));
    expect(added.map((x) => `${x.ruleId} ${x.severity}`)).toEqual(['dangling-binding low']);
  });

  it('an expired suppression no longer hides the finding', () => {
    const parsed = parseFindingsConfig(['suppressions:', '  - kind: read-secrets', '    reason: temporary', '    expires: 2026-11-30', ''].join('\n'), 'test.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    expect(scanForDiff(after, { today, config: parsed.config }).map((x) => x.ruleId)).toContain('read-secrets');
  });
});
