// The sanitized snapshot of a live cluster as a `kind: List` JSON document that `-f` reads back:
// the objects as loaded (see cluster-sanitize.ts: no managedFields, no Secret, pods reduced), one
// item per line, with the context, server version and capture time in the List's annotations.
// The server URL and credentials are not recorded, so the file can be shared.
import type { ClusterLoadResult } from './cluster';

export const SNAPSHOT_ANNOTATIONS = {
  context: 'rbac-atlas/context',
  serverVersion: 'rbac-atlas/server-version',
  capturedAt: 'rbac-atlas/captured-at',
  partial: 'rbac-atlas/partial',
} as const;

type SnapshotSource = Pick<ClusterLoadResult, 'objects' | 'context' | 'serverVersion' | 'loadedAt' | 'forbidden'>;

export function snapshotAnnotations(r: SnapshotSource): Record<string, string> {
  return {
    [SNAPSHOT_ANNOTATIONS.context]: r.context,
    ...(r.serverVersion ? { [SNAPSHOT_ANNOTATIONS.serverVersion]: r.serverVersion } : {}),
    [SNAPSHOT_ANNOTATIONS.capturedAt]: r.loadedAt,
    ...(r.forbidden.length > 0 ? { [SNAPSHOT_ANNOTATIONS.partial]: `not readable: ${r.forbidden.join(', ')}` } : {}),
  };
}

/** The document in chunks (header, one line per object, footer), so a large one is never one string. */
export function* snapshotJsonChunks(r: SnapshotSource): Generator<string> {
  const header = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '', annotations: snapshotAnnotations(r) } };
  const head = JSON.stringify(header);
  yield `${head.slice(0, -1)},"items":[`;
  let first = true;
  for (const item of r.objects) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  yield '\n]}\n';
}
