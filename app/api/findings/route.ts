import { toHttpResponse } from '@/lib/errors';
import { cachedAnswer, jsonBytesResponse } from '@/lib/service/answer-cache';
import { findingsParams, findingsResult } from '@/lib/service/api-findings';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** The findings as `rbac-atlas scan -o json` prints them; ?builtin=1&sev=&kind=&ns=&q= filter them. */
export async function GET(req: Request): Promise<Response> {
  try {
    const params = findingsParams.parse(requestParams(req));
    const src = await sourceFor(req);
    // megabytes of JSON on large clusters: cached per snapshot and filter
    return jsonBytesResponse(cachedAnswer(src.index, 'findings', params, true, () => findingsResult(src, params)));
  } catch (e) {
    return toHttpResponse(e);
  }
}
