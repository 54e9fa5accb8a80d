import { toHttpResponse } from '@/lib/errors';
import { sourceParams, sourceResult } from '@/lib/service/api';
import { selectSource, switchParams } from '@/lib/service/api-source';
import { jsonBody, requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  try {
    return Response.json(sourceResult(await sourceFor(req), sourceParams.parse(requestParams(req))));
  } catch (e) {
    return toHttpResponse(e);
  }
}

/** Switches the browser's data source (the configured one or a kept upload): `{"id": "..."}`. */
export async function POST(req: Request): Promise<Response> {
  try {
    return await selectSource(switchParams.parse(await jsonBody(req)));
  } catch (e) {
    return toHttpResponse(e);
  }
}
