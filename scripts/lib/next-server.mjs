// Build-if-needed and start the web server: Next.js behind the gate of lib/server/gate.ts (bundled
// to dist/server/main.mjs with the CLI). Used by `npm start` (scripts/start.mjs), the Playwright
// webServer, scripts/test.mjs and the CLI's `rbac-atlas serve`. Never `next start` alone: the
// access token, Host/Origin checks, body limits and security headers live in the gate.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
/** The server process: Next's request handler behind the gate (lib/server/main.ts, bundled). */
export const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'main.mjs');
const SERVER_SOURCES = path.join(ROOT, 'lib', 'server');
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 3000;

/**
 * Directories and files whose changes make the production build stale: the product only. The tooling
 * beside it (bench/, fuzz/, testing/, e2e/, scripts/, cli/) is not part of the app.
 */
const SOURCE_DIRS = ['app', 'components', 'lib', 'public', 'types'];
const SOURCE_FILES = ['instrumentation.ts', 'next.config.js', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];
/** Tests, benchmarks and test fixtures do not end up in the app bundle. */
const NOT_IN_BUILD = /\.(test|spec|bench)\.[cm]?[jt]sx?$/;
const NOT_IN_BUILD_DIRS = new Set(['testdata', 'node_modules']);

/** The caller's environment (or `env`) with telemetry always off. */
export function nextEnv(env = process.env) {
  return { ...env, NEXT_TELEMETRY_DISABLED: '1' };
}

/** `http://host:port`, with IPv6 literals in brackets. */
export function serverUrl(host, port) {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NOT_IN_BUILD_DIRS.has(entry.name)) newest = Math.max(newest, newestMtime(full));
    } else if (entry.isFile() && !NOT_IN_BUILD.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Why a (re)build is needed, or null when `.next/BUILD_ID` is newer than every source file. */
export function buildReason(root = ROOT) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no production build yet';
  // an installed package (npm pack) ships the build without its sources: the build is what it is
  if (!existsSync(path.join(root, 'app'))) return null;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = Math.max(
    ...SOURCE_DIRS.map((dir) => newestMtime(path.join(root, dir))),
    ...SOURCE_FILES.map((file) => {
      const full = path.join(root, file);
      return existsSync(full) ? statSync(full).mtimeMs : 0;
    }),
  );
  return sources > builtAt ? 'sources changed since the last build' : null;
}

function runNext(args, { env, stdio }) {
  return spawn(process.execPath, [NEXT_BIN, ...args], { cwd: ROOT, env: nextEnv(env), stdio });
}

/**
 * A progress line for a long silent step: `tick(now)` returns "still building (N s)" when `quietMs`
 * have passed since the last output (`output(now)`) and since the last progress line, else null.
 * Pure (the caller owns the clock), for buildNext.
 */
export function progressTicker({ started, quietMs = 10_000, label = 'still building' }) {
  let last = started;
  return {
    output(now) {
      last = now;
    },
    tick(now) {
      if (now - last < quietMs) return null;
      last = now;
      return `  ${label} (${Math.round((now - started) / 1000)} s; the first build takes a few minutes)...`;
    },
  };
}

/**
 * Runs `next build`; resolves when it succeeds, rejects with its exit status otherwise. With
 * stdio 'inherit' (a person waiting), Next's output is passed through and a progress line with the
 * elapsed time is printed whenever Next has been quiet for 10 s (its compile step prints nothing
 * for minutes on a slow machine).
 */
export function buildNext({ env = process.env, stdio = 'inherit' } = {}) {
  return new Promise((resolve, reject) => {
    const watch = stdio === 'inherit';
    const child = runNext(['build'], { env, stdio: watch ? ['ignore', 'pipe', 'pipe'] : stdio });
    let timer;
    if (watch) {
      const ticker = progressTicker({ started: Date.now() });
      child.stdout.on('data', (c) => (ticker.output(Date.now()), process.stdout.write(c)));
      child.stderr.on('data', (c) => (ticker.output(Date.now()), process.stderr.write(c)));
      timer = setInterval(() => {
        const line = ticker.tick(Date.now());
        if (line) console.log(line);
      }, 1_000);
      timer.unref();
    }
    // Ctrl-C or a kill of this process must not leave an orphaned build running.
    const stop = (signal) => child.kill(signal);
    process.on('SIGINT', stop).on('SIGTERM', stop);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      process.off('SIGINT', stop).off('SIGTERM', stop);
      if (code === 0) resolve();
      else reject(new Error(`next build failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * Why the server bundle must be (re)built, or null: it is missing, or lib/ changed since (the gate is
 * lib/server; its worker threads run tasks of lib/service, lib/load and lib/engine).
 */
export function serverBundleReason(root = ROOT) {
  const entries = ['main.mjs', 'worker.mjs'].map((f) => path.join(root, 'dist', 'server', f));
  if (!entries.every((e) => existsSync(e))) return 'no server bundle yet';
  const builtAt = Math.min(...entries.map((e) => statSync(e).mtimeMs));
  return newestMtime(path.join(root, 'lib')) > builtAt ? 'lib changed since the last bundle' : null;
}

/** Bundles lib/server/main.ts and worker.ts to dist/server/ (esbuild, a dev dependency: absent from production images). */
export async function bundleServer(root = ROOT) {
  const { bundleServerProgram } = await import('./cli-bundle.mjs');
  await bundleServerProgram(root, 'dist', { sourcemap: 'linked' });
}

/** Bundles the server when lib/server changed (what `--dev` needs: Next compiles the app itself). */
export async function ensureServerBundle() {
  if (existsSync(SERVER_SOURCES) && serverBundleReason()) await bundleServer();
}

/** Builds only when needed (the Next app and the server bundle). Returns true when it built. `log` receives one line of explanation. */
export async function ensureBuilt({ env = process.env, stdio = 'inherit', log = console.log } = {}) {
  const built = existsSync(SERVER_SOURCES) && serverBundleReason() !== null;
  await ensureServerBundle();
  const reason = buildReason();
  if (!reason) return built;
  // an installed package (npm install -g ./rbac-atlas-*.tgz) has the built app but not its sources
  if (!existsSync(path.join(ROOT, 'app'))) throw new Error(`the web app is not built (${reason}) and its sources are not here: install a package made by \`npm pack\` in a clone (it builds the app first)`);
  log(`Building RBAC Atlas (${reason})...`);
  await buildNext({ env, stdio });
  return true;
}

/**
 * Starts the server (Next behind the gate) on host:port (127.0.0.1:3000 by default) and returns
 * the child process. `env` is passed through as is (plus NEXT_TELEMETRY_DISABLED=1), e.g.
 * RBAC_ATLAS_SOURCE from the CLI. `dev`: Next's development server (no build needed). Otherwise the
 * app must already be built: call ensureBuilt() first.
 */
export function startNext({
  port = DEFAULT_PORT,
  host = DEFAULT_HOST,
  env = process.env,
  stdio = 'inherit',
  dev = false,
} = {}) {
  const args = [SERVER_ENTRY, '--port', String(port), '--hostname', host, ...(dev ? ['--dev'] : [])];
  return spawn(process.execPath, args, { cwd: ROOT, env: nextEnv(env), stdio });
}

/**
 * Polls `url` until it answers 2xx; rejects after `timeoutMs` or when `child` exits first. `headers`
 * go with each request (the access token when the server requires one).
 */
export async function waitUntilReady(url, { timeoutMs = 60_000, child, headers = {} } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Forwards SIGINT/SIGTERM to `child` and exits with its status when it ends. */
export function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
  });
}
