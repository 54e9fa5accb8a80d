// CLI snapshots of `rbac-atlas diff`, recorded like cli.test.ts: the command line, stdout, stderr and
// the exit code in cli/testdata/snapshots/<name>.md. `U=1 npx vitest run cli/diff.test.ts` rewrites them.
// The pair cli/testdata/diff/{before,after} plants real changes and no-ops (see the comments in the
// files); noop/ is BEFORE rewritten without any effective change.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, expectSnapshot, recordRun, runCli } from './run-cli';

const D = 'cli/testdata/diff';
const BEFORE = `${D}/before`;
const AFTER = `${D}/after`;

beforeAll(buildCli);

const cases: [name: string, args: string[], stdin?: string][] = [
  ['diff-table', ['diff', BEFORE, AFTER]],
  ['diff-json', ['diff', BEFORE, AFTER, '-o', 'json', '-q']],
  ['diff-markdown', ['diff', BEFORE, AFTER, '-o', 'markdown', '-q']],
  ['diff-fail-on-new-high', ['diff', BEFORE, AFTER, '--fail-on-new', 'high', '-q']],
  ['diff-fail-on-new-critical', ['diff', BEFORE, AFTER, '--fail-on-new', 'critical', '-q', '-o', 'json']],
  ['diff-config', ['diff', BEFORE, AFTER, '--config', `${D}/rbac-atlas.yaml`, '--fail-on-new', 'critical', '-q']],
  ['diff-noop', ['diff', BEFORE, `${D}/noop`, '-o', 'json', '--fail-on-new', 'low']],
  ['diff-reverse', ['diff', AFTER, BEFORE, '-q']],
  ['diff-apply', ['diff', BEFORE, '--apply', `${D}/apply/pr.yaml`, '-o', 'markdown', '-q']],
  ['diff-apply-twice-json', ['diff', BEFORE, '--apply', `${D}/apply/pr.yaml`, '--apply', `${D}/noop`, '-o', 'json', '-q']],
  ['diff-stdin-before', ['diff', '-', AFTER, '-q'], ''],
  ['diff-hostile-table', ['diff', `${D}/hostile/before.yaml`, `${D}/hostile/after.yaml`, '-q']],
  ['diff-hostile-markdown', ['diff', `${D}/hostile/before.yaml`, `${D}/hostile/after.yaml`, '-o', 'markdown', '-q']],
  ['usage-diff-missing-before', ['diff']],
  ['usage-diff-missing-after', ['diff', BEFORE]],
  ['usage-diff-apply-and-after', ['diff', BEFORE, AFTER, '--apply', `${D}/apply/pr.yaml`]],
  ['usage-diff-apply-and-after-context', ['diff', BEFORE, '--apply', `${D}/apply/pr.yaml`, '--after-context', 'prod']],
  ['usage-diff-too-many', ['diff', '--before-context', 'prod', BEFORE, AFTER]],
  ['usage-diff-stdin-twice', ['diff', '-', '-']],
  ['usage-diff-kubeconfig-without-context', ['diff', BEFORE, AFTER, '--kubeconfig', 'kube.yaml']],
  ['usage-diff-bad-fail-on-new', ['diff', BEFORE, AFTER, '--fail-on-new', 'severe']],
  ['bad-input-diff-missing-after', ['diff', BEFORE, `${D}/does-not-exist`]],
  ['bad-input-diff-garbage', ['diff', BEFORE, '-'], 'just: [text\n'],
];

describe('diff snapshots', () => {
  it.each(cases)('%s', (name, args, stdin) => {
    expectSnapshot(name, recordRun(args, runCli(args, stdin), stdin !== undefined ? { stdin } : {}));
  });
});

describe('diff contract', () => {
  it('JSON: exactly {subjects, findings: {added, resolved}}, rules with the contract keys only', () => {
    const r = runCli(['diff', BEFORE, AFTER, '-o', 'json', '-q']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { subjects: Record<string, unknown>[]; findings: { added: { id: string }[]; resolved: { id: string }[] } };
    expect(Object.keys(doc)).toEqual(['subjects', 'findings']);
    expect(Object.keys(doc.findings)).toEqual(['added', 'resolved']);
    for (const s of doc.subjects) {
      expect(Object.keys(s)).toEqual(s.kind === 'ServiceAccount' ? ['kind', 'name', 'namespace', 'gained', 'lost'] : ['kind', 'name', 'gained', 'lost']);
      for (const rule of [...(s.gained as object[]), ...(s.lost as object[])]) {
        const keys = Object.keys(rule);
        expect(keys.slice(0, 3)).toEqual(['verbs', 'apiGroups', 'resources']);
        expect(keys.at(-1)).toBe('scope');
        expect(keys.every((k) => ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'except', 'scope'].includes(k))).toBe(true);
      }
    }
  });

  it('swapping BEFORE and AFTER swaps gained with lost and added with resolved', () => {
    const forward = JSON.parse(runCli(['diff', BEFORE, AFTER, '-o', 'json', '-q']).stdout) as Doc;
    const backward = JSON.parse(runCli(['diff', AFTER, BEFORE, '-o', 'json', '-q']).stdout) as Doc;
    expect(backward.subjects.map((s) => ({ ...s, gained: s.lost, lost: s.gained }))).toEqual(forward.subjects);
    expect(backward.findings.added.map((f) => f.id)).toEqual(forward.findings.resolved.map((f) => f.id));
    expect(backward.findings.resolved.map((f) => f.id)).toEqual(forward.findings.added.map((f) => f.id));
  });

  it('--apply equals diffing against BEFORE and the applied manifests loaded together', () => {
    const applied = runCli(['diff', BEFORE, '--apply', `${D}/apply/pr.yaml`, '-o', 'json', '-q']);
    expect(applied.code).toBe(0);
    const doc = JSON.parse(applied.stdout) as Doc;
    expect(doc.subjects.map((s) => `${s.kind}:${s.namespace ?? ''}/${s.name}`)).toEqual(['ServiceAccount:ci/runner', 'ServiceAccount:team-a/api']);
  });
});

interface Doc {
  subjects: { kind: string; name: string; namespace?: string; gained: unknown[]; lost: unknown[] }[];
  findings: { added: { id: string }[]; resolved: { id: string }[] };
}
