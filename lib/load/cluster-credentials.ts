// Credentials of a kubeconfig user for each request (lib/load/cluster-http.ts). client-node applies
// tokens, client certificates, token files and OIDC; exec credential plugins are run here instead,
// because client-node's runner has no timeout (a hanging plugin outlived --request-timeout), keeps
// all of the plugin's output, and puts the plugin's stderr (or a quote of a malformed stdout, which
// holds the token) into its error messages. Here:
// - the plugin is killed (its whole process group) when the load's deadline or the caller's signal
//   aborts, and the load fails with the deadline's message;
// - stdout is capped at 1 MiB; stderr is read and dropped: a plugin may print secrets there;
// - every message names the plugin's command by its base name and says what went wrong (exit
//   code, not JSON, no token), never a value: no argument, environment entry, output or token;
// - KUBERNETES_EXEC_INFO tells the plugin it is not interactive, as kubectl does;
// - the credential is kept while it has not expired, and concurrent requests share one run.
// The gcp and azure auth-providers (removed from kubectl in 1.26) would run their `cmd-path`
// synchronously, blocking every deadline: they are refused with the plugin that replaces them.
import { KubeConfig, type User } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import type https from 'node:https';
import path from 'node:path';

export const MAX_EXEC_OUTPUT_BYTES = 1024 * 1024;
/** how long before its expiry a credential is refreshed */
const EXPIRY_MARGIN_MS = 10_000;

/** Getting credentials failed (an exec plugin, an unreadable token file...). `safe`: the message holds no value (the browser may see it). */
export class KubeAuthError extends Error {
  override readonly name = 'KubeAuthError';

  constructor(
    message: string,
    readonly safe = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ExecConfig {
  command: string;
  args?: unknown[];
  env?: unknown[];
  apiVersion?: string;
}

export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** ms since the epoch; undefined = does not expire */
  expiresAt?: number;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The exec plugin of a kubeconfig user (`exec`, or the older `auth-provider: {config: {exec}}`). */
export function execConfigOf(user: User | null | undefined): ExecConfig | undefined {
  if (!user) return undefined;
  const exec: unknown = user.exec ?? (isObject(user.authProvider) && isObject(user.authProvider.config) ? user.authProvider.config.exec : undefined);
  if (!isObject(exec)) return undefined;
  return exec as unknown as ExecConfig;
}

/** The base name of a plugin's command, for messages (never its path or arguments). */
export function pluginName(exec: Pick<ExecConfig, 'command'>): string {
  const base = typeof exec.command === 'string' ? path.basename(exec.command) : '';
  return /^[\w.+-]{1,64}$/.test(base) ? base : 'plugin';
}

function pluginEnv(exec: ExecConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const entry of Array.isArray(exec.env) ? exec.env : []) {
    if (isObject(entry) && typeof entry.name === 'string' && typeof entry.value === 'string') env[entry.name] = entry.value;
  }
  const apiVersion = typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
  env.KUBERNETES_EXEC_INFO = JSON.stringify({ apiVersion, kind: 'ExecCredential', spec: { interactive: false } });
  return env;
}

/** Reads an ExecCredential's status; the messages say what is wrong, never what is there. */
export function parseExecCredential(stdout: string, name: string): ExecCredential {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    throw new KubeAuthError(`the exec credential plugin "${name}" did not print an ExecCredential (its output is not JSON)`, true);
  }
  const status = isObject(value) ? value.status : undefined;
  if (!isObject(value) || value.kind !== 'ExecCredential' || !isObject(status)) {
    throw new KubeAuthError(`the exec credential plugin "${name}" did not print an ExecCredential (kind ExecCredential with a status)`, true);
  }
  const text = (k: string) => (typeof status[k] === 'string' && status[k] !== '' ? (status[k] as string) : undefined);
  const token = text('token');
  const cert = text('clientCertificateData');
  const key = text('clientKeyData');
  if (token === undefined && (cert === undefined || key === undefined)) {
    throw new KubeAuthError(`the ExecCredential of the exec credential plugin "${name}" has neither a token nor a client certificate and key`, true);
  }
  const expiry = typeof status.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : NaN;
  return {
    ...(token !== undefined ? { token } : {}),
    ...(cert !== undefined && key !== undefined ? { clientCertificateData: cert, clientKeyData: key } : {}),
    ...(Number.isFinite(expiry) ? { expiresAt: expiry } : {}),
  };
}

/**
 * Runs an exec credential plugin. Rejects with `signal.reason` when the signal aborts (the plugin
 * and its children are killed), with a safe KubeAuthError when it fails.
 */
