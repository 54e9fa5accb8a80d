// Fast paths for the wire schemas (wire.ts): plain type checks for well-formed objects, which is
// nearly all of them, so that a large load does not spend its time in zod. Each returns what the
// zod schema's parse would return (the declared fields only), or undefined when anything is off;
// the caller then runs the zod schema, which produces the precise error. wire-fast.test.ts checks
// that both agree. Pure: no I/O.
import type * as z from 'zod/mini';
import type { bindingSchema, clusterRoleSchema, namespaceSchema, objectMetaSchema, podSchema, roleSchema, serviceAccountSchema } from './wire';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isNullish = (v: unknown) => v === undefined || v === null;
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const nullishString = (v: unknown) => isNullish(v) || typeof v === 'string';
const nullishBool = (v: unknown) => isNullish(v) || typeof v === 'boolean';
const nullishArray = (v: unknown): v is unknown[] | null | undefined => isNullish(v) || Array.isArray(v);

function nullishStringMap(v: unknown): boolean {
  if (isNullish(v)) return true;
  if (!isObj(v)) return false;
  for (const key in v) if (Object.hasOwn(v, key) && typeof v[key] !== 'string') return false;
  return true;
}

/** Copies the keys of `src` in `keys` that are present (not undefined), as zod's object output does. */
function pick(src: Obj, keys: readonly string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

const META_KEYS = ['name', 'namespace', 'uid', 'labels', 'annotations', 'creationTimestamp'] as const;

type Meta = z.infer<typeof objectMetaSchema>;

function fastMeta(v: unknown, extra?: (m: Obj, out: Obj) => boolean): Meta | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v.name !== 'string' || v.name.length === 0) return undefined;
  if (!optString(v.namespace) || !optString(v.uid) || !nullishString(v.creationTimestamp)) return undefined;
  if (!nullishStringMap(v.labels) || !nullishStringMap(v.annotations)) return undefined;
  const out = pick(v, META_KEYS);
  if (extra && !extra(v, out)) return undefined;
  return out as Meta;
}

export function fastRole(obj: Obj): z.infer<typeof roleSchema> | undefined {
  const metadata = fastMeta(obj.metadata);
  if (!metadata || !nullishArray(obj.rules)) return undefined;
  return { metadata, ...(obj.rules !== undefined ? { rules: obj.rules } : {}) };
}

export function fastBinding(obj: Obj): z.infer<typeof bindingSchema> | undefined {
  const metadata = fastMeta(obj.metadata);
  if (!metadata || !nullishArray(obj.subjects)) return undefined;
  const out: z.infer<typeof bindingSchema> = { metadata };
  if (obj.roleRef !== undefined) out.roleRef = obj.roleRef;
  if (obj.subjects !== undefined) out.subjects = obj.subjects;
  return out;
}

export function fastServiceAccount(obj: Obj): z.infer<typeof serviceAccountSchema> | undefined {
  const metadata = fastMeta(obj.metadata);
  if (!metadata || !nullishBool(obj.automountServiceAccountToken) || !nullishArray(obj.secrets)) return undefined;
  const out: z.infer<typeof serviceAccountSchema> = { metadata };
  if (obj.automountServiceAccountToken !== undefined) out.automountServiceAccountToken = obj.automountServiceAccountToken as boolean | null;
  if (Array.isArray(obj.secrets)) {
    const secrets: { name?: string | null }[] = [];
    for (const s of obj.secrets) {
      if (!isObj(s) || !nullishString(s.name)) return undefined;
      secrets.push(pick(s, ['name']) as { name?: string | null });
    }
    out.secrets = secrets;
  } else if (obj.secrets === null) out.secrets = null;
  return out;
}

const OWNER_KEYS = ['kind', 'name', 'apiVersion', 'controller'] as const;
const SPEC_KEYS = ['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName'] as const;

export function fastPod(obj: Obj): z.infer<typeof podSchema> | undefined {
  const metadata = fastMeta(obj.metadata, (m, out) => {
    const owners = m.ownerReferences;
    if (owners === undefined) return true;
    if (owners === null) {
      out.ownerReferences = null;
      return true;
    }
    if (!Array.isArray(owners)) return false;
    const list: Obj[] = [];
    for (const o of owners) {
      if (!isObj(o) || typeof o.kind !== 'string' || typeof o.name !== 'string' || !nullishString(o.apiVersion) || !nullishBool(o.controller)) return false;
      list.push(pick(o, OWNER_KEYS));
    }
    out.ownerReferences = list;
    return true;
  });
  if (!metadata) return undefined;
  const out: Obj = { metadata };
  const spec = obj.spec;
  if (spec === null) out.spec = null;
  else if (spec !== undefined) {
    if (!isObj(spec)) return undefined;
    if (!nullishString(spec.serviceAccountName) || !nullishString(spec.serviceAccount) || !nullishBool(spec.automountServiceAccountToken) || !nullishString(spec.nodeName)) return undefined;
    out.spec = pick(spec, SPEC_KEYS);
  }
  const status = fastStatus(obj.status);
  if (status === false) return undefined;
  if (status !== undefined) out.status = status;
  return out as z.infer<typeof podSchema>;
}

function fastStatus(status: unknown): Obj | null | undefined | false {
  if (status === undefined || status === null) return status;
  if (!isObj(status) || !nullishString(status.phase)) return false;
  return pick(status, ['phase']);
}

export function fastNamespace(obj: Obj): z.infer<typeof namespaceSchema> | undefined {
  const metadata = fastMeta(obj.metadata);
  if (!metadata) return undefined;
  const status = fastStatus(obj.status);
  if (status === false) return undefined;
  return status !== undefined ? { metadata, status } : { metadata };
}

/** ClusterRoles with an aggregationRule (a few dozen per cluster) go through zod. */
export function fastClusterRole(obj: Obj): z.infer<typeof clusterRoleSchema> | undefined {
  if (!isNullish(obj.aggregationRule)) return undefined;
  const role = fastRole(obj);
  if (!role) return undefined;
  return obj.aggregationRule === null ? { ...role, aggregationRule: null } : role;
}
