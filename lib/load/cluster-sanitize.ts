// What is kept of an object read from a cluster, before anything else sees it (and what
// `rbac-atlas snapshot` writes): the object with kind/apiVersion filled in (typed lists from the API
// server leave them out), without metadata.managedFields and the last-applied-configuration
// annotation (a full copy of the object as applied: for a Pod it can hold env values). A Pod keeps
// only what RBAC answers use: name, namespace, uid, labels, owners, creation time, service account,
// token automount, node and phase. Secrets are dropped whole (they are never listed anyway).
export type RawObject = Record<string, unknown>;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const POD_METADATA = ['name', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels', 'ownerReferences'] as const;
const POD_SPEC = ['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName'] as const;
const OWNER_FIELDS = ['apiVersion', 'kind', 'name', 'uid', 'controller'] as const;

/**
 * Sanitizes one item of a `<kind>List`. Returns undefined for an object that must not be kept
 * (a Secret); a value that is not an object at all is returned as is, for normalize to report.
 */
export function sanitizeItem(item: unknown, kind: string, apiVersion: string): unknown {
  if (!isPlainObject(item)) return item;
  const itemKind = typeof item.kind === 'string' ? item.kind : kind;
  if (itemKind === 'Secret') return undefined;
  const { kind: _k, apiVersion: _v, metadata, ...rest } = item;
  const out: RawObject = { apiVersion: typeof item.apiVersion === 'string' ? item.apiVersion : apiVersion, kind: itemKind };
  if (itemKind === 'Pod') return reducePod(out, metadata, rest);
  if (metadata !== undefined) out.metadata = cleanMetadata(metadata);
  return Object.assign(out, rest);
}

function cleanMetadata(metadata: unknown): unknown {
  if (!isPlainObject(metadata)) return metadata;
  const { managedFields: _m, annotations, ...rest } = metadata;
  if (isPlainObject(annotations) && Object.hasOwn(annotations, LAST_APPLIED)) {
    const { [LAST_APPLIED]: _a, ...kept } = annotations;
    return Object.keys(kept).length > 0 ? { ...rest, annotations: kept } : rest;
  }
  return annotations === undefined ? rest : { ...rest, annotations };
}

function reducePod(out: RawObject, metadata: unknown, rest: RawObject): RawObject {
  if (isPlainObject(metadata)) {
    const m = pick(metadata, POD_METADATA);
    if (Array.isArray(m.ownerReferences)) m.ownerReferences = m.ownerReferences.map((o) => (isPlainObject(o) ? pick(o, OWNER_FIELDS) : o));
    out.metadata = m;
  } else if (metadata !== undefined) {
    out.metadata = metadata;
  }
  if (isPlainObject(rest.spec)) out.spec = pick(rest.spec, POD_SPEC);
  if (isPlainObject(rest.status) && rest.status.phase !== undefined) out.status = { phase: rest.status.phase };
  return out;
}

function pick(obj: RawObject, keys: readonly string[]): RawObject {
  const out: RawObject = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

export function isPlainObject(v: unknown): v is RawObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
