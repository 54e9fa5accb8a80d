import { toHttpResponse } from '@/lib/errors';
import { whoCanParams, whoCanResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = whoCanParams.parse(requestParams(req));
    return Response.json(whoCanResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
