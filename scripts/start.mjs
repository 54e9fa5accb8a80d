#!/usr/bin/env node
// `npm start`: serve RBAC Atlas on http://127.0.0.1:3000, building first when the build is stale.
// Options: --port N / -p N, --host H / -H H (or PORT / HOST in the environment).
import {
  ensureBuilt,
  forwardSignals,
  serverUrl,
  startNext,
  waitUntilReady,
} from './lib/next-server.mjs';
import { parseStartArgs, START_USAGE } from './lib/start-args.mjs';

const options = parseStartArgs(process.argv.slice(2), process.env);
if ('help' in options) {
  console.log(START_USAGE);
  process.exit(0);
}
if ('error' in options) {
  console.error(`start: ${options.error}\n${START_USAGE}`);
  process.exit(64);
}

const { port, host } = options;
try {
  await ensureBuilt();
} catch (err) {
  console.error(`start: ${err.message}`);
  process.exit(1);
}

const url = serverUrl(host, port);
console.log(`Starting RBAC Atlas on ${url}`);
const child = startNext({ port, host });
forwardSignals(child);
waitUntilReady(`${url}/api/health`, { child }).then(
  () => console.log(`RBAC Atlas is ready: ${url}`),
  (err) => console.error(`start: ${err.message}`),
);
