import { loadParams, startClusterLoad } from '@/lib/service/cluster-source';
import { apiRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** Loads a context of the server's kubeconfig, `{"context": "name"}`, or reloads the cluster in use, `{"refresh": true}`. 202; poll /api/source/progress. */
export const POST = apiRoute({ body: loadParams }, (p) => Response.json(startClusterLoad(p), { status: 202 }));
