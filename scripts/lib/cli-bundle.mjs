// The esbuild options that bundle the CLI (TypeScript in cli/ and lib/ -> .mjs, dependencies external),
// shared by scripts/build-cli.mjs (dist/cli, run by "prepare") and the test helper bundleCliFor
// (cli/run-cli.ts: a bundle per test file), so both build the same program.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Bundles `entries` ({in, out} relative to `root`) into `outdir`. */
export async function bundleCli(root, entries, outdir, extra = {}) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    alias: { '@': root },
    define: { __VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
    ...extra,
  });
}
