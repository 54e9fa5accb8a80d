// Measures loading a cluster file through the fake API server with the real loader (TLS, paging,
// gzip, sanitizing, normalization): for the benchmark and the scale test. Server and client share
// this process, so the time includes the server's work (serializing, gzip) as well.
import { loadCluster, CLUSTER_KINDS } from '../lib/load/cluster';
import { startFakeKubeApi } from './fake-kube-api';

export interface ClusterLoadMeasurement {
  objects: number;
  /** HTTP requests made by the loader (/version included) */
  requests: number;
  /** list requests per kind */
  pages: Record<string, number>;
  /** wall time of loadCluster, ms */
  ms: number;
  /** response bytes as received (gzip-compressed where the server compressed) */
  bytes: number;
}

export async function measureClusterLoad(source: { snapshot: string } | { objects: unknown[] }, pageSize = 500): Promise<ClusterLoadMeasurement> {
  const api = await startFakeKubeApi(source);
  try {
    const r = await loadCluster({ kubeconfig: api.kubeconfigPath, pageSize });
    return {
      objects: r.objects.length,
      requests: r.stats.requests,
      pages: Object.fromEntries(CLUSTER_KINDS.map((k) => [k.resource, r.stats.perKind[k.kind].pages])),
      ms: r.stats.ms,
      bytes: r.stats.bytes,
    };
  } finally {
    await api.close();
  }
}
