// Types for cli-bundle.mjs, for cli/run-cli.ts.
import type { BuildResult, Metafile } from 'esbuild';

export const CLI_ENTRY: { in: string; out: string };
export const SERVER_ENTRY: { in: string; out: string };
export const CLI_CHUNKS: string;
export function bundleCli(root: string, entries: { in: string; out: string }[], outdir: string, extra?: Record<string, unknown>): Promise<BuildResult>;
export function bundleCliProgram(root: string, outdir: string, extra?: Record<string, unknown>): Promise<Metafile>;
export const CLUSTER_CLIENT: string;
export const WORKER_ENTRY: { in: string; out: string };
export const SERVER_CHUNKS: string;
export function bundleServerProgram(root: string, outdir: string, extra?: Record<string, unknown>): Promise<Metafile>;
