// Types for cli-bundle.mjs, for cli/run-cli.ts.
export const CLI_ENTRY: { in: string; out: string };
export function bundleCli(root: string, entries: { in: string; out: string }[], outdir: string, extra?: Record<string, unknown>): Promise<void>;
export const SERVER_ENTRY: { in: string; out: string };
