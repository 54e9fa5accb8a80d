// Which `.rbac-atlas.yaml` the web app reads (RBAC_ATLAS_CONFIG from `rbac-atlas serve`, else the
// working directory), and a broken one reported as the server's configuration problem.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isAtlasError } from '../errors';
import { findingsConfigPath } from '../load/findings-config';

vi.mock('server-only', () => ({}));
const { webConfigPath, webScanConfig } = await import('./scan');

const withConfig = mkdtempSync(path.join(tmpdir(), 'atlas-config-'));
writeFileSync(path.join(withConfig, '.rbac-atlas.yaml'), 'severity:\n  wildcard-rule: medium\n');
writeFileSync(path.join(withConfig, 'bad.yaml'), 'suppressions:\n  - kind: read-secrets\n');
const without = mkdtempSync(path.join(tmpdir(), 'atlas-noconfig-'));

describe('webConfigPath', () => {
  // prettier-ignore
  const cases: { name: string; env: string | undefined; cwd: string; want: string | undefined }[] = [
    { name: 'no variable: .rbac-atlas.yaml in the working directory', env: undefined, cwd: withConfig, want: path.join(withConfig, '.rbac-atlas.yaml') },
    { name: 'no variable, no file: none', env: undefined, cwd: without, want: undefined },
    { name: 'empty variable (serve --no-config, or none where serve ran): none, even with a file here', env: '', cwd: withConfig, want: undefined },
    { name: 'a path, relative to the working directory', env: 'bad.yaml', cwd: withConfig, want: path.join(withConfig, 'bad.yaml') },
    { name: 'an absolute path', env: '/etc/atlas.yaml', cwd: without, want: '/etc/atlas.yaml' },
  ];
  it.each(cases)('$name', ({ env, cwd, want }) => {
    expect(webConfigPath(env === undefined ? {} : { RBAC_ATLAS_CONFIG: env }, cwd)).toBe(want);
  });
});

describe('webScanConfig', () => {
  it('reads and parses the file, with a fingerprint of its content', () => {
    const c = webScanConfig({}, withConfig);
    expect(c.config?.severity).toEqual({ WildcardRule: 'medium' });
    expect(c.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(webScanConfig({ RBAC_ATLAS_CONFIG: '' }, withConfig)).toEqual({ fingerprint: 'none' });
  });
  it.each([
    ['an invalid file', 'bad.yaml', /scan configuration cannot be used: invalid config file:\n {2}.*bad\.yaml:2: suppressions\[0\]\.reason: a reason is required/],
    ['a missing file', 'gone.yaml', /scan configuration cannot be used: cannot read config file .*gone\.yaml: no such file/],
  ])('%s is a server error (500) naming the problem', (_name, file, message) => {
    let error: unknown;
    try {
      webScanConfig({ RBAC_ATLAS_CONFIG: file }, withConfig);
    } catch (e) {
      error = e;
    }
    expect(isAtlasError(error) && error.details).toMatchObject({ httpStatus: 500, config: true });
    expect((error as Error).message).toMatch(message);
  });
});

describe('findingsConfigPath (the CLI: scan, serve)', () => {
  it.each([
    ['--no-config', false, withConfig, undefined],
    ['--config FILE, as given', 'ci/atlas.yaml', without, 'ci/atlas.yaml'],
    ['found in another directory: absolute', undefined, withConfig, path.join(withConfig, '.rbac-atlas.yaml')],
    ['not found', undefined, without, undefined],
  ] as const)('%s', (_name, option, cwd, want) => {
    expect(findingsConfigPath(option, cwd)).toBe(want);
  });
});
