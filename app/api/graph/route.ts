import { toHttpResponse } from '@/lib/errors';
import { graphParams, graphResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = graphParams.parse(requestParams(req));
    return Response.json(graphResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
