// The esbuild options that bundle the CLI (TypeScript in cli/ and lib/ -> .mjs, dependencies external),
// shared by scripts/build-cli.mjs (dist/cli, run by "prepare") and the test helper bundleCliFor
// (cli/run-cli.ts: a bundle per test file), so both build the same program. The scripts that run other
// TypeScript on Node 20 (bench.mjs, bench-cli.mjs, gen-cluster.mjs, fake-cluster.mjs) bundle what they
// run with these options too.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** The CLI: cli/main.ts -> OUTDIR/cli/main.mjs (bin/rbac-atlas.mjs runs dist/cli/main.mjs). */
export const CLI_ENTRY = { in: 'cli/main.ts', out: 'cli/main' };
/** The web server: the gate in front of Next (lib/server/main.ts). */
export const SERVER_ENTRY = { in: 'lib/server/main.ts', out: 'server/main' };
/** Its worker threads (lib/server/worker.ts): the tasks that would stall requests. */
export const WORKER_ENTRY = { in: 'lib/server/worker.ts', out: 'server/worker' };

/** Where the server's chunks go, under OUTDIR: what main.mjs and worker.mjs share, and what they import on demand. */
export const SERVER_CHUNKS = 'server/chunks';

/** The one dependency the CLI loads from node_modules (bundleCliProgram). */
export const CLUSTER_CLIENT = '@kubernetes/client-node';

/** Chunks of earlier builds are removed once they are this old (a running CLI may still load them). */
const STALE_CHUNK_MS = 10 * 60_000;

/** Where the CLI's chunks go, under OUTDIR. */
export const CLI_CHUNKS = 'cli/chunks';

/** Bundles `entries` ({in, out} relative to `root`) into `outdir`; returns esbuild's result. */
export async function bundleCli(root, entries, outdir, extra = {}) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    // 'server-only' guards browser bundles and throws outside React's server build (the worker threads)
    alias: { '@': root, 'server-only': path.join(root, 'lib/server/server-only-stub.ts') },
    define: { __VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
    ...extra,
  });
}

/**
 * Bundles the CLI program into OUTDIR/cli: main.mjs plus the chunks it imports when a command runs.
 * Code splitting keeps each command's code (the engine parts it uses, the loaders, the renderers, the
 * cluster client) out of main.mjs: `--help` and usage errors evaluate the command specs only, and a
 * command evaluates what its action imports (cli/specs/*.ts import cli/commands/*.ts). Chunks of earlier
 * builds are removed after 10 minutes.
 * Returns esbuild's metafile (which chunk holds which sources), for cli/startup.test.ts.
 */
export async function bundleCliProgram(root, outdir, extra = {}) {
  const result = await bundleCli(root, [CLI_ENTRY], outdir, {
    splitting: true,
    chunkNames: `${CLI_CHUNKS}/[name]-[hash]`,
    metafile: true,
    // The small pure-JS dependencies every command uses (commander, yaml, zod) are bundled: loaded from
    // node_modules they cost a module resolution per file (zod alone is ~100 files), a third of the CPU
    // time of `who-can --demo`. The Kubernetes client stays external: it is large and only a
    // live-cluster source imports it. Their CommonJS code calls require() (node:events...): the banner
    // gives every chunk one.
    packages: undefined,
    external: [CLUSTER_CLIENT],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    ...extra,
  });
  removeStaleChunks(root, outdir, CLI_CHUNKS, result.metafile);
  return result.metafile;
}

/**
 * Bundles the web server (SERVER_ENTRY) and its worker threads (WORKER_ENTRY) into OUTDIR/server,
 * with code splitting: the live-cluster loader and the Kubernetes client it imports are a chunk loaded
 * when a cluster is read, not when a worker thread starts (a thread is started for each upload).
 */
export async function bundleServerProgram(root, outdir, extra = {}) {
  const result = await bundleCli(root, [SERVER_ENTRY, WORKER_ENTRY], outdir, { splitting: true, chunkNames: `${SERVER_CHUNKS}/[name]-[hash]`, metafile: true, ...extra });
  removeStaleChunks(root, outdir, SERVER_CHUNKS, result.metafile);
  return result.metafile;
}

/** Removes the chunks of earlier builds that are older than STALE_CHUNK_MS. */
function removeStaleChunks(root, outdir, dir, metafile) {
  const chunks = path.resolve(root, outdir, dir);
  const built = new Set(Object.keys(metafile.outputs).map((o) => path.resolve(root, o)));
  const before = Date.now() - STALE_CHUNK_MS;
  if (!existsSync(chunks)) return;
  for (const name of readdirSync(chunks)) {
    const file = path.join(chunks, name);
    // another build of the same sources may be writing the same files now: keep what this build wrote;
    // a CLI process started before this build may still import its chunks: keep recent ones
    if (built.has(file) || built.has(file.replace(/\.map$/, ''))) continue;
    if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
  }
}
