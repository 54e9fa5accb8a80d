import { toHttpResponse } from '@/lib/errors';
import { jsonBytesResponse } from '@/lib/service/answer-cache';
import { findingsAnswer, findingsParams } from '@/lib/service/api-findings';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** The findings as `rbac-atlas scan -o json` prints them (with the server's .rbac-atlas.yaml); ?builtin=1&kind= as --include-builtin/--kind, ?sev=&ns=&q= filter them. */
export async function GET(req: Request): Promise<Response> {
  try {
    const params = findingsParams.parse(requestParams(req));
    return jsonBytesResponse(findingsAnswer(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
