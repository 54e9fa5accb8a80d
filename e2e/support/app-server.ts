// A second RBAC Atlas server for specs that need their own environment (a data source, a
// kubeconfig): the existing build behind the gate (dist/server/main.mjs), on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface AppServer {
  url: string;
  child: ChildProcess;
  /** what the server printed, for failure messages */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts the built app with `env` added to this process's environment and waits for /api/health
 * (sending RBAC_ATLAS_TOKEN as a bearer token when `env` sets one).
 */
export async function startAppServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<AppServer> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  // no token unless the spec asks for one
  delete childEnv.RBAC_ATLAS_TOKEN;
  delete childEnv.RBAC_ATLAS_REQUIRE_TOKEN;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete childEnv[k];
    else childEnv[k] = v;
  }
  // the server as `npm start` runs it: Next behind the gate (lib/server/main.ts, bundled by the webServer's start)
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.mjs'), '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}:\n${log}`);
    try {
      const headers: Record<string, string> = env.RBAC_ATLAS_TOKEN ? { authorization: `Bearer ${env.RBAC_ATLAS_TOKEN}` } : {};
      if ((await fetch(`${url}/api/health`, { headers })).ok) return { url, child, output: () => log, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`app server not ready after ${timeoutMs} ms:\n${log}`);
}
