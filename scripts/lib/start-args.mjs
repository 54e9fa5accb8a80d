// Parses `scripts/start.mjs` options: --port/-p, --host/--hostname/-H (also --flag=value), falling
// back to PORT and HOST from the environment, then 127.0.0.1:3000.
import { DEFAULT_HOST, DEFAULT_PORT } from './next-server.mjs';

export const START_USAGE = 'usage: node scripts/start.mjs [--port N] [--host HOST]';

/** Returns { port, host }, { help: true }, or { error } for a usage error. */
export function parseStartArgs(argv, env = {}) {
  let port = env.PORT || String(DEFAULT_PORT);
  let host = env.HOST || DEFAULT_HOST;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return { help: true };
    const isPort = flag === '--port' || flag === '-p';
    const isHost = flag === '--host' || flag === '--hostname' || flag === '-H';
    if (!isPort && !isHost) return { error: `unknown argument ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { error: `${flag} needs a value` };
    if (isPort) port = value;
    else host = value;
  }
  const portNumber = Number(port);
  if (!/^\d+$/.test(port) || portNumber < 1 || portNumber > 65535) {
    return { error: `invalid port "${port}"` };
  }
  if (!host) return { error: 'empty host' };
  return { port: portNumber, host };
}
