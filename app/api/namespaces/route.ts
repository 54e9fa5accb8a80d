import { toHttpResponse } from '@/lib/errors';
import { namespacesResult } from '@/lib/service/api';
import { sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json(namespacesResult(await sourceFor(req)));
  } catch (e) {
    return toHttpResponse(e);
  }
}
