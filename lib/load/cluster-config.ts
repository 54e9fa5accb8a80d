// Which cluster, as kubectl would pick it: --kubeconfig, else the KUBECONFIG files merged (the first
// file to set a value wins; files that do not exist are skipped), else ~/.kube/config, else the
// pod's service account when running inside a cluster (in-cluster mode). --context selects a
// context, otherwise the current one. Credentials stay inside the returned KubeConfig: only
// context names ever leave this module (listKubeContexts, for a context picker).
// Node only; no 'server-only' import here (see cluster.ts).
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AtlasError } from '../errors';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
export const IN_CLUSTER_CONTEXT = 'in-cluster';
const MAX_LISTED_CONTEXTS = 30;
const DUMP_KINDS = 'roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,pods,namespaces';

export interface KubeconfigOptions {
  /** kubeconfig context (default: the current context) */
  context?: string;
  /** a kubeconfig file, instead of KUBECONFIG / ~/.kube/config */
  kubeconfig?: string;
  /** environment to read KUBECONFIG, HOME and KUBERNETES_SERVICE_HOST/PORT from (default process.env) */
  env?: Record<string, string | undefined>;
  /** prefix of the service-account directory for in-cluster mode (tests); default "" (the real path) */
  inClusterRoot?: string;
}

export interface ResolvedKubeConfig {
  kc: KubeConfig;
  /** the selected context's name ("in-cluster" in in-cluster mode) */
  context: string;
  /** the API server URL of that context */
  server: string;
  /** where the configuration came from, for messages: a file list or "the pod's service account" */
  origin: string;
  inCluster: boolean;
}

interface ReadConfig {
  kc: KubeConfig;
  origin: string;
  inCluster: boolean;
}

/** The context names a user can choose from (names only: no servers, users or credentials). */
export function listKubeContexts(o: Omit<KubeconfigOptions, 'context'> = {}): { contexts: string[]; current?: string; origin: string } {
  const read = readConfig(o);
  if ('missing' in read) return { contexts: [], origin: read.missing };
  const current = read.kc.getCurrentContext();
  return { contexts: read.kc.getContexts().map((c) => c.name), ...(current ? { current } : {}), origin: read.origin };
}

/** Loads the kubeconfig and selects the context. Throws AtlasError('usage') when that is not possible. */
export function resolveKubeConfig(o: KubeconfigOptions = {}): ResolvedKubeConfig {
  const read = readConfig(o);
  if ('missing' in read) {
    const what = o.context ? `cannot use context "${o.context}": ` : '';
    throw new AtlasError(
      'usage',
      `${what}no kubeconfig found (${read.missing}) and not running inside a cluster; point --kubeconfig or KUBECONFIG at one, or read a dump with -f FILE (kubectl get ${DUMP_KINDS} -A -o yaml > dump.yaml), or use --demo`,
    );
  }
  const { kc, origin } = read;
  const name = o.context ?? kc.getCurrentContext();
  const available = describeContexts(kc.getContexts());
  if (!name) throw new AtlasError('usage', `no current context in ${origin}; choose one with --context (${available})`);
  const ctx = kc.getContextObject(name);
  if (!ctx) throw new AtlasError('usage', `context "${name}" not found in ${origin} (${available})`);
  kc.setCurrentContext(name);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new AtlasError('usage', `context "${name}" refers to cluster "${ctx.cluster}", which is not defined in ${origin}`);
  if (!cluster.server) throw new AtlasError('usage', `cluster "${cluster.name}" of context "${name}" has no server URL in ${origin}`);
  // client-node applies the CA and client certificate only when the context has a user
  if (!kc.getCurrentUser()) throw new AtlasError('usage', `context "${name}" refers to user "${ctx.user}", which is not defined in ${origin}`);
  return { kc, context: name, server: cluster.server.replace(/\/+$/, ''), origin, inCluster: read.inCluster };
}

function describeContexts(contexts: Context[]): string {
  if (contexts.length === 0) return 'it defines no contexts';
  const names = contexts.map((c) => c.name);
  const shown = names.slice(0, MAX_LISTED_CONTEXTS).join(', ');
  return `available contexts: ${shown}${names.length > MAX_LISTED_CONTEXTS ? `, … (${names.length} in all)` : ''}`;
}

function readConfig(o: Omit<KubeconfigOptions, 'context'>): ReadConfig | { missing: string } {
  const env = o.env ?? process.env;
  if (o.kubeconfig) {
    const file = path.resolve(o.kubeconfig);
    if (!existsSync(file)) throw new AtlasError('usage', `--kubeconfig ${o.kubeconfig}: no such file`);
    return { kc: mergeFiles([file]), origin: `kubeconfig ${o.kubeconfig}`, inCluster: false };
  }
  let missing: string;
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  if (fromEnv.length > 0) {
    const existing = fromEnv.filter((f) => existsSync(f));
    if (existing.length > 0) return { kc: mergeFiles(existing), origin: `kubeconfig ${existing.join(path.delimiter)} (from KUBECONFIG)`, inCluster: false };
    missing = `KUBECONFIG=${env.KUBECONFIG}: no such file`;
  } else {
    const home = env.HOME || os.homedir();
    const file = path.join(home, '.kube', 'config');
    if (existsSync(file)) return { kc: mergeFiles([file]), origin: `kubeconfig ${file}`, inCluster: false };
    missing = `${file} does not exist and KUBECONFIG is not set`;
  }
  const inCluster = readInCluster(env, o.inClusterRoot ?? '');
  return inCluster ?? { missing };
}

/** kubectl's merge: the first file to define a cluster, user or context name, or current-context, wins. */
function mergeFiles(files: string[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current: string | undefined;
  for (const file of files) {
    let kc: KubeConfig;
    try {
      if (readFileSync(file, 'utf8').trim() === '') continue; // an empty file is an empty config, as for kubectl
      kc = new KubeConfig();
      kc.loadFromFile(file); // also makes certificate/key paths absolute, relative to this file
    } catch (e) {
      throw new AtlasError('usage', `cannot read kubeconfig ${file}: ${(e as Error).message}`, { path: file }, { cause: e });
    }
    for (const c of kc.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.users ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.contexts ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (current === undefined && kc.currentContext) current = kc.currentContext;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current ?? '' });
  return merged;
}

/** In-cluster mode: KUBERNETES_SERVICE_HOST/PORT and the mounted service-account token and CA. */
function readInCluster(env: Record<string, string | undefined>, root: string): ReadConfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port || !existsSync(`${root}${SERVICE_ACCOUNT_DIR}/token`)) return undefined;
  const base = new KubeConfig();
  base.loadFromCluster(root); // the token is re-read by client-node as it rotates
  const [cluster] = base.clusters;
  const [user] = base.users;
  if (!cluster || !user) return undefined;
  const server = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ ...cluster, server }],
    users: [user],
    contexts: [{ name: IN_CLUSTER_CONTEXT, cluster: cluster.name, user: user.name }],
    currentContext: IN_CLUSTER_CONTEXT,
  });
  return { kc, origin: "the pod's service account (in-cluster mode)", inCluster: true };
}
