import { toHttpResponse } from '@/lib/errors';
import { contextList } from '@/lib/service/cluster-source';

export const dynamic = 'force-dynamic';

/** The kubeconfig contexts of the server process: names only. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(contextList());
  } catch (e) {
    return toHttpResponse(e);
  }
}
