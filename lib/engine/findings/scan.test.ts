// The scan pipeline, stage by stage: the config's severities and privileged namespaces reach the
// analysis; --kind, built-in hiding, suppressions (with expiry), the baseline and --fail-on reach the
// report, in that order, with what was left out counted.
import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, role, rule } from '../../../testing/engine';
import type { FindingsConfig } from './config';
import { parseFindingsConfig } from './config-parse';
import { analysisOptions, analyzeFindings, reportExitCode, runScan, scanReport, type ScanOptions } from './scan';

function config(text: string): FindingsConfig {
  const r = parseFindingsConfig(text, '.rbac-atlas.yaml');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

const index = indexOf(
  clusterRole('reader', [rule('get', '', 'secrets')]),
  crb('cm', 'ClusterRole:reader', 'User:alice'),
  rb('team-a', 'x', 'ClusterRole:reader', 'Group:devs'),
  rb('team-a', 'old', 'Role:gone', 'User:bob'),
  role('team-a', 'unused', [rule('get', '', 'configmaps')]),
);
const BASE: ScanOptions = { today: '2026-06-15', tool: { name: 'rbac-atlas', version: 'test' }, source: 'test' };
const scan = (options: Partial<ScanOptions> = {}) => runScan(index, { ...BASE, ...options });
const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);

const ALICE = 'read-secrets:User/alice@cluster';
const DEVS = 'read-secrets:Group/devs@team-a';
const DANGLING = 'dangling-binding:RoleBinding/team-a/old@team-a';
const UNUSED = 'unused-role:Role/team-a/unused@team-a';

describe('runScan', () => {
  it('no config: every non-built-in finding, engine order', () => {
    expect(ids(scan())).toEqual([ALICE, DEVS, DANGLING, UNUSED]);
  });
  // prettier-ignore
  const cases: { name: string; options: Partial<ScanOptions>; want: string[]; suppressed?: number; expired?: number; inBaseline?: number }[] = [
    { name: '--kind', options: { kinds: ['ReadSecrets'] }, want: [ALICE, DEVS] },
    { name: 'a suppression', options: { config: config('suppressions:\n  - subject: User:alice\n    reason: audited\n') }, want: [DEVS, DANGLING, UNUSED], suppressed: 1 },
    { name: 'a suppression expiring today still applies', options: { config: config('suppressions:\n  - subject: User:alice\n    reason: r\n    expires: 2026-06-15\n') }, want: [DEVS, DANGLING, UNUSED], suppressed: 1 },
    { name: 'near miss: expired yesterday, the finding is back and counted', options: { config: config('suppressions:\n  - subject: User:alice\n    reason: r\n    expires: 2026-06-14\n') }, want: [ALICE, DEVS, DANGLING, UNUSED], expired: 1 },
    { name: 'the baseline leaves out known ids', options: { baseline: new Set([ALICE, UNUSED]) }, want: [DEVS, DANGLING], inBaseline: 2 },
    { name: 'suppressed before the baseline counts', options: { config: config('suppressions:\n  - subject: User:alice\n    reason: r\n'), baseline: new Set([ALICE, UNUSED]) }, want: [DEVS, DANGLING], suppressed: 1, inBaseline: 1 },
    { name: 'severity override from the config', options: { config: config('severity:\n  read-secrets: { namespace: high }\n'), kinds: ['ReadSecrets'] }, want: [ALICE, DEVS] },
  ];
  it.each(cases)('$name', ({ options, want, suppressed = 0, expired = 0, inBaseline = 0 }) => {
    const r = scan(options);
    expect(ids(r)).toEqual(want);
    expect(r.suppressed).toHaveLength(suppressed);
    expect(r.expiredSuppressions).toHaveLength(expired);
    expect(r.inBaseline).toBe(inBaseline);
  });
  it('config severities and privileged namespaces reach the analysis', () => {
    expect(scan({ kinds: ['ReadSecrets'] }).findings.map((f) => f.severity)).toEqual(['high', 'medium']);
    expect(scan({ config: config('severity:\n  read-secrets: { namespace: high }\n'), kinds: ['ReadSecrets'] }).findings.map((f) => f.severity)).toEqual(['high', 'high']);
    const privileged = scan({ config: config('privilegedNamespaces: [team-a]\n') });
    expect(privileged.privilegedNamespaces).toEqual(['kube-system', 'team-a']);
    expect(privileged.findings.find((f) => f.id === DEVS)?.severity).toBe('high');
  });
  it('built-in findings are counted per --kind, as before the pipeline', () => {
    const r = scan({ kinds: ['DanglingBinding'] });
    expect(r.hiddenBuiltin).toBe(0);
    expect(scan({ includeBuiltin: true }).hiddenBuiltin).toBe(0);
  });
  it('--fail-on: the exit code is a function of the report', () => {
    expect(reportExitCode(scan())).toBe(0);
    expect(reportExitCode(scan({ failOn: 'high' }))).toBe(2);
    expect(reportExitCode(scan({ failOn: 'critical' }))).toBe(0);
    expect(reportExitCode(scan({ failOn: 'high', baseline: new Set([ALICE]) }))).toBe(0);
  });
  it('one analysis serves every report of the same config (what the web app caches)', () => {
    const c = config('suppressions:\n  - kind: unused-role\n    reason: r\n');
    const analysis = analyzeFindings(index, c);
    expect(scanReport(analysis, { ...BASE, config: c })).toEqual(scan({ config: c }));
    expect(analysisOptions(c)).toEqual(analysisOptions(config(''))); // suppressions are not part of the analysis
  });
});
