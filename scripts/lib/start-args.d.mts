export declare const START_USAGE: string;
export declare function parseStartArgs(
  argv: readonly string[],
  env?: Record<string, string | undefined>,
): { port: number; host: string; token?: string; requireToken: boolean } | { help: true } | { error: string };
export declare function isLoopbackHost(host: string): boolean;
export declare function generateToken(): string;
export type AccessToken = { required: false } | { required: true; token: string; generated: boolean };
export declare function resolveAccessToken(
  options: { host: string; token?: string; requireToken?: boolean },
  env?: Record<string, string | undefined>,
  generate?: () => string,
): AccessToken | { error: string };
export declare function bindWarning(host: string): string[];
export declare function accessNotice(url: string, access: AccessToken): string[];
export declare function browserUrl(host: string, port: number, serverUrl: (host: string, port: number) => string): string;
