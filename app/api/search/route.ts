import { toHttpResponse } from '@/lib/errors';
import { searchParams, searchResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = searchParams.parse(requestParams(req));
    return Response.json(searchResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
