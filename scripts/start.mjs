#!/usr/bin/env node
// `npm start`: serve RBAC Atlas on http://127.0.0.1:3000, building first when the build is stale.
// Options: --port N / -p N, --host H / -H H (or PORT / HOST in the environment), --token T (or
// RBAC_ATLAS_TOKEN), --require-token (or RBAC_ATLAS_REQUIRE_TOKEN=1), --dev (`npm run dev`: Next's
// development server, no build). Binding anything but loopback requires an access token (generated
// and printed when none is given); the server process gets it in RBAC_ATLAS_TOKEN and its gate
// (lib/server/gate.ts) checks it on every request.
import {
  ensureBuilt,
  ensureServerBundle,
  forwardSignals,
  serverUrl,
  startNext,
  waitUntilReady,
} from './lib/next-server.mjs';
import { accessNotice, bindWarning, browserUrl, parseStartArgs, resolveAccessToken, START_USAGE } from './lib/start-args.mjs';

const options = parseStartArgs(process.argv.slice(2), process.env);
if ('help' in options) {
  console.log(START_USAGE);
  process.exit(0);
}
if ('error' in options) {
  console.error(`start: ${options.error}\n${START_USAGE}`);
  process.exit(64);
}

const { port, host, dev = false } = options;
const access = resolveAccessToken(options, process.env);
if ('error' in access) {
  console.error(`start: ${access.error}`);
  process.exit(64);
}
for (const line of bindWarning(host)) console.error(line);
try {
  if (dev) await ensureServerBundle();
  else await ensureBuilt();
} catch (err) {
  console.error(`start: ${err.message}`);
  process.exit(1);
}

const url = serverUrl(host, port);
const env = { ...process.env };
delete env.RBAC_ATLAS_TOKEN;
delete env.RBAC_ATLAS_REQUIRE_TOKEN;
if (access.required) Object.assign(env, { RBAC_ATLAS_TOKEN: access.token, RBAC_ATLAS_REQUIRE_TOKEN: '1' });
console.log(`Starting RBAC Atlas on ${url}`);
const child = startNext({ port, host, env, dev });
forwardSignals(child);
const headers = access.required ? { authorization: `Bearer ${access.token}` } : {};
waitUntilReady(`${url}/api/health`, { child, headers }).then(
  () => {
    console.log(`RBAC Atlas is ready: ${url}`);
    for (const line of accessNotice(browserUrl(host, port, serverUrl), access)) console.log(line);
  },
  (err) => console.error(`start: ${err.message}`),
);
