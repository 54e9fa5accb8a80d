// Test helpers: run the built CLI as a whole process, as users and CI do, and compare what it
// printed with a recorded markdown snapshot (command line, stdin, stdout, stderr, exit code) under
// cli/testdata/snapshots/. `U=1` rewrites the snapshots; review the diff.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

export const repoRoot = path.resolve(__dirname, '..');
const snapshots = path.join(repoRoot, 'cli', 'testdata', 'snapshots');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function buildCli(): void {
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs')], { env: { ...process.env, CI_QUIET: '1' } });
}

/** Runs bin/rbac-atlas.mjs with no kubeconfig (so no real cluster is ever reached). */
export function runCli(args: string[], input?: string, cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'rbac-atlas.mjs'), ...args], {
    cwd,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', KUBECONFIG: '/nonexistent-kubeconfig' },
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs a bundled CLI (bundleCliFor) asynchronously, for tests whose fake API server lives in this
 * process and must keep answering while the CLI runs. `env` is the whole environment (with PATH):
 * no KUBECONFIG or in-cluster variables of the machine running the tests leak in.
 */
export function runCliAsync(mainPath: string, args: string[], env: Record<string, string> & { NODE_ENV: 'test' }, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainPath, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

export function recordRun(args: string[], r: CliResult, extra: { stdin?: string; cwd?: string } = {}): string {
  return [
    `# rbac-atlas ${args.join(' ')}`,
    ...(extra.cwd ? ['', `(in ${extra.cwd})`] : []),
    ...(extra.stdin !== undefined ? ['', '## stdin', '', '```', extra.stdin.trimEnd(), '```'] : []),
    '', '## stdout', '', '```', r.stdout.trimEnd(), '```',
    '', '## stderr', '', '```', r.stderr.trimEnd(), '```',
    '', `Exit code: ${r.code}`, '',
  ].join('\n');
}

export function expectSnapshot(name: string, text: string): void {
  const file = path.join(snapshots, `${name}.md`);
  if (process.env.U === '1' || !existsSync(file)) {
    mkdirSync(snapshots, { recursive: true });
    writeFileSync(file, text);
    if (process.env.U !== '1' && process.env.CI) throw new Error(`missing snapshot ${file} (run U=1 locally and commit it)`);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/**
 * Bundles the CLI into dist/<name>/cli/main.mjs for a test file of its own, so that it never runs
 * the CLI while another test file rebuilds dist/cli. Returns the path of main.mjs.
 */
export async function bundleCliFor(name: string): Promise<string> {
  const { bundleCliProgram } = await import('../scripts/lib/cli-bundle.mjs');
  await bundleCliProgram(repoRoot, path.join('dist', name));
  return path.join(repoRoot, 'dist', name, 'cli', 'main.mjs');
}
