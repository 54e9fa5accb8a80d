import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReason, nextEnv, serverBundleReason, serverUrl } from './next-server.mjs';

describe('serverUrl', () => {
  it.each([
    ['127.0.0.1', 3000, 'http://127.0.0.1:3000'],
    ['localhost', 80, 'http://localhost:80'],
    ['::1', 3107, 'http://[::1]:3107'],
  ])('%s:%s -> %s', (host, port, want) => {
    expect(serverUrl(host, port)).toBe(want);
  });
});

describe('nextEnv', () => {
  it('passes the given env through and always disables telemetry', () => {
    const env = nextEnv({ RBAC_ATLAS_SOURCE: '{"demo":true}', NEXT_TELEMETRY_DISABLED: '0' });
    expect(env).toEqual({ RBAC_ATLAS_SOURCE: '{"demo":true}', NEXT_TELEMETRY_DISABLED: '1' });
  });
});

describe('buildReason', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function project(): string {
    root = mkdtempSync(path.join(tmpdir(), 'atlas-build-'));
    mkdirSync(path.join(root, 'app'));
    mkdirSync(path.join(root, '.next'));
    writeFileSync(path.join(root, 'app', 'page.tsx'), '');
    writeFileSync(path.join(root, 'app', 'page.test.ts'), '');
    return root;
  }
  const setTime = (file: string, seconds: number) => utimesSync(path.join(root, file), seconds, seconds);

  it('asks for a build when there is none', () => {
    expect(buildReason(project())).toBe('no production build yet');
  });

  it('is null when the build is newer than every source', () => {
    project();
    writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'x');
    setTime('app/page.tsx', 1_000);
    setTime('.next/BUILD_ID', 2_000);
    expect(buildReason(root)).toBeNull();
  });

  it('asks for a rebuild when a source changed after the build', () => {
    project();
    writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'x');
    setTime('.next/BUILD_ID', 2_000);
    setTime('app/page.tsx', 3_000);
    expect(buildReason(root)).toBe('sources changed since the last build');
  });

  it('ignores test files', () => {
    project();
    writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'x');
    setTime('app/page.tsx', 1_000);
    setTime('.next/BUILD_ID', 2_000);
    setTime('app/page.test.ts', 3_000);
    expect(buildReason(root)).toBeNull();
  });

  // A file changed after the build: does it make the build stale? Only the app's own sources do.
  it.each([
    ['lib/engine/who-can.ts', true],
    ['components/graph/GraphCanvas.tsx', true],
    ['types/cytoscape-extensions.d.ts', true],
    ['public/demo/demo-cluster.json', true],
    ['instrumentation.ts', true],
    ['lib/engine/who-can.test.ts', false],
    ['lib/testdata/datasets/big.json', false],
    ['lib/engine/testdata/case.yaml', false],
    ['bench/run.ts', false],
    ['fuzz/harness.ts', false],
    ['testing/fake-kube-api.ts', false],
    ['e2e/smoke.spec.ts', false],
    ['scripts/bench.mjs', false],
  ])('a change to %s makes the build stale: %s', (file, stale) => {
    project();
    writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'x');
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '');
    setTime('app/page.tsx', 1_000);
    setTime('.next/BUILD_ID', 2_000);
    setTime(file, 3_000);
    expect(buildReason(root)).toBe(stale ? 'sources changed since the last build' : null);
  });
});

describe('serverBundleReason', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const setTime = (file: string, seconds: number) => utimesSync(path.join(root, file), seconds, seconds);

  function project(): string {
    root = mkdtempSync(path.join(tmpdir(), 'atlas-bundle-'));
    mkdirSync(path.join(root, 'lib', 'server'), { recursive: true });
    writeFileSync(path.join(root, 'lib', 'server', 'gate.ts'), '');
    writeFileSync(path.join(root, 'lib', 'server', 'gate.test.ts'), '');
    return root;
  }

  it.each([
    { name: 'no bundle yet', bundle: undefined, source: 1_000, test: 1_000, want: 'no server bundle yet' },
    { name: 'bundle newer than lib/server', bundle: 2_000, source: 1_000, test: 1_000, want: null },
    { name: 'lib/server changed since', bundle: 2_000, source: 3_000, test: 1_000, want: 'lib/server changed since the last bundle' },
    { name: 'only a test changed', bundle: 2_000, source: 1_000, test: 3_000, want: null },
  ])('$name', ({ bundle, source, test, want }) => {
    project();
    if (bundle !== undefined) {
      mkdirSync(path.join(root, 'dist', 'server'), { recursive: true });
      writeFileSync(path.join(root, 'dist', 'server', 'main.mjs'), '');
      setTime('dist/server/main.mjs', bundle);
    }
    setTime('lib/server/gate.ts', source);
    setTime('lib/server/gate.test.ts', test);
    expect(serverBundleReason(root)).toBe(want);
  });
});
