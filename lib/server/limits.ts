// Request-body limits of the web server, configurable by environment (read per call, so that tests
// can start servers with their own values):
// - RBAC_ATLAS_MAX_UPLOAD_BYTES: total size of the files of one upload (default 50 MiB); the body of
//   POST /api/upload may carry that plus UPLOAD_ENVELOPE_BYTES (multipart boundaries, JSON quoting);
// - RBAC_ATLAS_MAX_UPLOAD_FILES: files per upload (default 100); a multipart body may have at most
//   that many parts plus a few form fields (counted while reading: lib/server/body.ts);
// - RBAC_ATLAS_MAX_CONCURRENT_UPLOADS: uploads read and parsed at the same time (default 2); more get 429.
// Every other POST (a source switch, a context load) is JSON of at most JSON_BODY_MAX_BYTES, and a
// GET or HEAD has no body. The gate in front of Next (lib/server/gate.ts) enforces these sizes on
// the bytes as they arrive, whatever Content-Length says, before any route handler reads them.
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_FILES = 100;
export const DEFAULT_MAX_CONCURRENT_UPLOADS = 2;
/** Room for multipart boundaries and part headers, or JSON quoting, on top of the files' bytes. */
export const UPLOAD_ENVELOPE_BYTES = 1024 * 1024;
/** Multipart parts allowed on top of maxFiles (form fields that are not files). */
export const EXTRA_FORM_PARTS = 8;
/** The most a small JSON request body (source switch, context load) may carry. */
export const JSON_BODY_MAX_BYTES = 64 * 1024;
/** The one route that takes large bodies. */
export const UPLOAD_PATH = '/api/upload';

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
  /** the most a request body may carry: maxBytes + envelope */
  maxBodyBytes: number;
  /** the most multipart parts a body may have: maxFiles + EXTRA_FORM_PARTS */
  maxParts: number;
  /** uploads being read or parsed at the same time */
  maxConcurrent: number;
}

function positiveInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

export function uploadLimits(env: Record<string, string | undefined> = process.env): UploadLimits {
  const maxBytes = positiveInt(env.RBAC_ATLAS_MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES);
  const maxFiles = positiveInt(env.RBAC_ATLAS_MAX_UPLOAD_FILES, DEFAULT_MAX_UPLOAD_FILES);
  const maxConcurrent = positiveInt(env.RBAC_ATLAS_MAX_CONCURRENT_UPLOADS, DEFAULT_MAX_CONCURRENT_UPLOADS);
  return { maxBytes, maxFiles, maxBodyBytes: maxBytes + UPLOAD_ENVELOPE_BYTES, maxParts: maxFiles + EXTRA_FORM_PARTS, maxConcurrent };
}

/**
 * The most bytes the body of a request may have, by method and path: the upload route takes
 * `limits.maxBodyBytes`, other POSTs under /api take JSON_BODY_MAX_BYTES, everything else none.
 * `undefined`: the method is not one this server accepts on that path (the gate answers 405).
 */
export function bodyLimitFor(method: string, pathname: string, limits: UploadLimits): number | undefined {
  if (method === 'GET' || method === 'HEAD') return 0;
  if (method !== 'POST') return undefined;
  if (pathname === UPLOAD_PATH) return limits.maxBodyBytes;
  if (pathname === '/api' || pathname.startsWith('/api/')) return JSON_BODY_MAX_BYTES;
  return undefined;
}

/** The 413 message for an upload body over the cap (the same whether the gate or the route notices). */
export function uploadTooLargeMessage(what: string, limits: Pick<UploadLimits, 'maxBytes'>): string {
  return `upload too large: ${what} (at most ${formatBytes(limits.maxBytes)} of files; the server's RBAC_ATLAS_MAX_UPLOAD_BYTES)`;
}

/** "50 MiB", "300 KiB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
