// Words of the web app's URLs that client components need too. Client-safe: no imports, so a
// component that reads one of these pulls nothing else into the browser bundle.

/** ns=_cluster: a cluster-scoped request (namespace ""); namespace names cannot contain "_". */
export const CLUSTER_NS = '_cluster';

/** ns=_all: every namespace and cluster-wide (who-can -A). A URL without ns means the same. */
export const ALL_NS = '_all';
