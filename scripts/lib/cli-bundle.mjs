// The esbuild options that bundle the CLI (TypeScript in cli/ and lib/ -> .mjs, dependencies external),
// shared by scripts/build-cli.mjs (dist/cli, run by "prepare") and the test helper bundleCliFor
// (cli/run-cli.ts: a bundle per test file), so both build the same program. The scripts that run other
// TypeScript on Node 20 (bench.mjs, bench-cli.mjs, gen-cluster.mjs, fake-cluster.mjs) bundle what they
// run with these options too.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The CLI: cli/main.ts -> OUTDIR/cli/main.mjs (bin/rbac-atlas.mjs runs dist/cli/main.mjs). */
export const CLI_ENTRY = { in: 'cli/main.ts', out: 'cli/main' };
/** The web server: the gate in front of Next (lib/server/main.ts). */
export const SERVER_ENTRY = { in: 'lib/server/main.ts', out: 'server/main' };

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
