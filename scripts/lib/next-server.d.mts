// Types for next-server.mjs, so TypeScript callers (the CLI's `serve`) can import it.
import type { ChildProcess, StdioOptions } from 'node:child_process';

export declare const ROOT: string;
export declare const NEXT_BIN: string;
export declare const SERVER_ENTRY: string;
export declare const DEFAULT_HOST: string;
export declare const DEFAULT_PORT: number;

type Env = Record<string, string | undefined>;

export declare function nextEnv(env?: Env): Env;
export declare function serverUrl(host: string, port: number | string): string;
export declare function buildReason(root?: string): string | null;
export declare function serverBundleReason(root?: string): string | null;
export declare function bundleServer(root?: string): Promise<void>;
export declare function ensureServerBundle(): Promise<void>;
export declare function buildNext(options?: { env?: Env; stdio?: StdioOptions }): Promise<void>;
export declare function ensureBuilt(options?: {
  env?: Env;
  stdio?: StdioOptions;
  log?: (line: string) => void;
}): Promise<boolean>;
export declare function startNext(options?: {
  port?: number;
  host?: string;
  env?: Env;
  stdio?: StdioOptions;
  dev?: boolean;
}): ChildProcess;
export declare function waitUntilReady(
  url: string,
  options?: { timeoutMs?: number; child?: ChildProcess; headers?: Record<string, string> },
): Promise<void>;
export declare function forwardSignals(child: ChildProcess): void;
