import { toHttpResponse } from '@/lib/errors';
import { exportParams, exportResponse, exportResult } from '@/lib/service/api';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    const params = exportParams.parse(requestParams(req));
    return exportResponse(exportResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
