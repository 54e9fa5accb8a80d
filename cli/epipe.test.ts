// `rbac-atlas ... | head`: when the reader closes the pipe early, the CLI stops quietly (no stack
// trace, no "internal error") with exit code 0, for commander's help output and for every renderer.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleCliFor, repoRoot } from './run-cli';

let main = '';
beforeAll(async () => {
  main = await bundleCliFor('epipe-test');
}, 60_000);

/** Runs the CLI and closes its stdout after the first chunk, as `| head -c 1` does. */
function runClosingEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      cwd: repoRoot,
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', NO_COLOR: '1', KUBECONFIG: '/nonexistent-kubeconfig', RBAC_ATLAS_ROOT: repoRoot },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe.concurrent('output closed early (| head)', () => {
  it.each([
    ['--help', ['--help']],
    ['scan -o html', ['scan', '--demo', '-o', 'html', '--include-builtin']],
    ['who-can -A -o json', ['who-can', 'get', 'secrets', '-A', '--demo', '-o', 'json', '--effective']],
    ['scan -o sarif', ['scan', '--demo', '-o', 'sarif', '--include-builtin']],
    ['scan -o json, written in pieces', ['scan', '-f', 'lib/testdata/datasets/realistic-large.json', '-o', 'json']],
  ])('%s: exit 0, no stack trace', async (_name, args) => {
    const r = await runClosingEarly(args);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|internal error|at .*\(node:/);
    expect(r.code).toBe(0);
  });
});
