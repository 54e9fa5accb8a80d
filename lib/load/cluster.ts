// Live-cluster loader: lists the seven kinds RBAC Atlas uses across all namespaces and hands the
// raw lists to buildSnapshot, like the file loader does with a dump.
//
// No `import 'server-only'` here, although docs/STYLE.md suggests it: that package throws unless
// the "react-server" export condition is set, which would break the CLI bundle and vitest. The web
// app must import this module only from server code (route handlers, server components); guard the
// import on the Next side.
//
// - Paging: `limit` (default 500) + `continue`. A list whose continue token expired (410 Gone) is
//   started again from scratch; after `maxRelists` restarts it is read in one unpaged request.
// - Transient failures (connection reset, 429, 5xx) are retried with backoff (cluster-http.ts);
//   one deadline (default 60 s) bounds the whole load.
// - 403 on a kind: loading goes on without it; a `partial-data` warning names the kind and the RBAC
//   rule that would allow it, and snapshot.meta.partial is set.
// - 401, TLS and connection failures: AtlasError('unreachable') naming the server and context;
//   its browserMessage names the context only (no URL, no low-level error text: the web app shows
//   it, see lib/errors.ts publicMessage).
// - Secrets are never requested: RBAC answers do not need them (a ServiceAccount's legacy token
//   Secrets are known by name from ServiceAccount.secrets). No request made here can return Secret data.
// - Pods: the API has no projection that keeps spec fields (PartialObjectMetadataList drops spec and
//   fieldSelector only filters), so pods are read whole and reduced at once (cluster-sanitize.ts).
import { buildSnapshot, type RawInput } from '../engine/normalize';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError } from '../errors';
import { resolveKubeConfig, type KubeconfigOptions } from './cluster-config';
import { KubeAuthError, KubeHttpClient, KubeHttpError, KubeNetworkError, isTlsError, type RequestStats } from './cluster-http';
import { sanitizeItem, isPlainObject, type RawObject } from './cluster-sanitize';

export { listKubeContexts, IN_CLUSTER_CONTEXT } from './cluster-config';

const RBAC = 'rbac.authorization.k8s.io';

