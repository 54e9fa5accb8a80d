// The web server process: Next's request handler behind the gate (lib/server/gate.ts), on one
// node:http server. Bundled to dist/server/main.mjs (scripts/build-cli.mjs) and started by
// scripts/lib/next-server.mjs (`npm start`, `rbac-atlas serve`, the Playwright webServer):
//   node dist/server/main.mjs --port 3000 --hostname 127.0.0.1 [--dev]
// The access token and the body limits come from the environment (RBAC_ATLAS_TOKEN,
// RBAC_ATLAS_REQUIRE_TOKEN, RBAC_ATLAS_MAX_UPLOAD_*; see lib/server/auth.ts and limits.ts).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authConfig } from './auth';
import { apiServer } from './api-serve';
import { API_ROUTES } from './api-routes';
import { attachGate, createGate } from './gate';
import { GATE_MARK } from './gate-mark';
import { uploadLimits } from './limits';
import { answerWorkerCount, createAnswerWorker, registerAnswerRunner } from './answer-worker';
import { registerTaskRunner } from './tasks';
import { createWorkerPool } from './worker-pool';

interface Args {
  port: number;
  hostname: string;
  dev: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 3000, hostname: '127.0.0.1', dev: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--dev') args.dev = true;
    else if (flag === '--port') args.port = Number(argv[++i]);
    else if (flag === '--hostname') args.hostname = argv[++i] ?? '';
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535) throw new Error('--port: not a port number');
  if (!args.hostname) throw new Error('--hostname: empty');
  return args;
}

/** The part of Next's custom-server object used here (`next()` returns it; its type does not list these). */
interface NextApp {
  prepare(): Promise<void>;
  close(): Promise<void>;
  readonly requestHandler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  readonly upgradeHandler: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // React and Next pick their production or development build from NODE_ENV, as `next start` sets it
  (process.env as Record<string, string>).NODE_ENV = args.dev ? 'development' : 'production';
  (globalThis as Record<symbol, unknown>)[GATE_MARK] = true;
  const dir = fileURLToPath(new URL('../..', import.meta.url));
  const { default: next } = await import('next');
  // requestHandler, not getRequestHandler(): the latter would also attach Next's own WebSocket
  // upgrade listener to this server, next to the gate
  const app = next({ dev: args.dev, dir, hostname: args.hostname, port: args.port }) as unknown as NextApp;
  await app.prepare();
  // long work runs in worker threads of this process (dist/server/worker.mjs): parsing uploads (a
  // thread per upload) and the expensive answers (one answer worker); RBAC_ATLAS_WORKERS=0 keeps it
  // all on the request thread (for comparisons)
  const workerFile = new URL('./worker.mjs', import.meta.url);
  if (process.env.RBAC_ATLAS_WORKERS === '0') console.error('rbac-atlas: RBAC_ATLAS_WORKERS=0: long work runs on the request thread');
  else if (!existsSync(workerFile)) console.error('rbac-atlas: dist/server/worker.mjs is missing (run npm run build:cli): long work runs on the request thread');
  else {
    registerTaskRunner(createWorkerPool({ file: workerFile, max: uploadLimits(process.env).maxConcurrent }));
    registerAnswerRunner(createAnswerWorker(workerFile, answerWorkerCount(process.env)));
  }
  const config = { auth: authConfig(process.env), limits: uploadLimits(process.env) };
  // the JSON API is answered by the gate itself (api-serve.ts); Next serves the pages
  const gate = createGate({ handle: app.requestHandler, api: apiServer(API_ROUTES), config, dev: args.dev });
  const server = createServer();
  attachGate(server, gate, args.dev ? (req, socket, head) => void app.upgradeHandler(req, socket, head) : undefined, config);
  server.listen(args.port, args.hostname, () => {
    console.log(`RBAC Atlas server listening on ${args.hostname.includes(':') ? `[${args.hostname}]` : args.hostname}:${args.port}${args.dev ? ' (development)' : ''}`);
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(`rbac-atlas: cannot listen on ${args.hostname}:${args.port}: ${e.code ?? e.message}`);
    process.exit(1);
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`rbac-atlas: the server cannot start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
