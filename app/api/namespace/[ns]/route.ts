import { toHttpResponse } from '@/lib/errors';
import { namespaceParams, namespaceResult } from '@/lib/service/api';
import { sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: RouteContext<'/api/namespace/[ns]'>): Promise<Response> {
  try {
    const params = namespaceParams.parse(await ctx.params);
    return Response.json(namespaceResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
