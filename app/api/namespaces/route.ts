import { toHttpResponse } from '@/lib/errors';
import { cachedAnswer, jsonBytesResponse } from '@/lib/service/answer-cache';
import { namespacesResult } from '@/lib/service/api';
import { sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const src = await sourceFor(req);
    return jsonBytesResponse(cachedAnswer(src.index, 'namespaces', {}, true, () => namespacesResult(src)));
  } catch (e) {
    return toHttpResponse(e);
  }
}
