import { toHttpResponse } from '@/lib/errors';
import { cachedAnswer, jsonBytesResponse } from '@/lib/service/answer-cache';
import { whoCanParams, whoCanResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = whoCanParams.parse(requestParams(req));
    const src = await sourceFor(req);
    // questions over every namespace (-A) are the expensive ones: their answers are cached per snapshot
    return jsonBytesResponse(cachedAnswer(src.index, 'who-can', params, params.ns === undefined, () => whoCanResult(src, params)));
  } catch (e) {
    return toHttpResponse(e);
  }
}
