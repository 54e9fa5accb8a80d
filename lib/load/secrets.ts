// Secret payloads are dropped before anything else sees a parsed document. The engine skips
// Secrets anyway; this makes sure their values are not kept in memory, handed on, or reported.
import type { Diagnostic, Origin } from '../engine/types';
import type { PathSegment } from '../engine/normalize';

const PAYLOAD_FIELDS = ['data', 'stringData'] as const;
const MAX_LIST_DEPTH = 4;

export interface DroppedSecret {
  /** path of the Secret inside the document ([] = the document itself) */
  path: PathSegment[];
  diagnostic: Diagnostic;
}

type Locate = (path: readonly PathSegment[]) => { line: number; col: number } | undefined;

/**
 * Deletes `data` and `stringData` from every Secret in `doc`: the document itself, or the items of
 * a `List` / `*List` (a `SecretList` from the API has items without `kind`). Mutates `doc`.
 */
export function dropSecretData(doc: Record<string, unknown>, origin: Origin, locate?: Locate): DroppedSecret[] {
  const dropped: DroppedSecret[] = [];
  visit(doc, undefined, [], 0, (obj, path) => {
    const fields = PAYLOAD_FIELDS.filter((f) => Object.hasOwn(obj, f));
    if (fields.length === 0) return;
    for (const f of fields) delete obj[f];
    dropped.push({ path, diagnostic: droppedDiagnostic(obj, fields, itemOrigin(origin, path, locate)) });
  });
  return dropped;
}

function visit(
  obj: Record<string, unknown>,
  impliedKind: string | undefined,
  path: PathSegment[],
  depth: number,
  onSecret: (obj: Record<string, unknown>, path: PathSegment[]) => void,
): void {
  const kind = kindOf(obj, impliedKind);
  if (kind === undefined) return;
  if (isSecretKind(kind)) {
    onSecret(obj, path);
    return;
  }
  if (!kind.endsWith('List') || !Array.isArray(obj.items) || depth >= MAX_LIST_DEPTH) return;
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
  obj.items.forEach((item: unknown, i) => {
    if (!isPlainObject(item)) return;
    const k = kindOf(item, itemKind);
    // only Secrets and nested lists are visited: a list of 100k Roles costs one check per item
    if (k !== undefined && (isSecretKind(k) || k.endsWith('List'))) visit(item, itemKind, [...path, 'items', i], depth + 1, onSecret);
  });
}

function kindOf(obj: Record<string, unknown>, impliedKind: string | undefined): string | undefined {
  return typeof obj.kind === 'string' ? obj.kind : impliedKind;
}

function isSecretKind(kind: string): boolean {
  return kind.toLowerCase() === 'secret';
}

function itemOrigin(origin: Origin, path: PathSegment[], locate?: Locate): Origin {
  if (path.length === 0) return origin;
  const out: Origin = { ...origin };
  const item = path[path.length - 1];
  if (typeof item === 'number') out.item = item;
  const pos = locate?.(path);
  if (pos !== undefined) {
    out.line = pos.line;
    out.col = pos.col;
  }
  return out;
}

function droppedDiagnostic(secret: Record<string, unknown>, fields: readonly string[], origin: Origin): Diagnostic {
  const ref = secretRef(secret.metadata);
  return {
    severity: 'info',
    code: 'secret-data-dropped',
    message: `Secret ${fields.join(' and ')} dropped unread`,
    origin,
    object: ref,
  };
}

/** "Secret/ns/name" from metadata, using only well-formed names (never any other content). */
function secretRef(metadata: unknown): string {
  const m = isPlainObject(metadata) ? metadata : {};
  const name = safeName(m.name) ?? '?';
  const ns = safeName(m.namespace);
  return ns === undefined ? `Secret/${name}` : `Secret/${ns}/${name}`;
}

function safeName(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9._:-]{1,253}$/.test(v) ? v : undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