export const CLUSTER_KINDS = [
  { kind: 'Namespace', resource: 'namespaces', group: '', path: '/api/v1/namespaces', missing: 'namespaces are known only from the objects that name them' },
  { kind: 'ClusterRole', resource: 'clusterroles', group: RBAC, path: `/apis/${RBAC}/v1/clusterroles`, missing: 'grants through ClusterRoles are not resolved (their bindings look dangling)' },
  { kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', group: RBAC, path: `/apis/${RBAC}/v1/clusterrolebindings`, missing: 'cluster-wide grants are missing' },
  { kind: 'Role', resource: 'roles', group: RBAC, path: `/apis/${RBAC}/v1/roles`, missing: 'grants through Roles are not resolved (their bindings look dangling)' },
  { kind: 'RoleBinding', resource: 'rolebindings', group: RBAC, path: `/apis/${RBAC}/v1/rolebindings`, missing: 'namespaced grants are missing' },
  { kind: 'ServiceAccount', resource: 'serviceaccounts', group: '', path: '/api/v1/serviceaccounts', missing: 'service accounts are known only from bindings and pods' },
  { kind: 'Pod', resource: 'pods', group: '', path: '/api/v1/pods', missing: 'the pods that run as each service account are not known' },
] as const;

export type ClusterKind = (typeof CLUSTER_KINDS)[number]['kind'];
type KindInfo = (typeof CLUSTER_KINDS)[number];

export interface ClusterProgress {
  kind: ClusterKind;
  /** objects read so far (starts again from 0 when a list is restarted after 410 Gone) */
  objects: number;
  pages: number;
  state: 'loading' | 'done' | 'forbidden';
}

export interface ClusterLoadOptions extends KubeconfigOptions {
  /** items per list request (default 500, kubectl's chunk size) */
  pageSize?: number;
  /** deadline for the whole load, retries included (default 60 000 ms; 0 = none) */
  timeoutMs?: number;
  /** attempts per request, the first included (default 5) */
  maxAttempts?: number;
  /** first retry delay, doubled per attempt (default 250 ms) */
  backoffMs?: number;
  /**
   * a request that receives nothing for this long (a hung connection) is abandoned and retried
   * (default: a quarter of timeoutMs, between 2 and 30 s; 30 s without a deadline; 0 = never)
   */
  idleTimeoutMs?: number;
  /** restarts of a list after 410 Gone before one unpaged request is made instead (default 3) */
  maxRelists?: number;
  /** kinds listed at the same time (default 3) */
  concurrency?: number;
  onProgress?: (p: ClusterProgress) => void;
  signal?: AbortSignal;
  userAgent?: string;
}

export interface ClusterLoadStats extends RequestStats {
  relists: number;
  ms: number;
  perKind: Record<ClusterKind, { objects: number; pages: number }>;
}

export interface ClusterLoadResult {
  snapshot: Snapshot;
  /** the sanitized objects (kind and apiVersion set), in CLUSTER_KINDS order: what `snapshot` writes */
  objects: RawObject[];
  context: string;
  server: string;
  /** gitVersion from /version, if the server told it */
  serverVersion?: string;
  loadedAt: string;
  /** kinds the identity may not list */
  forbidden: ClusterKind[];
  stats: ClusterLoadStats;
}

export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Per-request inactivity limit: a quarter of the load's deadline, between 2 and 30 s (30 s without a deadline). */
export function defaultIdleTimeout(timeoutMs: number): number {
  return timeoutMs > 0 ? Math.min(30_000, Math.max(2_000, Math.round(timeoutMs / 4))) : 30_000;
}

class DeadlineError extends Error {}

export async function loadCluster(o: ClusterLoadOptions = {}): Promise<ClusterLoadResult> {
  const started = performance.now();
  const cfg = resolveKubeConfig(o);
  const where = `${cfg.server} (context "${cfg.context}")`;
  const shown = `context "${cfg.context}"`;
  const source = `cluster ${cfg.context}`;
  const pageSize = o.pageSize ?? DEFAULT_PAGE_SIZE;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const idleTimeoutMs = o.idleTimeoutMs ?? defaultIdleTimeout(timeoutMs);
  const client = new KubeHttpClient(cfg.kc, cfg.server, { maxAttempts: o.maxAttempts ?? 5, backoffMs: o.backoffMs ?? 250, idleTimeoutMs }, o.userAgent ?? 'rbac-atlas');

  const deadline = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => deadline.abort(new DeadlineError(`timed out after ${formatSeconds(timeoutMs)}`)), timeoutMs) : undefined;
  const signal = o.signal ? AbortSignal.any([deadline.signal, o.signal]) : deadline.signal;
  const perKind = Object.fromEntries(CLUSTER_KINDS.map((k) => [k.kind, { objects: 0, pages: 0 }])) as ClusterLoadStats['perKind'];
  let relists = 0;

  const fail = (e: unknown, reading: string): never => {
    throw toAtlasError(e, { where, shown }, reading, timeoutMs, o.signal);
  };

  try {
    let serverVersion: string | undefined;
    try {
      const v = await client.getJson('/version', signal);
      if (isPlainObject(v) && typeof v.gitVersion === 'string') serverVersion = v.gitVersion;
    } catch (e) {
      // a server may refuse /version to this identity (403) or not serve it (404): not fatal
      if (!(e instanceof KubeHttpError && (e.status === 403 || e.status === 404))) fail(e, 'the server version');
    }

    const listKind = async (k: KindInfo): Promise<{ items: unknown[]; forbidden?: string; kept?: string }> => {
      const report = (state: ClusterProgress['state']) => o.onProgress?.({ kind: k.kind, objects: perKind[k.kind].objects, pages: perKind[k.kind].pages, state });
      for (let restarts = 0; ; restarts++) {
        const items: unknown[] = [];
        const paged = restarts <= (o.maxRelists ?? 3);
        perKind[k.kind] = { objects: 0, pages: 0 };
        let cont: string | undefined;
        let reading: string = k.resource;
        try {
          do {
            const q = new URLSearchParams();
            if (paged) q.set('limit', String(pageSize));
            if (cont) q.set('continue', cont);
            reading = `${k.resource} (page ${perKind[k.kind].pages + 1})`;
            const query = q.toString();
            const list = await client.getJson(`${k.path}${query ? `?${query}` : ''}`, signal);
            const page = readList(list, k, { where, shown });
            for (const item of page.items) {
              const clean = sanitizeItem(item, k.kind, page.apiVersion);
              if (clean !== undefined) items.push(clean);
            }
            perKind[k.kind].objects = items.length;
            perKind[k.kind].pages++;
            report('loading');
            cont = page.continue;
          } while (cont);
          report('done');
          return { items };
        } catch (e) {
          if (e instanceof KubeHttpError && e.status === 410 && cont !== undefined) {
            relists++;
            continue; // the continue token expired: list again from the start
          }
          if (e instanceof KubeHttpError && e.status === 403) {
            report('forbidden');
            // refused after some pages were read (e.g. a binding removed mid-load): keep them, say so
            const kept = items.length > 0 ? `; refused at page ${perKind[k.kind].pages + 1}, after ${items.length} ${k.resource} had been read, which are kept` : '';
            return { items, forbidden: e.message, kept };
          }
          return fail(e, reading);
        }
      }
    };

    const results = await mapLimit(CLUSTER_KINDS, o.concurrency ?? 3, listKind);
    const denied = CLUSTER_KINDS.flatMap((k, i) => (results[i]?.forbidden !== undefined ? [{ kind: k.kind, message: results[i]?.forbidden ?? '', kept: results[i]?.kept ?? '' }] : []));
    const forbidden = denied.map((d) => d.kind);
    if (forbidden.length === CLUSTER_KINDS.length) {
      const needs = `it needs list on namespaces, serviceaccounts and pods (core group) and on clusterroles, clusterrolebindings, roles and rolebindings (group ${RBAC}), cluster-wide`;
      throw unreachable(
        `the user of context "${cfg.context}" may not list any of the kinds RBAC Atlas reads from ${cfg.server} (${denied[0]?.message ?? '403 Forbidden'}); ${needs}`,
        `the user of context "${cfg.context}" may not list any of the kinds RBAC Atlas reads (403 Forbidden); ${needs}`,
      );
    }
    const objects = results.flatMap((r) => r.items) as RawObject[];
    const loadedAt = new Date().toISOString();
    const diagnostics = denied.map((d) => forbiddenDiagnostic(d.kind, d.message, d.kept, cfg.context, source));
    const inputs: RawInput[] = [{ value: { apiVersion: 'v1', kind: 'List', items: objects }, origin: { source } }];
    const snapshot = buildSnapshot(inputs, { source, loadedAt, partial: forbidden.length > 0, diagnostics });
    return {
      snapshot,
      objects,
      context: cfg.context,
      server: cfg.server,
      ...(serverVersion ? { serverVersion } : {}),
      loadedAt,
      forbidden,
      stats: { ...client.stats, relists, ms: performance.now() - started, perKind },
    };
  } finally {
    if (timer) clearTimeout(timer);
    // stops the requests of other kinds still running when one failed
    if (!deadline.signal.aborted) deadline.abort(new Error('load ended'));
  }
}

