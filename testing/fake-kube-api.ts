// A fake Kubernetes API server for tests and for trying the live-cluster path on a laptop
// (`npm run fake-cluster -- -f SNAPSHOT`). It speaks HTTPS on a loopback port with a CA made at
// start, writes a kubeconfig that trusts it (bearer token auth), and serves a snapshot through the
// real list API paths and shapes: typed *List responses whose items carry no kind/apiVersion,
// limit/continue chunking, Status objects for 401/403/404/410, discovery and /version. Failures
// (latency, connection resets, 5xx/429, expired continue tokens) are injected deterministically by
// request number, and every request is recorded (Authorization header removed) for assertions.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { makeTestCertificates } from './fake-kube-certs';
import {
  EXPIRED_MESSAGE,
  RBAC_GROUP,
  RESOURCES,
  ResourceStore,
  decodeContinue,
  encodeContinue,
  flattenLists,
  forbiddenStatus,
  groupVersion,
  isFakeResource,
  readSnapshotFile,
  status,
  type FakeResource,
  type KubeObject,
  type ResourceInfo,
} from './fake-kube-store';

export { RESOURCES, type FakeResource } from './fake-kube-store';

export type Fault =
  | { type: 'reset' } // the TCP connection is destroyed without a response
  | { type: 'status'; code: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  | { type: 'hang' } // never answers (until the client gives up or the server closes)
  | { type: 'forbidden' } // 403 Forbidden as the real server words it for the resource (e.g. a binding removed mid-load)
  | { type: 'unauthorized' }; // 401 Unauthorized (e.g. a token revoked or expired mid-load)

export interface FaultContext {
  /** 1-based number of the request since start (or the last reset()) */
  n: number;
  path: string;
  query: Record<string, string>;
  resource?: FakeResource;
  /** page of a list request: 1 without a continue token, else the page the token asks for */
  page: number;
}

export interface FaultRule {
  /** request numbers to fail */
  at?: number[];
  /** fail every Nth request (n % every === 0) */
  every?: number;
  /** only requests whose path contains this string / matches this pattern */
  path?: string | RegExp;
  /** only list requests for this page or a later one (1 = every page; 3 = after two pages of the list succeeded) */
  fromPage?: number;
  /** stop after this many failures */
  times?: number;
  fault: Fault;
}

export interface FakeKubeApiOptions {
  /** a snapshot file: `kind: List` JSON (e.g. public/demo/demo-cluster.json), or YAML */
  snapshot?: string;
  /** objects or lists to serve (in addition to `snapshot`) */
  objects?: readonly unknown[];
  host?: string;
  /** 0 (default): a free port */
  port?: number;
  /** the bearer token the server accepts (default: random) */
  token?: string;
  /** name of the kubeconfig context (default "fake"); "<name>-bad-token" and "<name>-no-token" are written too */
  contextName?: string;
  /** user name in Forbidden messages (default "system:serviceaccount:rbac-atlas:rbac-atlas") */
  user?: string;
  /** resources the identity may not list or get (403 Forbidden), e.g. ['pods', 'secrets'] */
  forbid?: readonly FakeResource[];
  /** the server returns at most this many items per chunk, whatever `limit` asks for */
  pageSizeCap?: number;
  /** continue tokens expire (410 Gone, reason Expired) after `afterPages` pages of a list or `afterMs` ms, at most `times` times */
  expireContinue?: { afterPages?: number; afterMs?: number; times?: number };
  latencyMs?: number | ((r: FaultContext) => number);
  faults?: readonly FaultRule[] | ((r: FaultContext) => Fault | undefined);
  serverVersion?: Partial<VersionInfo>;
  /** keep every response body in `responses` (for leak assertions; costs memory) */
  recordBodies?: boolean;
  /** one line per request, e.g. console.error, for the dev tool */
  log?: (line: string) => void;
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export interface RecordedRequest {
  n: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** request headers, lower-case, without Authorization */
  headers: Record<string, string>;
  auth: 'valid' | 'invalid' | 'missing';
  resource?: FakeResource;
  namespace?: string;
  /** the HTTP status sent; 0 when the connection was reset or never answered */
  status: number;
  fault?: Fault['type'] | `status-${number}`;
  /** items in a list response */
  items?: number;
  /** true when the response carried a Secret's data or stringData */
  secretData: boolean;
  metadataOnly: boolean;
  bytes: number;
}

export interface FakeKubeApi {
  url: string;
  kubeconfigPath: string;
  contextName: string;
  token: string;
  caPem: string;
  requests: RecordedRequest[];
  /** response bodies (with recordBodies) in request order */
  responses: { n: number; body: string }[];
  /** number of objects served per resource */
  counts: Record<FakeResource, number>;
  /** clears the records and counters and sets options back to the start ones, plus `patch` */
  reset(patch?: Partial<FakeKubeApiOptions>): void;
  /** files for in-cluster mode (token, ca.crt, namespace) under `root`, and the environment that goes with them */
  writeInClusterFiles(root?: string): Promise<{ root: string; env: Record<string, string> }>;
  close(): Promise<void>;
}

const DEFAULT_VERSION: VersionInfo = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4-fake',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const RESOURCE_VERSION = '424242';
const GZIP_THRESHOLD = 128 * 1024; // the real server's threshold

export async function startFakeKubeApi(startOptions: FakeKubeApiOptions = {}): Promise<FakeKubeApi> {
  const host = startOptions.host ?? '127.0.0.1';
  const token = startOptions.token ?? randomBytes(24).toString('base64url');
  const contextName = startOptions.contextName ?? 'fake';
  const stores = loadStores(startOptions);
  const certs = await makeTestCertificates();

  let options: FakeKubeApiOptions = { ...startOptions };
  let n = 0;
  let expired = 0;
  let faultUses = new Map<FaultRule, number>();
  const requests: RecordedRequest[] = [];
  const responses: { n: number; body: string }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server: Server = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, undefined, 500, status(500, 'InternalError', `fake server bug: ${String(e)}`));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://fake');
    const query = Object.fromEntries(url.searchParams);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (k !== 'authorization' && v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const authHeader = req.headers.authorization;
    const auth = authHeader === undefined ? 'missing' : authHeader === `Bearer ${token}` ? 'valid' : 'invalid';
    const route = parseRoute(url.pathname);
    const rec: RecordedRequest = {
      n: ++n,
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers,
      auth,
      ...(route.type === 'resource' ? { resource: route.resource, ...(route.namespace !== undefined ? { namespace: route.namespace } : {}) } : {}),
      status: 0,
      secretData: false,
      metadataOnly: false,
      bytes: 0,
    };
    requests.push(rec);
    const started = performance.now();
    res.on('close', () => options.log?.(`${rec.n} ${rec.method} ${req.url} -> ${rec.status || rec.fault || 'closed'} ${(performance.now() - started).toFixed(0)} ms`));

    const page = query.continue ? (decodeContinue(query.continue)?.page ?? 1) : 1;
    const ctx: FaultContext = { n: rec.n, path: url.pathname, query, ...(rec.resource ? { resource: rec.resource } : {}), page };
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs(ctx) : options.latencyMs ?? 0;
    if (latency > 0) await sleep(latency);
    if (res.destroyed) return;

    const fault = pickFault(ctx);
    if (fault) {
      if (fault.type === 'reset') {
        rec.fault = 'reset';
        req.socket.destroy();
        return;
      }
      if (fault.type === 'hang') {
        rec.fault = 'hang';
        return;
      }
      if (fault.type === 'forbidden') {
        rec.fault = 'forbidden';
        const info = rec.resource ? RESOURCES[rec.resource] : undefined;
        const body = info ? forbiddenStatus(userName(), 'list', info, rec.namespace) : status(403, 'Forbidden', `forbidden: User "${userName()}" cannot get path "${url.pathname}"`);
        return send(res, rec, 403, body);
      }
      if (fault.type === 'unauthorized') {
        rec.fault = 'unauthorized';
        return send(res, rec, 401, status(401, 'Unauthorized', 'Unauthorized'));
      }
      rec.fault = `status-${fault.code}`;
      const reason = { 429: 'TooManyRequests', 500: 'InternalError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'Timeout' }[fault.code];
      const extra = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined;
      send(res, rec, fault.code, status(fault.code, reason, `injected fault: ${reason}`), extra);
      return;
    }
    if (auth !== 'valid') return send(res, rec, 401, status(401, 'Unauthorized', 'Unauthorized'));
    if (rec.method !== 'GET') return send(res, rec, 405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${rec.method})`));

    switch (route.type) {
      case 'text':
        return sendText(res, rec, 200, 'ok');
      case 'json':
        return send(res, rec, 200, route.body(options));
      case 'not-found':
        return send(res, rec, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
      case 'resource':
        return serveResource(req, res, rec, route);
    }
  }

  function serveResource(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, route: ResourceRoute): void {
    const info: ResourceInfo = RESOURCES[route.resource];
    const store = stores[route.resource];
    const accept = req.headers.accept ?? '';
    const media = negotiate(accept);
    if (media === undefined) {
      return send(res, rec, 406, status(406, 'NotAcceptable', `only the following media types are accepted: application/json, application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1 (fake server), got "${accept}"`));
    }
    const metadataOnly = media === 'metadata';
    rec.metadataOnly = metadataOnly;
    if (rec.query.watch !== undefined && rec.query.watch !== 'false' && rec.query.watch !== '0') {
      return send(res, rec, 400, status(400, 'BadRequest', 'watch is not supported by the fake server'));
    }
    const verb = route.name !== undefined ? 'get' : 'list';
    if (options.forbid?.includes(route.resource)) return send(res, rec, 403, forbiddenStatus(userName(), verb, info, route.namespace));

    if (route.name !== undefined) {
      const obj = store.get(route.namespace ?? '', route.name);
      if (!obj) return send(res, rec, 404, status(404, 'NotFound', `${info.resource} "${route.name}" not found`, { name: route.name, kind: info.resource }));
      if (metadataOnly) return send(res, rec, 200, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata });
      rec.secretData = route.resource === 'secrets' && hasSecretData(obj);
      return send(res, rec, 200, obj);
    }

    let limit = 0;
    if (rec.query.limit !== undefined) {
      limit = Number(rec.query.limit);
      if (!Number.isInteger(limit) || limit < 0) return send(res, rec, 400, status(400, 'BadRequest', `invalid limit "${rec.query.limit}"`));
    }
    if (limit > 0 && options.pageSizeCap !== undefined && options.pageSizeCap > 0) limit = Math.min(limit, options.pageSizeCap);
    let afterKey: string | undefined;
    let pageNumber = 1;
    if (rec.query.continue) {
      const t = decodeContinue(rec.query.continue);
      if (!t || t.resource !== route.resource || t.namespace !== route.namespace) {
        return send(res, rec, 400, status(400, 'BadRequest', 'continue key is not valid: the token does not belong to this list'));
      }
      if (isExpired(t.page, t.issuedAt)) {
        expired++;
        return send(res, rec, 410, status(410, 'Expired', EXPIRED_MESSAGE));
      }
      afterKey = t.lastKey;
      pageNumber = t.page;
    }
    const chunk = store.page(route.namespace, afterKey, limit);
    const meta: Record<string, unknown> = { resourceVersion: RESOURCE_VERSION };
    if (chunk.lastKey !== undefined) {
      meta.continue = encodeContinue({ resource: route.resource, namespace: route.namespace, lastKey: chunk.lastKey, resourceVersion: RESOURCE_VERSION, page: pageNumber + 1, issuedAt: Date.now() });
      meta.remainingItemCount = chunk.remaining;
    }
    rec.items = chunk.items.length;
    if (metadataOnly) {
      const items = chunk.items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }));
      return send(res, rec, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: meta, items });
    }
    rec.secretData = route.resource === 'secrets' && chunk.items.some(hasSecretData);
    const items = chunk.items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest);
    return send(res, rec, 200, { kind: `${info.kind}List`, apiVersion: groupVersion(info), metadata: meta, items });
  }

  function isExpired(page: number, issuedAt: number): boolean {
    const e = options.expireContinue;
    if (!e || expired >= (e.times ?? Infinity)) return false;
    return (e.afterPages !== undefined && page > e.afterPages) || (e.afterMs !== undefined && Date.now() - issuedAt > e.afterMs);
  }

  function pickFault(ctx: FaultContext): Fault | undefined {
    const f = options.faults;
    if (f === undefined) return undefined;
    if (typeof f === 'function') return f(ctx);
    for (const rule of f) {
      const used = faultUses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      const byNumber = (rule.at?.includes(ctx.n) ?? false) || (rule.every !== undefined && ctx.n % rule.every === 0);
      const byPath = rule.path === undefined || (typeof rule.path === 'string' ? ctx.path.includes(rule.path) : rule.path.test(ctx.path));
      if (rule.fromPage !== undefined && ctx.page < rule.fromPage) continue;
      const numbered = rule.at !== undefined || rule.every !== undefined;
      if ((numbered ? byNumber : true) && byPath) {
        faultUses.set(rule, used + 1);
        return rule.fault;
      }
    }
    return undefined;
  }

  function send(res: ServerResponse, rec: RecordedRequest | undefined, code: number, body: unknown, extraHeaders?: Record<string, string>): void {
    if (res.destroyed) return;
    const text = JSON.stringify(body);
    let payload: Buffer = Buffer.from(text);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-cache, private', ...extraHeaders };
    const acceptsGzip = /\bgzip\b/.test(String(res.req?.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && payload.length > GZIP_THRESHOLD) {
      payload = gzipSync(payload, { level: 1 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(payload.length);
    if (rec) {
      rec.status = code;
      rec.bytes = payload.length;
      if (options.recordBodies) responses.push({ n: rec.n, body: text });
    }
    res.writeHead(code, headers);
    res.end(payload);
  }

  function sendText(res: ServerResponse, rec: RecordedRequest, code: number, text: string): void {
    rec.status = code;
    rec.bytes = text.length;
    res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  function userName(): string {
    return options.user ?? 'system:serviceaccount:rbac-atlas:rbac-atlas';
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(startOptions.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'fake-kube-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigYaml(url, certs.caPem, contextName, token), { mode: 0o600 });

  const counts = Object.fromEntries(Object.entries(stores).map(([r, s]) => [r, s.size])) as Record<FakeResource, number>;
  return {
    url,
    kubeconfigPath,
    contextName,
    token,
    caPem: certs.caPem,
    requests,
    responses,
    counts,
    reset(patch = {}) {
      options = { ...startOptions, ...patch };
      n = 0;
      expired = 0;
      faultUses = new Map();
      requests.length = 0;
      responses.length = 0;
    },
    async writeInClusterFiles(root?: string) {
      const base = root ?? (await mkdtemp(path.join(dir, 'in-cluster-')));
      const saDir = path.join(base, 'var/run/secrets/kubernetes.io/serviceaccount');
      await mkdir(saDir, { recursive: true });
      await writeFile(path.join(saDir, 'token'), token);
      await writeFile(path.join(saDir, 'ca.crt'), certs.caPem);
      await writeFile(path.join(saDir, 'namespace'), 'rbac-atlas');
      return { root: base, env: { KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: String(port) } };
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function kubeconfigYaml(server: string, caPem: string, name: string, token: string): string {
  const ca = Buffer.from(caPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name, cluster: { server, 'certificate-authority-data': ca } }],
    users: [
      { name: `${name}-user`, user: { token } },
      { name: `${name}-bad-token-user`, user: { token: `${token}-wrong` } },
      { name: `${name}-no-token-user`, user: {} },
    ],
    contexts: [
      { name, context: { cluster: name, user: `${name}-user` } },
      { name: `${name}-bad-token`, context: { cluster: name, user: `${name}-bad-token-user` } },
      { name: `${name}-no-token`, context: { cluster: name, user: `${name}-no-token-user` } },
    ],
    'current-context': name,
  });
}

function loadStores(o: FakeKubeApiOptions): Record<FakeResource, ResourceStore> {
  const stores = Object.fromEntries(Object.entries(RESOURCES).map(([r, info]) => [r, new ResourceStore(info)])) as Record<FakeResource, ResourceStore>;
  const byKind = new Map<string, ResourceStore>(Object.values(stores).map((s) => [s.info.kind, s]));
  const objects = [...(o.snapshot ? readSnapshotFile(o.snapshot) : []), ...(o.objects ?? []).flatMap((d) => flattenLists(d))];
  for (const obj of objects) byKind.get(obj.kind)?.add(obj);
  for (const s of Object.values(stores)) s.seal();
  return stores;
}

/** The first acceptable alternative of an Accept header: plain JSON or metadata only (Tables are not served). */
function negotiate(accept: string): 'json' | 'metadata' | undefined {
  if (accept.trim() === '') return 'json';
  for (const alternative of accept.split(',')) {
    const [type, ...params] = alternative.split(';').map((s) => s.trim());
    if (type !== 'application/json' && type !== '*/*' && type !== 'application/*') continue;
    const as = params.find((p) => p.startsWith('as='))?.slice(3);
    if (as === undefined) return 'json';
    if (as === 'PartialObjectMetadataList' || as === 'PartialObjectMetadata') return 'metadata';
  }
  return undefined;
}

function hasSecretData(o: KubeObject): boolean {
  return Object.hasOwn(o, 'data') || Object.hasOwn(o, 'stringData');
}

// ---- routes ---------------------------------------------------------------------------------

interface ResourceRoute {
  type: 'resource';
  resource: FakeResource;
  namespace?: string;
  name?: string;
}

type Route =
  | ResourceRoute
  | { type: 'json'; body: (o: FakeKubeApiOptions) => unknown }
  | { type: 'text' }
  | { type: 'not-found' };

const CORE_RESOURCES = Object.values(RESOURCES).filter((r) => r.group === '');
const RBAC_RESOURCES = Object.values(RESOURCES).filter((r) => r.group === RBAC_GROUP);

function parseRoute(pathname: string): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  switch (p) {
    case '/version':
      return { type: 'json', body: (o) => ({ ...DEFAULT_VERSION, ...o.serverVersion }) };
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { type: 'text' };
    case '/api':
      return { type: 'json', body: () => ({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] }) };
    case '/apis':
      return { type: 'json', body: () => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: [apiGroup()] }) };
    case '/api/v1':
      return { type: 'json', body: () => resourceList('v1', CORE_RESOURCES) };
    case `/apis/${RBAC_GROUP}`:
      return { type: 'json', body: () => ({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup() }) };
    case `/apis/${RBAC_GROUP}/v1`:
      return { type: 'json', body: () => resourceList(`${RBAC_GROUP}/v1`, RBAC_RESOURCES) };
  }
  const segments = p.split('/').filter(Boolean).map(decodeURIComponent);
  let rest: string[];
  let group: '' | typeof RBAC_GROUP;
  if (segments[0] === 'api' && segments[1] === 'v1') {
    group = '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments[1] === RBAC_GROUP && segments[2] === 'v1') {
    group = RBAC_GROUP;
    rest = segments.slice(3);
  } else {
    return { type: 'not-found' };
  }
  const served = (r: string | undefined): r is FakeResource => r !== undefined && isFakeResource(r) && RESOURCES[r].group === group;
  const [a, b, c, d, ...more] = rest;
  if (more.length > 0) return { type: 'not-found' };
  // .../namespaces/{ns}/{resource}[/{name}]
  if (a === 'namespaces' && b !== undefined && c !== undefined) {
    if (!served(c) || !RESOURCES[c].namespaced) return { type: 'not-found' };
    return { type: 'resource', resource: c, namespace: b, ...(d !== undefined ? { name: d } : {}) };
  }
  // .../{resource}[/{name}] (a name only for cluster-scoped resources)
  if (served(a) && c === undefined && (b === undefined || !RESOURCES[a].namespaced)) {
    return { type: 'resource', resource: a, ...(b !== undefined ? { name: b } : {}) };
  }
  return { type: 'not-found' };
}

function apiGroup() {
  const v = { groupVersion: `${RBAC_GROUP}/v1`, version: 'v1' };
  return { name: RBAC_GROUP, versions: [v], preferredVersion: v };
}

function resourceList(gv: string, resources: ResourceInfo[]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: resources.map((r) => ({
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['get', 'list'],
    })),
  };
}
