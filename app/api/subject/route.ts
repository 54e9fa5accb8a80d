import { toHttpResponse } from '@/lib/errors';
import { subjectParams, subjectResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = subjectParams.parse(requestParams(req));
    return Response.json(subjectResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
