// Secrets keep their metadata only: name, namespace, type, the service-account annotation and the
// token-invalidation label. Nothing else of a Secret (data, stringData, other labels and
// annotations, the last-applied-configuration copy) reaches the snapshot.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECRET_FIXTURE_FILES, leakedNeedles } from '../../testing/secret-fixtures';
import { loadFiles } from '../load/files';
import { snapshotOf } from '../../testing/engine';

const secret = (extra: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', ...extra });

describe('Secret metadata in the snapshot', () => {
  it.each([
    ['a legacy token Secret', secret({ metadata: { name: 't', namespace: 'a', annotations: { 'kubernetes.io/service-account.name': 'ci', other: 'x' }, labels: { l: 'v' } }, type: 'kubernetes.io/service-account-token', data: { token: 'dG9r' } }), { kind: 'Secret', metadata: { name: 't', namespace: 'a' }, type: 'kubernetes.io/service-account-token', serviceAccountName: 'ci' }],
    ['an invalidated token', secret({ metadata: { name: 't', namespace: 'a', labels: { 'kubernetes.io/legacy-token-invalid-since': '2026-01-01' } }, type: 'kubernetes.io/service-account-token' }), { kind: 'Secret', metadata: { name: 't', namespace: 'a' }, type: 'kubernetes.io/service-account-token', invalidSince: '2026-01-01' }],
    ['an Opaque Secret with stringData', secret({ metadata: { name: 'o', namespace: 'a' }, type: 'Opaque', stringData: { p: 'secret' } }), { kind: 'Secret', metadata: { name: 'o', namespace: 'a' }, type: 'Opaque' }],
    ['no namespace: default, as kubectl apply', secret({ metadata: { name: 'n' } }), { kind: 'Secret', metadata: { name: 'n', namespace: 'default' } }],
    ['no type', secret({ metadata: { name: 'n', namespace: 'a' } }), { kind: 'Secret', metadata: { name: 'n', namespace: 'a' } }],
  ])('%s', (_name, input, want) => {
    const s = snapshotOf(input).secrets;
    expect(s).toHaveLength(1);
    const { origin: _o, ...rest } = s![0]!;
    expect(rest).toEqual(want);
  });

  it('a malformed Secret is a warning, not an error, and keeps nothing', () => {
    const s = snapshotOf(secret({ metadata: { name: 7 }, data: { k: 'c2VjcmV0' } }));
    expect(s.secrets).toBeUndefined();
    expect(s.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'invalid-object']]);
  });

  it('a snapshot without Secrets has no secrets field', () => {
    expect(snapshotOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }).secrets).toBeUndefined();
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-secret-meta-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the file loader keeps the metadata of the fixtures and none of their values', async () => {
    const files = SECRET_FIXTURE_FILES.map((f) => {
      const p = path.join(dir, f.name);
      writeFileSync(p, f.text);
      return p;
    });
    const { snapshot } = await loadFiles(files);
    expect(snapshot.secrets?.map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.type ?? ''} ${s.serviceAccountName ?? ''}`).sort()).toEqual([
      'team-a/app-config  ',
      'team-a/ci-token kubernetes.io/service-account-token ci',
      'team-a/db Opaque ',
    ]);
    expect(leakedNeedles(JSON.stringify(snapshot))).toEqual([]);
  });
});
