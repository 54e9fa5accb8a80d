import { toHttpResponse } from '@/lib/errors';
import { loadParams, startClusterLoad } from '@/lib/service/cluster-source';
import { jsonBody } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** Loads a context of the server's kubeconfig, `{"context": "name"}`, or reloads the cluster in use, `{"refresh": true}`. 202; poll /api/source/progress. */
export async function POST(req: Request): Promise<Response> {
  try {
    return Response.json(startClusterLoad(loadParams.parse(await jsonBody(req))), { status: 202 });
  } catch (e) {
    return toHttpResponse(e);
  }
}
