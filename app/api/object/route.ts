import { toHttpResponse } from '@/lib/errors';
import { objectParams, objectResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = objectParams.parse(requestParams(req));
    return Response.json(objectResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