/** The RBAC rule that lets an identity list a kind cluster-wide, in words. */
export function listRuleFor(kind: ClusterKind): string {
  const k = kindInfo(kind);
  return `list ${k.resource} (${k.group === '' ? 'core group' : `group ${k.group}`}) cluster-wide: a ClusterRole rule {apiGroups: ["${k.group}"], resources: ["${k.resource}"], verbs: ["list"]} bound by a ClusterRoleBinding`;
}

function forbiddenDiagnostic(kind: ClusterKind, serverMessage: string, kept: string, context: string, source: string): Diagnostic {
  const k = kindInfo(kind);
  const said = serverMessage.length > 300 ? `${serverMessage.slice(0, 300)}…` : serverMessage;
  return {
    severity: 'warning',
    code: 'partial-data',
    message: `partial data: may not list ${k.resource} with context "${context}" (403 Forbidden: ${said}${kept}), so ${k.missing}; needs ${listRuleFor(kind)}`,
    origin: { source },
  };
}

function kindInfo(kind: ClusterKind): KindInfo {
  return CLUSTER_KINDS.find((k) => k.kind === kind) as KindInfo;
}

interface Where {
  /** server URL and context, for the CLI */
  where: string;
  /** the context only, for the browser */
  shown: string;
}

/** AtlasError('unreachable') with a browser message that names no URL. */
function unreachable(message: string, browserMessage: string, cause?: unknown): AtlasError {
  return new AtlasError('unreachable', message, { browserMessage }, cause === undefined ? undefined : { cause });
}

