// CLI snapshots of `rbac-atlas scan`, recorded like cli.test.ts: the command line, stdout, stderr and
// the exit code in cli/testdata/snapshots/<name>.md. `U=1 npx vitest run cli/scan.test.ts` rewrites them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, expectSnapshot, recordRun, repoRoot, runCli } from './run-cli';

const SMALL = 'cli/testdata/scan/small.yaml';
const BOOTSTRAP = 'lib/testdata/datasets/kubernetes-bootstrap';

beforeAll(buildCli);

const cases: [name: string, args: string[], cwd?: string][] = [
  ['scan-demo-table', ['scan', '--demo']],
  ['scan-demo-fail-on-critical-markdown', ['scan', '--demo', '--fail-on', 'critical', '-o', 'markdown']],
  ['scan-demo-kind-filter', ['scan', '--demo', '--kind', 'dangling-binding,missing-serviceaccount', '--kind', 'wildcard-rule', '--fail-on', 'medium']],
  ['scan-small-json', ['scan', '-f', SMALL, '-o', 'json', '-q']],
  ['scan-small-csv', ['scan', '-f', SMALL, '-o', 'csv', '-q']],
  ['scan-small-sarif', ['scan', '-f', SMALL, '-o', 'sarif', '-q']],
  ['scan-small-html', ['scan', '-f', SMALL, '-o', 'html', '-q']],
  ['scan-small-config', ['scan', '-f', SMALL, '--config', 'cli/testdata/scan/rbac-atlas.yaml', '--fail-on', 'critical']],
  ['scan-small-config-json-notes', ['scan', '-f', SMALL, '--config', 'cli/testdata/scan/rbac-atlas.yaml', '-o', 'json', '--kind', 'dangling-binding', '-q']],
  ['scan-small-baseline', ['scan', '-f', SMALL, '--baseline', 'cli/testdata/scan/baseline.json', '--fail-on', 'high', '-q']],
  ['scan-small-auto-config', ['scan', '-f', '../small.yaml', '-q'], 'cli/testdata/scan/auto'],
  ['scan-small-no-config', ['scan', '-f', '../small.yaml', '--no-config', '--fail-on', 'low', '-q'], 'cli/testdata/scan/auto'],
  ['scan-bootstrap-only', ['scan', '-f', BOOTSTRAP, '--fail-on', 'high']],
  ['scan-bootstrap-include-builtin', ['scan', '-f', BOOTSTRAP, '--include-builtin', '--fail-on', 'high', '--kind', 'escalate,read-secrets']],
  ['usage-scan-bad-fail-on', ['scan', '--demo', '--fail-on', 'severe']],
  ['usage-scan-bad-config', ['scan', '-f', SMALL, '--config', 'cli/testdata/scan/bad-config.yaml']],
  ['usage-scan-missing-baseline', ['scan', '-f', SMALL, '--baseline', 'cli/testdata/scan/nope.json']],
  ['usage-scan-unknown-kind', ['scan', '--demo', '--kind', 'secrets']],
  // serve checks the scan configuration before it starts the web app
  ['usage-serve-bad-config', ['serve', '--demo', '--config', 'cli/testdata/scan/bad-config.yaml']],
];

describe('scan snapshots', () => {
  it.each(cases)('%s', (name, args, cwd) => {
    const r = runCli(args, undefined, cwd ? path.join(repoRoot, cwd) : repoRoot);
    expectSnapshot(name, recordRun(args, r, cwd ? { cwd } : {}));
  });
});

describe('scan exit codes and baselines, end to end', () => {
  it('a JSON scan used as the baseline of the same input reports nothing new and passes --fail-on low', () => {
    const first = runCli(['scan', '-f', SMALL, '-o', 'json', '-q']);
    expect(first.code).toBe(0);
    const baseline = path.join(repoRoot, 'dist', 'scan-test-baseline.json');
    mkdirSync(path.dirname(baseline), { recursive: true });
    writeFileSync(baseline, first.stdout);
    const second = runCli(['scan', '-f', SMALL, '--baseline', baseline, '--fail-on', 'low', '-q']);
    expect(second.stdout).toContain('No findings.');
    expect(second.code).toBe(0);
    expect(runCli(['scan', '-f', SMALL, '--fail-on', 'low', '-q']).code).toBe(2);
  });
});

describe("RBAC Atlas's own in-cluster manifests", () => {
  it('deploy/kubernetes: no finding at all, so --fail-on low passes (read-only ClusterRole, no Secret access)', () => {
    const r = runCli(['scan', '-f', 'deploy/kubernetes', '-o', 'json', '--include-builtin', '--fail-on', 'low']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
    const who = runCli(['who-can', 'get', 'secrets', '-A', '-f', 'deploy/kubernetes', '-o', 'json']);
    expect(who.code, who.stderr).toBe(0);
    const subjects = (JSON.parse(who.stdout) as { subjects: { kind: string; name: string }[] }).subjects;
    expect(subjects.filter((s) => s.name.includes('rbac-atlas'))).toEqual([]);
  });
});
