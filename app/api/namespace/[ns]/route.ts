import { namespaceParams, namespaceResult } from '@/lib/service/api';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** One namespace: bindings, the access matrix as `access-matrix -n NS -o json` prints it, service accounts, pods. */
/** Computed in the answer worker when the server runs one (a large namespace's matrix takes tens of ms); not cached. */
export const GET = sourceRoute({ path: namespaceParams }, namespaceResult, { name: 'namespace', when: () => false, offThread: () => true });
