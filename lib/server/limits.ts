// Upload caps, configurable by environment (read per call, so that tests can start servers with
// their own values): RBAC_ATLAS_MAX_UPLOAD_BYTES (total size of the files, default 50 MiB) and
// RBAC_ATLAS_MAX_UPLOAD_FILES (default 100). next.config.js sizes the proxy's body buffer from the
// same variable (proxyClientMaxBodySize = max bytes + 2 MiB), so that a body over the cap is never
// silently truncated below it.
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_FILES = 100;
/** Room for multipart boundaries and part headers, or JSON quoting, on top of the files' bytes. */
export const UPLOAD_ENVELOPE_BYTES = 1024 * 1024;

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
  /** the most a request body may carry: maxBytes + envelope */
  maxBodyBytes: number;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function uploadLimits(env: Record<string, string | undefined> = process.env): UploadLimits {
  const maxBytes = positiveInt(env.RBAC_ATLAS_MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES);
  const maxFiles = positiveInt(env.RBAC_ATLAS_MAX_UPLOAD_FILES, DEFAULT_MAX_UPLOAD_FILES);
  return { maxBytes, maxFiles, maxBodyBytes: maxBytes + UPLOAD_ENVELOPE_BYTES };
}

/** "50 MiB", "300 KiB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
