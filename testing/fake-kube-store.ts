// The data side of the fake Kubernetes API server: which resources it serves, objects sorted the
// way etcd keys sort, chunked lists with opaque continue tokens, and the Status objects the real
// server answers errors with. No HTTP here (see fake-kube-api.ts).
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface ResourceInfo {
  resource: string;
  kind: string;
  group: '' | typeof RBAC_GROUP;
  namespaced: boolean;
}

/** The resources the fake serves: the seven RBAC Atlas reads, plus Secrets (to catch anyone asking). */
export const RESOURCES = {
  namespaces: { resource: 'namespaces', kind: 'Namespace', group: '', namespaced: false },
  pods: { resource: 'pods', kind: 'Pod', group: '', namespaced: true },
  serviceaccounts: { resource: 'serviceaccounts', kind: 'ServiceAccount', group: '', namespaced: true },
  secrets: { resource: 'secrets', kind: 'Secret', group: '', namespaced: true },
  clusterroles: { resource: 'clusterroles', kind: 'ClusterRole', group: RBAC_GROUP, namespaced: false },
  clusterrolebindings: { resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', group: RBAC_GROUP, namespaced: false },
  roles: { resource: 'roles', kind: 'Role', group: RBAC_GROUP, namespaced: true },
  rolebindings: { resource: 'rolebindings', kind: 'RoleBinding', group: RBAC_GROUP, namespaced: true },
} as const satisfies Record<string, ResourceInfo>;

export type FakeResource = keyof typeof RESOURCES;

export function isFakeResource(name: string): name is FakeResource {
  return Object.hasOwn(RESOURCES, name);
}

export function groupVersion(info: ResourceInfo): string {
  return info.group === '' ? 'v1' : `${info.group}/v1`;
}

export type KubeObject = Record<string, unknown> & { kind: string; metadata: { name: string; namespace?: string } };

interface Entry {
  key: string;
  namespace: string;
  object: KubeObject;
}

/** Objects of one resource, sorted by etcd key ("ns/name" or "name"). */
export class ResourceStore {
  private readonly entries: Entry[] = [];

  constructor(readonly info: ResourceInfo) {}

  add(object: KubeObject): void {
    const ns = this.info.namespaced ? object.metadata.namespace ?? 'default' : '';
    this.entries.push({ key: this.info.namespaced ? `${ns}/${object.metadata.name}` : object.metadata.name, namespace: ns, object });
  }

  seal(): void {
    this.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get size(): number {
    return this.entries.length;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    const key = this.info.namespaced ? `${namespace}/${name}` : name;
    return this.entries.find((e) => e.key === key)?.object;
  }

  /** One chunk: the objects after `afterKey` (in `namespace`, if given), at most `limit` (0 = all). */
  page(namespace: string | undefined, afterKey: string | undefined, limit: number): { items: KubeObject[]; lastKey?: string; remaining: number } {
    const all = namespace === undefined ? this.entries : this.entries.filter((e) => e.namespace === namespace);
    let start = 0;
    if (afterKey !== undefined) {
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((all[mid] as Entry).key <= afterKey) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const end = limit > 0 ? Math.min(all.length, start + limit) : all.length;
    const chunk = all.slice(start, end);
    return {
      items: chunk.map((e) => e.object),
      ...(end < all.length && chunk.length > 0 ? { lastKey: (chunk[chunk.length - 1] as Entry).key } : {}),
      remaining: all.length - end,
    };
  }
}

/** What a continue token carries (the real server's is opaque too: a key and a resourceVersion). */
export interface ContinueToken {
  resource: string;
  namespace: string | undefined;
  lastKey: string;
  resourceVersion: string;
  /** the 1-based number of the page this token asks for */
  page: number;
  issuedAt: number;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 1, ...t })).toString('base64url');
}

export function decodeContinue(s: string): ContinueToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Partial<ContinueToken> & { v?: number };
    if (t.v !== 1 || typeof t.resource !== 'string' || typeof t.lastKey !== 'string' || typeof t.page !== 'number' || typeof t.issuedAt !== 'number') return undefined;
    return { resource: t.resource, namespace: t.namespace ?? undefined, lastKey: t.lastKey, resourceVersion: String(t.resourceVersion), page: t.page, issuedAt: t.issuedAt };
  } catch {
    return undefined;
  }
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: Record<string, unknown>;
  code: number;
}

export function status(code: number, reason: string, message: string, details?: Record<string, unknown>): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export function forbiddenStatus(user: string, verb: string, info: ResourceInfo, namespace: string | undefined): Status {
  const scope = namespace === undefined ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  return status(403, 'Forbidden', `${info.resource} is forbidden: User "${user}" cannot ${verb} resource "${info.resource}" in API group "${info.group}" ${scope}`, {
    kind: info.resource,
    ...(info.group ? { group: info.group } : {}),
  });
}

export const EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** Reads a snapshot file (JSON or YAML, `kind: List` / `*List` / single objects) into objects with kind. */
export function readSnapshotFile(file: string): KubeObject[] {
  const text = readFileSync(file, 'utf8');
  const docs: unknown[] = file.endsWith('.json') ? [JSON.parse(text)] : parseAllDocuments(text).map((d) => d.toJSON());
  return docs.flatMap((d) => flattenLists(d));
}

export function flattenLists(doc: unknown): KubeObject[] {
  if (!isObject(doc)) return [];
  const kind = doc.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(doc.items)) {
    const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length);
    return doc.items.flatMap((item) => flattenLists(isObject(item) && item.kind === undefined && itemKind ? { ...item, kind: itemKind, apiVersion: doc.apiVersion } : item));
  }
  if (typeof kind !== 'string' || !isObject(doc.metadata) || typeof doc.metadata.name !== 'string') return [];
  return [doc as KubeObject];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
