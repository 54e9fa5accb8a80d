// The one error type that crosses module boundaries, and the one place that turns errors into
// exit codes and diagnostics into text. Bad *content* is reported as Diagnostics (data); AtlasError
// is for conditions that stop a command: bad usage, an input that cannot be read at all, an
// unreachable cluster. Anything else that is thrown is a bug ('internal').
import type { Diagnostic } from './engine/types';
import { escapeTerminal } from './format/escape/terminal';

export type AtlasErrorCode = 'usage' | 'bad-input' | 'unreachable' | 'internal';

export interface AtlasErrorDetails {
  /** the file or path concerned, if any */
  path?: string;
  /** diagnostics that explain the failure, if any */
  diagnostics?: Diagnostic[];
  /**
   * the message for a browser when `message` names what a browser must not see: a file or directory
   * of the server, a cluster's URL, a low-level error text (see publicMessage)
   */
  browserMessage?: string;
  [key: string]: unknown;
}

/**
 * Marks AtlasErrors across copies of this module: the server process (dist/server/main.mjs) and Next's
 * route bundles each have their own AtlasError class, and an error a worker task failed with is rebuilt
 * by the server's copy, then checked by a route's. A registered symbol is the same in both.
 */
const ATLAS_ERROR = Symbol.for('rbac-atlas.AtlasError');

export class AtlasError extends Error {
  override readonly name = 'AtlasError';

  static override [Symbol.hasInstance](this: unknown, value: unknown): boolean {
    // subclasses (BodyTooLarge...) keep the ordinary prototype check
    if (this !== AtlasError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [ATLAS_ERROR]?: unknown })[ATLAS_ERROR] === true;
  }

  constructor(
    readonly code: AtlasErrorCode,
    message: string,
    readonly details?: AtlasErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    Object.defineProperty(this, ATLAS_ERROR, { value: true });
  }
}

export function isAtlasError(e: unknown): e is AtlasError {
  return e instanceof AtlasError;
}

/** What a browser may be told about an error: its browserMessage when it has one, else its message. */
export function publicMessage(e: AtlasError): string {
  return typeof e.details?.browserMessage === 'string' ? e.details.browserMessage : e.message;
}

const exitCodes = {
  usage: 64, // EX_USAGE
  'bad-input': 65, // EX_DATAERR
  unreachable: 69, // EX_UNAVAILABLE
  internal: 70, // EX_SOFTWARE
} as const satisfies Record<AtlasErrorCode, number>;

/** Exit code for a failure: usage 64, bad-input 65, unreachable 69, anything else 70. */
export function toExitCode(e: unknown): number {
  return isAtlasError(e) ? exitCodes[e.code] : exitCodes.internal;
}

/**
 * One diagnostic as one line of text: `file:line:col: severity: message (Kind/ns/name)`.
 * Missing parts are left out. Control characters (which could come from hostile input, e.g. an
 * object name with terminal escape sequences) are shown escaped.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatWhere(d);
  const object = d.object === undefined ? '' : ` (${d.object})`;
  return escapeTerminal(`${where}${d.severity}: ${d.message}${object}`);
}

function formatWhere(d: Diagnostic): string {
  const o = d.origin;
  if (o === undefined || o.source === '') return '';
  let where = o.source;
  if (o.line !== undefined) {
    where += `:${o.line}`;
    if (o.col !== undefined) where += `:${o.col}`;
  } else if (o.item !== undefined) {
    where += ` (items[${o.item}])`;
  } else if (o.doc !== undefined && o.doc > 0) {
    where += ` (document ${o.doc + 1})`;
  }
  return `${where}: `;
}

const httpStatuses = {
  usage: 400,
  'bad-input': 422,
  unreachable: 503,
  internal: 500,
} as const satisfies Record<AtlasErrorCode, number>;

interface ZodLikeError {
  name: 'ZodError';
  issues: { path: PropertyKey[]; message: string }[];
}

function isZodError(e: unknown): e is ZodLikeError {
  return e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues);
}

/**
 * The one place that turns an error into an HTTP response (route handlers): 400 for a bad request
 * (zod issues or AtlasError 'usage'), 422 for unusable uploaded content (with its diagnostics), 503 for
 * an unreachable cluster, 500 for a bug. AtlasError details may carry `httpStatus` (e.g. 404, 413).
 * The body is `{error, code, issues?, diagnostics?}`; never a stack trace.
 */
export function toHttpResponse(e: unknown): Response {
  if (isZodError(e)) {
    const issues = e.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const error = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return Response.json({ error, code: 'usage', issues }, { status: 400 });
  }
  if (isAtlasError(e)) {
    const requested = e.details?.httpStatus;
    const status = typeof requested === 'number' && requested >= 400 && requested < 600 ? requested : httpStatuses[e.code];
    const body: Record<string, unknown> = { error: publicMessage(e), code: e.code };
    if (e.details?.diagnostics) body.diagnostics = e.details.diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d) }));
    if (e.code === 'internal') console.error(e);
    return Response.json(body, { status });
  }
  console.error(e);
  return Response.json({ error: 'internal error: see the server log', code: 'internal' }, { status: 500 });
}
