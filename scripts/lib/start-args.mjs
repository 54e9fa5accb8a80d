// Parses `scripts/start.mjs` options: --port/-p, --host/--hostname/-H (also --flag=value), falling
// back to PORT and HOST from the environment, then 127.0.0.1:3000; and the access token:
// --token T (or RBAC_ATLAS_TOKEN), --require-token (or RBAC_ATLAS_REQUIRE_TOKEN=1).
import { randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { DEFAULT_HOST, DEFAULT_PORT } from './next-server.mjs';

export const START_USAGE =
  'usage: node scripts/start.mjs [--port N] [--host HOST] [--token TOKEN] [--require-token] [--dev]\n' +
  '  Any --host but loopback (127.0.0.1, ::1, localhost) requires an access token: --token, else\n' +
  '  RBAC_ATLAS_TOKEN, else a random one printed at start. --require-token also requires it on loopback.\n' +
  '  --dev: Next\'s development server (hot reload) behind the same checks, instead of the production build.';

const TRUE = /^(1|true|yes|on)$/i;
/** At least 16 visible ASCII characters, no spaces (it travels in a header and a URL). */
const TOKEN_SHAPE = /^[\x21-\x7e]{16,512}$/;

/** Returns { port, host, token?, requireToken, dev? }, { help: true }, or { error } for a usage error. */
export function parseStartArgs(argv, env = {}) {
  let port = env.PORT || String(DEFAULT_PORT);
  let host = env.HOST || DEFAULT_HOST;
  let token;
  let requireToken = false;
  let dev = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') return { help: true };
    if (flag === '--require-token' || flag === '--dev') {
      if (inline !== undefined) return { error: `${flag} takes no value` };
      if (flag === '--dev') dev = true;
      else requireToken = true;
      continue;
    }
    const isPort = flag === '--port' || flag === '-p';
    const isHost = flag === '--host' || flag === '--hostname' || flag === '-H';
    const isToken = flag === '--token';
    if (!isPort && !isHost && !isToken) return { error: `unknown argument ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined) return { error: `${flag} needs a value` };
    if (isPort) port = value;
    else if (isHost) host = value;
    else token = value;
  }
  const portNumber = Number(port);
  if (!/^\d+$/.test(port) || portNumber < 1 || portNumber > 65535) {
    return { error: `invalid port "${port}"` };
  }
  if (!host) return { error: 'empty host' };
  return { port: portNumber, host, ...(token !== undefined ? { token } : {}), requireToken, ...(dev ? { dev } : {}) };
}

/**
 * Loopback addresses only: 127.0.0.0/8, ::1 (also bracketed or IPv4-mapped) and the name
 * localhost. Any other name counts as non-loopback, even one that resolves to 127.0.0.1.
 */
export function isLoopbackHost(host) {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === 'localhost' || h === 'localhost.' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIPv4(v4) && v4.startsWith('127.');
}

export function generateToken() {
  return randomBytes(32).toString('base64url');
}

/**
 * Whether the server needs an access token, and which. A token is required when binding anything
 * but loopback, with --require-token / RBAC_ATLAS_REQUIRE_TOKEN, or when one is given (--token beats
 * RBAC_ATLAS_TOKEN). Without a given token a random one is generated (32 bytes, base64url).
 * Returns { required: false }, { required: true, token, generated }, or { error }.
 */
export function resolveAccessToken({ host, token, requireToken = false }, env = {}, generate = generateToken) {
  const given = token ?? (env.RBAC_ATLAS_TOKEN?.trim() || undefined);
  const required = given !== undefined || requireToken || TRUE.test(env.RBAC_ATLAS_REQUIRE_TOKEN?.trim() ?? '') || !isLoopbackHost(host);
  if (!required) return { required: false };
  if (given === undefined) return { required: true, token: generate(), generated: true };
  if (!TOKEN_SHAPE.test(given)) {
    return { error: 'the access token must be 16 to 512 visible ASCII characters without spaces' };
  }
  return { required: true, token: given, generated: false };
}

/** The warning start.mjs prints (stderr) before binding anything but loopback; [] on loopback. */
export function bindWarning(host) {
  if (isLoopbackHost(host)) return [];
  return [
    `warning: binding ${host} exposes this cluster's RBAC data to the network. Every request needs the`,
    'warning: access token; traffic is plain HTTP, so use a trusted network or a TLS proxy in front.',
  ];
}

/** Where to open the app with the token, printed once the server is ready. `url`: the browser's base URL. */
export function accessNotice(url, access) {
  if (!access.required) return [];
  const lines = access.generated
    ? [`Access token (generated): ${access.token}`, `Open: ${url}/?token=${encodeURIComponent(access.token)}`]
    : [`Access token required (the one you gave). Open: ${url}/?token=<token>`];
  lines.push('API clients send "Authorization: Bearer <token>".');
  return lines;
}

/** The URL a browser on this machine opens: wildcard binds are reached on loopback. */
export function browserUrl(host, port, serverUrl) {
  if (host === '0.0.0.0') return serverUrl('127.0.0.1', port);
  if (host === '::' || host === '[::]') return serverUrl('::1', port);
  return serverUrl(host, port);
}
