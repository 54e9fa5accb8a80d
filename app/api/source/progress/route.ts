import { toHttpResponse } from '@/lib/errors';
import { loadProgress } from '@/lib/service/cluster-source';

export const dynamic = 'force-dynamic';

/** The last (or running) cluster load: objects read per kind, its state, its error. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(loadProgress(), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    return toHttpResponse(e);
  }
}