function readList(list: unknown, k: KindInfo, w: Where): { items: unknown[]; apiVersion: string; continue?: string } {
  if (!isPlainObject(list) || !Array.isArray(list.items)) {
    const what = `answered the list of ${k.resource} with something that is not a Kubernetes list; is it a Kubernetes API server?`;
    throw unreachable(`${w.where} ${what}`, `the API server of ${w.shown} ${what}`);
  }
  const meta = isPlainObject(list.metadata) ? list.metadata : {};
  const apiVersion = typeof list.apiVersion === 'string' ? list.apiVersion : k.group === '' ? 'v1' : `${k.group}/v1`;
  return { items: list.items, apiVersion, ...(typeof meta.continue === 'string' && meta.continue !== '' ? { continue: meta.continue } : {}) };
}

function toAtlasError(e: unknown, { where, shown }: Where, reading: string, timeoutMs: number, external?: AbortSignal): AtlasError {
  if (e instanceof AtlasError) return e;
  if (e instanceof DeadlineError) {
    const longer = `a slow or large cluster may need a longer --request-timeout (now ${formatSeconds(timeoutMs)})`;
    return unreachable(`${e.message} reading ${reading} from ${where}; ${longer}`, `${e.message} reading ${reading} from ${shown}; ${longer}`, e);
  }
  if (external?.aborted && e === external.reason) return unreachable(`loading from ${where} was cancelled`, `loading from ${shown} was cancelled`, e);
  if (e instanceof KubeHttpError) {
    if (e.status === 401) {
      const hint = 'log in again or check the user of the context in kubeconfig';
      return unreachable(`the API server ${where} rejected the credentials (401 Unauthorized): ${hint}`, `the API server of ${shown} rejected the credentials (401 Unauthorized): ${hint}`, e);
    }
    // the server's own message can be anything (an HTML page of a proxy): the CLI shows it, the browser not
    return unreachable(`reading ${reading} from ${where} failed: ${e.status} ${e.reason}: ${e.message}`, `reading ${reading} from ${shown} failed: ${e.status} ${e.reason}`, e);
  }
  if (e instanceof KubeAuthError) return unreachable(`${where}: ${e.message}`, `${shown}: ${e.safe ? e.message : 'cannot get credentials (the server log has no more: run the CLI with this context to see why)'}`, e);
  if (e instanceof KubeNetworkError) {
    if (isTlsError(e.code)) {
      return unreachable(`TLS verification failed for ${where}: ${e.message} (${e.code}); check certificate-authority in kubeconfig`, `TLS verification failed for ${shown} (${e.code}); check certificate-authority in kubeconfig`, e);
    }
    const retried = e.transient ? ' (after retries)' : '';
    return unreachable(`cannot reach the API server ${where}: ${e.message}${retried}`, `cannot reach the API server of ${shown} (${e.code})${retried}`, e);
  }
  return new AtlasError('internal', `loading from ${where}: ${(e as Error)?.message ?? String(e)}`, undefined, { cause: e });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
