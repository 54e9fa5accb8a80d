import { toHttpResponse } from '@/lib/errors';
import { findingsParams, findingsResult } from '@/lib/service/api-findings';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** The findings as `rbac-atlas scan -o json` prints them; ?builtin=1&sev=&kind=&ns=&q= filter them. */
export async function GET(req: Request): Promise<Response> {
  try {
    const params = findingsParams.parse(requestParams(req));
    return Response.json(findingsResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
