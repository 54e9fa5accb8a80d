import { toHttpResponse } from '@/lib/errors';
import { subjectsParams, subjectsResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = subjectsParams.parse(requestParams(req));
    return Response.json(subjectsResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
