// One scan pipeline: the web app's findings API (lib/service/api-findings.ts, with the config file the
// server is given) returns what `rbac-atlas scan -o json` prints for the same input and config; the
// web's view-only additions live under "view". Runs the built CLI and the web service function side
// by side, table-driven.
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sourceSummary } from '../lib/service/source-view';
import { loadSource, type SourceSpec } from '../lib/service/source';
import { buildCli, repoRoot, runCli } from './run-cli';

vi.mock('server-only', () => ({}));
const { findingsResult } = await import('../lib/service/api-findings');
const { findingsParams } = await import('../lib/service/api-findings');

const SMALL = 'cli/testdata/scan/small.yaml';
const CONFIG = 'cli/testdata/scan/rbac-atlas.yaml';

beforeAll(buildCli);
afterEach(() => vi.unstubAllEnvs());

async function web(spec: SourceSpec, config: string | undefined, params: Record<string, string>): Promise<unknown> {
  vi.stubEnv('RBAC_ATLAS_CONFIG', config ? path.join(repoRoot, config) : '');
  const loaded = await loadSource(spec, { root: repoRoot });
  const src = { id: 'default', snapshot: loaded.snapshot, index: loaded.index, summary: sourceSummary('default', spec.kind, loaded.snapshot, loaded.loadMs) };
  const { view, ...document } = findingsResult(src, findingsParams.parse(params));
  expect(view.matched).toBe(view.total); // no view filter in these cases
  return document;
}

// prettier-ignore
const cases: { name: string; cli: string[]; spec: SourceSpec; config?: string; params: Record<string, string> }[] = [
  { name: 'small, with the config (severity overrides, a live and an expired suppression)', cli: ['-f', SMALL, '--config', CONFIG], spec: { kind: 'files', paths: [SMALL] }, config: CONFIG, params: {} },
  { name: 'small, config, --include-builtin = ?builtin=1', cli: ['-f', SMALL, '--config', CONFIG, '--include-builtin'], spec: { kind: 'files', paths: [SMALL] }, config: CONFIG, params: { builtin: '1' } },
  { name: 'small, config, --kind = ?kind', cli: ['-f', SMALL, '--config', CONFIG, '--kind', 'dangling-binding'], spec: { kind: 'files', paths: [SMALL] }, config: CONFIG, params: { kind: 'dangling-binding' } },
  { name: 'small, no config', cli: ['-f', SMALL, '--no-config'], spec: { kind: 'files', paths: [SMALL] }, params: {} },
  { name: 'demo, no config', cli: ['--demo', '--no-config'], spec: { kind: 'demo' }, params: {} },
];

describe('web findings API = scan -o json', () => {
  it.each(cases)('$name', async ({ cli, spec, config, params }) => {
    const r = runCli(['scan', ...cli, '-o', 'json', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(await web(spec, config, params)).toEqual(JSON.parse(r.stdout));
  });
  it('the config makes a difference the web sees (near miss: the same input without it differs)', async () => {
    const withConfig = (await web({ kind: 'files', paths: [SMALL] }, CONFIG, {})) as { summary: { suppressed: number }; expiredSuppressions: unknown[] };
    const without = (await web({ kind: 'files', paths: [SMALL] }, undefined, {})) as typeof withConfig;
    expect(withConfig.summary.suppressed).toBeGreaterThan(0);
    expect(withConfig.expiredSuppressions).toHaveLength(1);
    expect(without.summary.suppressed).toBe(0);
    expect(without).not.toEqual(withConfig);
  });
});
