#!/usr/bin/env node
// A fake Kubernetes API server on this machine, to try the live-cluster path without a cluster:
//
//   npm run fake-cluster -- -f public/demo/demo-cluster.json [--port N] [--forbid pods,secrets]
//       [--page-size-cap N] [--latency MS] [--error-every N] [--reset-every N]
//       [--expire-after-pages N] [--generate NAMESPACES] [--log]
//
// It prints the path of a temporary kubeconfig (removed on exit) and example commands.
// Bundles testing/fake-kube-api.ts (and the cluster generator) into dist/fake-cluster/ first (Node 20 cannot run .ts).
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleCli } from './lib/cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const USAGE = `usage: npm run fake-cluster -- [-f SNAPSHOT | --generate NAMESPACES] [--port N] [--host 127.0.0.1]
    [--forbid pods,secrets] [--page-size-cap N] [--latency MS] [--error-every N] [--reset-every N]
    [--expire-after-pages N] [--context NAME] [--token TOKEN] [--log]
  -f, --file            snapshot to serve: a kind: List JSON or YAML (default: public/demo/demo-cluster.json)
  --generate N          serve a generated cluster with N team namespaces instead (testing/cluster/generate.ts)
  --forbid LIST         resources the identity may not list (403), e.g. pods,secrets
  --page-size-cap N     at most N items per list chunk, whatever limit asks
  --latency MS          delay every answer
  --error-every N       answer every Nth request with 500
  --reset-every N       reset the connection of every Nth request
  --expire-after-pages N  continue tokens expire (410 Gone) after N pages of a list
  --log                 one line per request on stderr`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      file: { type: 'string', short: 'f' },
      generate: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      forbid: { type: 'string' },
      'page-size-cap': { type: 'string' },
      latency: { type: 'string' },
      'error-every': { type: 'string' },
      'reset-every': { type: 'string' },
      'expire-after-pages': { type: 'string' },
      context: { type: 'string', default: 'fake' },
      token: { type: 'string' },
      log: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (e) {
  console.error(`fake-cluster: ${e.message}\n${USAGE}`);
  process.exit(64);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const int = (name, min = 0) => {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    console.error(`fake-cluster: --${name}: "${v}" is not an integer >= ${min}\n${USAGE}`);
    process.exit(64);
  }
  return n;
};
const RESOURCES = ['namespaces', 'pods', 'serviceaccounts', 'secrets', 'clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'];
const forbid = values.forbid ? values.forbid.split(',').map((s) => s.trim()).filter(Boolean) : [];
const unknown = forbid.filter((r) => !RESOURCES.includes(r));
if (unknown.length) {
  console.error(`fake-cluster: --forbid: unknown resource ${unknown.join(', ')} (known: ${RESOURCES.join(', ')})`);
  process.exit(64);
}
const generate = int('generate', 0);
const snapshot = generate === undefined ? path.resolve(values.file ?? path.join(root, 'public/demo/demo-cluster.json')) : undefined;
if (snapshot && !existsSync(snapshot)) {
  console.error(`fake-cluster: ${snapshot}: no such file`);
  process.exit(66);
}

const outdir = path.join(root, 'dist/fake-cluster');
await bundleCli(
  root,
  [
    { in: 'testing/fake-kube-api.ts', out: 'fake-kube-api' },
    { in: 'testing/cluster/generate.ts', out: 'generate' },
  ],
  outdir,
);
const { startFakeKubeApi } = await import(pathToFileURL(path.join(outdir, 'fake-kube-api.mjs')).href);

const faults = [];
const errorEvery = int('error-every', 1);
const resetEvery = int('reset-every', 1);
if (errorEvery) faults.push({ every: errorEvery, fault: { type: 'status', code: 500 } });
if (resetEvery) faults.push({ every: resetEvery, fault: { type: 'reset' } });
let objects;
if (generate !== undefined) {
  const { generateCluster } = await import(pathToFileURL(path.join(outdir, 'generate.mjs')).href);
  objects = [generateCluster({ namespaces: generate })];
}
const expireAfterPages = int('expire-after-pages', 1);
const api = await startFakeKubeApi({
  ...(snapshot ? { snapshot } : {}),
  ...(objects ? { objects } : {}),
  host: values.host,
  port: int('port', 0),
  contextName: values.context,
  ...(values.token ? { token: values.token } : {}),
  forbid,
  ...(int('page-size-cap', 1) ? { pageSizeCap: int('page-size-cap', 1) } : {}),
  ...(int('latency') ? { latencyMs: int('latency') } : {}),
  ...(faults.length ? { faults } : {}),
  ...(expireAfterPages ? { expireContinue: { afterPages: expireAfterPages } } : {}),
  ...(values.log ? { log: (line) => process.stderr.write(`${line}\n`) } : {}),
});

const served = Object.entries(api.counts).filter(([, n]) => n > 0).map(([r, n]) => `${n} ${r}`).join(', ');
const ctx = api.contextName;
console.log(`fake Kubernetes API server on ${api.url}
  serving ${snapshot ? path.relative(process.cwd(), snapshot) || snapshot : `a generated cluster (${generate} team namespaces)`}: ${served || 'nothing'}
  ${forbid.length ? `forbidden to list: ${forbid.join(', ')}` : 'every resource may be listed'}

kubeconfig: ${api.kubeconfigPath}
  context "${ctx}" (valid token), "${ctx}-bad-token" (401), "${ctx}-no-token" (401); removed on exit

try, in another terminal:
  export KUBECONFIG=${api.kubeconfigPath}
  npx rbac-atlas who-can get secrets -A
  npx rbac-atlas snapshot -o /tmp/fake-snapshot.json
  npx rbac-atlas who-can list pods --context ${ctx}-bad-token     # exit 69

Ctrl-C stops it.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await api.close();
  const secretRequests = api.requests.filter((r) => r.resource === 'secrets').length;
  console.log(`\nstopped after ${api.requests.length} requests (${secretRequests} to secrets)`);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
