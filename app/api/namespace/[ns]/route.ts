import { namespaceParams, namespaceResult } from '@/lib/service/api';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** One namespace: bindings, the access matrix as `access-matrix -n NS -o json` prints it, service accounts, pods. */
export const GET = sourceRoute({ path: namespaceParams }, namespaceResult);
