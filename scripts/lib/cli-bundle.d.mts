// Types for cli-bundle.mjs, for cli/run-cli.ts.
export function bundleCli(root: string, entries: { in: string; out: string }[], outdir: string, extra?: Record<string, unknown>): Promise<void>;
