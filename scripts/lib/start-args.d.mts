export declare const START_USAGE: string;
export declare function parseStartArgs(
  argv: readonly string[],
  env?: Record<string, string | undefined>,
): { port: number; host: string } | { help: true } | { error: string };