export function runExecPlugin(exec: ExecConfig, signal: AbortSignal): Promise<ExecCredential> {
  const name = pluginName(exec);
  if (typeof exec.command !== 'string' || exec.command === '') {
    return Promise.reject(new KubeAuthError('the exec credential plugin of the user has no command', true));
  }
  if (signal.aborted) return Promise.reject(signal.reason);
  const args = (Array.isArray(exec.args) ? exec.args : []).map(String);
  return new Promise((resolve, reject) => {
    const detached = process.platform !== 'win32';
    const child = spawn(exec.command, args, { env: pluginEnv(exec), stdio: ['ignore', 'pipe', 'pipe'], detached, windowsHide: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let settled = false;
    const kill = () => {
      try {
        if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      fn();
    };
    const onAbort = () => {
      kill();
      finish(() => reject(signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > MAX_EXEC_OUTPUT_BYTES) {
        kill();
        finish(() => reject(new KubeAuthError(`the exec credential plugin "${name}" printed more than ${MAX_EXEC_OUTPUT_BYTES} bytes`, true)));
      } else out.push(chunk);
    });
    child.stderr?.resume(); // read and dropped: a plugin's messages may hold credentials
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish(() => reject(new KubeAuthError(`the exec credential plugin "${name}" could not be started (${e.code ?? 'error'})`, true)));
    });
    child.on('close', (code, sig) => {
      if (code !== 0) {
        const how = sig ? `was killed by ${sig}` : `exited with code ${code}`;
        finish(() =>
          reject(new KubeAuthError(`the exec credential plugin "${name}" ${how}; its messages are not shown, as they may hold credentials: run the command of the kubeconfig user yourself to see them`, true)),
        );
        return;
      }
      finish(() => {
        try {
          resolve(parseExecCredential(Buffer.concat(out).toString('utf8'), name));
        } catch (e) {
          reject(e);
        }
      });
    });
  });
}

const REMOVED_PROVIDERS: Record<string, string> = {
  gcp: 'gke-gcloud-auth-plugin',
  azure: 'kubelogin',
};

/** The credentials of the current user of `kc`, applied to each request's options. */
export class CredentialSource {
  private readonly user: User | null;
  private readonly exec: ExecConfig | undefined;
  /** `kc` without the exec plugin (client-node applies the rest) */
  private readonly base: KubeConfig;
  private cached: { credential: Promise<ExecCredential>; expiresAt?: number } | undefined;

  constructor(kc: KubeConfig) {
    this.user = kc.getCurrentUser();
    this.exec = execConfigOf(this.user);
    this.base = this.exec ? withoutExec(kc) : kc;
  }

  async apply(opts: https.RequestOptions, signal: AbortSignal): Promise<void> {
    const provider = isObject(this.user?.authProvider) ? this.user.authProvider.name : undefined;
    if (typeof provider === 'string' && provider in REMOVED_PROVIDERS && !this.exec) {
      throw new KubeAuthError(`the "${provider}" auth-provider of the kubeconfig user is not supported (kubectl removed it in 1.26): use the exec plugin ${REMOVED_PROVIDERS[provider]} instead`, true);
    }
    await this.base.applyToHTTPSOptions(opts);
    if (!this.exec) return;
    const credential = await this.credential(signal);
    if (credential.clientCertificateData && credential.clientKeyData) {
      opts.cert = credential.clientCertificateData;
      opts.key = credential.clientKeyData;
    }
    // a token set directly on the user wins, as in client-node
    if (credential.token && !this.user?.token) opts.headers = { ...(opts.headers as Record<string, string>), Authorization: `Bearer ${credential.token}` };
  }

  private credential(signal: AbortSignal): Promise<ExecCredential> {
    const c = this.cached;
    if (c && (c.expiresAt === undefined || c.expiresAt - EXPIRY_MARGIN_MS > Date.now())) return c.credential;
    const credential = runExecPlugin(this.exec as ExecConfig, signal);
    const entry: { credential: Promise<ExecCredential>; expiresAt?: number } = { credential };
    this.cached = entry;
    credential.then(
      (cred) => {
        if (cred.expiresAt !== undefined) entry.expiresAt = cred.expiresAt;
      },
      () => {
        if (this.cached === entry) this.cached = undefined; // a failure is not kept
      },
    );
    return credential;
  }
}

/** A copy of `kc` whose current user has no exec plugin. */
function withoutExec(kc: KubeConfig): KubeConfig {
  const current = kc.getCurrentUser();
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.getClusters(),
    contexts: kc.getContexts(),
    users: kc.getUsers().map((u) => {
      if (u !== current) return u;
      const { exec: _exec, authProvider, ...rest } = u;
      return isObject(authProvider) && isObject(authProvider.config) && authProvider.config.exec !== undefined ? rest : { ...rest, ...(authProvider ? { authProvider } : {}) };
    }),
    currentContext: kc.getCurrentContext(),
  });
  return copy;
}
