// Which cluster, as kubectl would pick it: --kubeconfig, else the KUBECONFIG files merged (the first
// file to set a value wins; files that do not exist are skipped), else ~/.kube/config, else the
// pod's service account when running inside a cluster (in-cluster mode). --context selects a
// context, otherwise the current one. Credentials stay inside the returned KubeConfig: only
// context names ever leave this module (listKubeContexts, for a context picker).
//
// A kubeconfig file is read with a size limit (RBAC_ATLAS_MAX_KUBECONFIG_BYTES, default 64 MiB:
// real ones are kilobytes; a pipe or /dev/zero stops there too) and parsed here, not by
// client-node, whose YAML parser quotes the offending lines (a `token:`) in its messages: errors
// name the file, line and column, never a value. Every error also carries a message for the
// browser (`browserMessage`) that names no file or directory of the server.
// Node only; no 'server-only' import here (see cluster.ts).
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { AtlasError } from '../errors';
import { yamlErrorText } from './parse-yaml';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
export const IN_CLUSTER_CONTEXT = 'in-cluster';
const MAX_LISTED_CONTEXTS = 30;
const DUMP_KINDS = 'roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,pods,namespaces';
export const DEFAULT_MAX_KUBECONFIG_BYTES = 64 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

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

/** Where the configuration came from, for the browser: no path of the server's file system. */
export type OriginLabel = string;

export interface ResolvedKubeConfig {
  kc: KubeConfig;
  /** the selected context's name ("in-cluster" in in-cluster mode) */
  context: string;
  /** the API server URL of that context */
  server: string;
  /** where the configuration came from, for messages: a file list or "the pod's service account" */
  origin: string;
  /** the same without paths, for the browser */
  originLabel: OriginLabel;
  inCluster: boolean;
}

interface ReadConfig {
  kc: KubeConfig;
  origin: string;
  originLabel: OriginLabel;
  inCluster: boolean;
}

const LABELS = {
  flag: 'the kubeconfig given with --kubeconfig',
  env: 'the kubeconfig files in KUBECONFIG',
  home: '~/.kube/config',
  inCluster: "the pod's service account (in-cluster mode)",
} as const;

/**
 * The context names a user can choose from (names only: no servers, users or credentials).
 * `origin` names files (for the CLI); `originLabel` does not (for the browser).
 */
export function listKubeContexts(o: Omit<KubeconfigOptions, 'context'> = {}): { contexts: string[]; current?: string; origin: string; originLabel: OriginLabel } {
  const read = readConfig(o);
  if ('missing' in read) return { contexts: [], origin: read.missing, originLabel: read.missingLabel };
  const current = read.kc.getCurrentContext();
  return { contexts: read.kc.getContexts().map((c) => c.name), ...(current ? { current } : {}), origin: read.origin, originLabel: read.originLabel };
}

/** An AtlasError whose browser message names no server path (the CLI message may). */
function configError(code: 'usage' | 'bad-input', message: string, browserMessage: string, file?: string): AtlasError {
  return new AtlasError(code, message, { ...(file ? { path: file } : {}), browserMessage });
}

/** Loads the kubeconfig and selects the context. Throws AtlasError('usage') when that is not possible. */
export function resolveKubeConfig(o: KubeconfigOptions = {}): ResolvedKubeConfig {
  const read = readConfig(o);
  if ('missing' in read) {
    const what = o.context ? `cannot use context "${o.context}": ` : '';
    throw configError(
      'usage',
      `${what}no kubeconfig found (${read.missing}) and not running inside a cluster; point --kubeconfig or KUBECONFIG at one, or read a dump with -f FILE (kubectl get ${DUMP_KINDS} -A -o yaml > dump.yaml), or use --demo`,
      `${what}the server has no kubeconfig (${read.missingLabel}) and does not run inside a cluster`,
    );
  }
  const { kc, origin, originLabel } = read;
  const name = o.context ?? kc.getCurrentContext();
  const available = describeContexts(kc.getContexts());
  const fail = (what: string) => configError('usage', `${what} ${origin}`, `${what} ${originLabel}`);
  if (!name) throw configError('usage', `no current context in ${origin}; choose one with --context (${available})`, `no current context in ${originLabel}`);
  const ctx = kc.getContextObject(name);
  if (!ctx) throw configError('usage', `context "${name}" not found in ${origin} (${available})`, `context "${name}" not found in ${originLabel}`);
  kc.setCurrentContext(name);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw fail(`context "${name}" refers to cluster "${ctx.cluster}", which is not defined in`);
  if (!cluster.server) throw fail(`cluster "${cluster.name}" of context "${name}" has no server URL in`);
  // client-node applies the CA and client certificate only when the context has a user
  if (!kc.getCurrentUser()) throw fail(`context "${name}" refers to user "${ctx.user}", which is not defined in`);
  return { kc, context: name, server: cluster.server.replace(/\/+$/, ''), origin, originLabel, inCluster: read.inCluster };
}

function describeContexts(contexts: Context[]): string {
  if (contexts.length === 0) return 'it defines no contexts';
  const names = contexts.map((c) => c.name);
  const shown = names.slice(0, MAX_LISTED_CONTEXTS).join(', ');
  return `available contexts: ${shown}${names.length > MAX_LISTED_CONTEXTS ? `, … (${names.length} in all)` : ''}`;
}

function readConfig(o: Omit<KubeconfigOptions, 'context'>): ReadConfig | { missing: string; missingLabel: string } {
  const env = o.env ?? process.env;
  const limit = maxKubeconfigBytes(env);
  if (o.kubeconfig) {
    const file = path.resolve(o.kubeconfig);
    if (!existsSync(file)) throw configError('usage', `--kubeconfig ${o.kubeconfig}: no such file`, `${LABELS.flag}: no such file`);
    return { kc: mergeFiles([file], limit, LABELS.flag), origin: `kubeconfig ${o.kubeconfig}`, originLabel: LABELS.flag, inCluster: false };
  }
  let missing: string;
  let missingLabel: string;
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  if (fromEnv.length > 0) {
    const existing = fromEnv.filter((f) => existsSync(f));
    if (existing.length > 0) {
      return { kc: mergeFiles(existing, limit, LABELS.env), origin: `kubeconfig ${existing.join(path.delimiter)} (from KUBECONFIG)`, originLabel: LABELS.env, inCluster: false };
    }
    missing = `KUBECONFIG=${env.KUBECONFIG}: no such file`;
    missingLabel = 'KUBECONFIG names no existing file';
  } else {
    const home = env.HOME || os.homedir();
    const file = path.join(home, '.kube', 'config');
    if (existsSync(file)) return { kc: mergeFiles([file], limit, LABELS.home), origin: `kubeconfig ${file}`, originLabel: LABELS.home, inCluster: false };
    missing = `${file} does not exist and KUBECONFIG is not set`;
    missingLabel = '~/.kube/config does not exist and KUBECONFIG is not set';
  }
  const inCluster = readInCluster(env, o.inClusterRoot ?? '');
  return inCluster ?? { missing, missingLabel };
}

/** RBAC_ATLAS_MAX_KUBECONFIG_BYTES, else 64 MiB. */
export function maxKubeconfigBytes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.RBAC_ATLAS_MAX_KUBECONFIG_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_KUBECONFIG_BYTES;
}

/**
 * The bytes of a kubeconfig file, at most `limit` (bad-input, exit 65, past it). Synchronous, as
 * the rest of the kubeconfig resolution; works for pipes (KUBECONFIG=<(...)) and devices too.
 */
function readLimited(file: string, limit: number, label: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError('usage', `cannot read kubeconfig ${file}: ${reason}`, `cannot read ${label}: ${reason}`, file);
  }
  const tooLarge = () =>
    configError(
      'bad-input',
      `kubeconfig ${file} is larger than ${limit} bytes (RBAC_ATLAS_MAX_KUBECONFIG_BYTES): not a kubeconfig?`,
      `${label} is larger than ${limit} bytes (RBAC_ATLAS_MAX_KUBECONFIG_BYTES)`,
      file,
    );
  try {
    const info = fstatSync(fd);
    if (info.isFile() && info.size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      size += n;
      if (size > limit) throw tooLarge();
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks, size);
  } catch (e) {
    if (e instanceof AtlasError) throw e;
    const reason = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw configError('usage', `cannot read kubeconfig ${file}: ${reason}`, `cannot read ${label}: ${reason}`, file);
  } finally {
    closeSync(fd);
  }
}

/** client-node's own structural messages that name a field, never a value; anything else is replaced. */
const STRUCTURE_MESSAGE = /^(clusters|users|contexts)\[\d+\](\.[a-z.-]+)? is missing$/;

/**
 * One kubeconfig file as client-node's KubeConfig, or undefined for an empty file (an empty config,
 * as for kubectl). YAML is parsed here (positions, no quotes of the text); client-node gets JSON.
 */
export function parseKubeconfigFile(file: string, limit: number = DEFAULT_MAX_KUBECONFIG_BYTES, label = 'the kubeconfig'): KubeConfig | undefined {
  const text = readLimited(file, limit, label).toString('utf8');
  if (text.trim() === '') return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'silent' });
  const [first] = doc.errors;
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    const what = `YAML syntax error at line ${line}, column ${col}: ${yamlErrorText(first.code)}`;
    throw configError('usage', `cannot read kubeconfig ${file}: ${what}`, `cannot read ${label}: ${what}`, file);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw configError('usage', `cannot read kubeconfig ${file}: too many YAML alias expansions`, `cannot read ${label}: too many YAML alias expansions`, file);
  }
  if (value === null || value === undefined) return undefined;
  const structure = (what: string) => configError('usage', `cannot read kubeconfig ${file}: ${what}`, `cannot read ${label}: ${what}`, file);
  if (typeof value !== 'object' || Array.isArray(value)) throw structure('not a kubeconfig (a mapping with clusters, users and contexts)');
  const kc = new KubeConfig();
  try {
    kc.loadFromString(JSON.stringify(value));
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    throw structure(STRUCTURE_MESSAGE.test(message) ? message : 'clusters, users and contexts must be lists of named entries');
  }
  kc.makePathsAbsolute(path.dirname(file)); // certificate and key paths are relative to the file, as for kubectl
  return kc;
}

/** kubectl's merge: the first file to define a cluster, user or context name, or current-context, wins. */
function mergeFiles(files: string[], limit: number, label: string): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current: string | undefined;
  for (const file of files) {
    const kc = parseKubeconfigFile(file, limit, label);
    if (kc === undefined) continue;
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
  return { kc, origin: LABELS.inCluster, originLabel: LABELS.inCluster, inCluster: true };
}
