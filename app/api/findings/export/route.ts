import { toHttpResponse } from '@/lib/errors';
import { exportResponse } from '@/lib/service/api';
import { findingsExportParams, findingsExportResult } from '@/lib/service/api-findings';
import { requestParams, sourceFor } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** ?format=json|csv|sarif|markdown|html (+ the view's filters): a download, as `rbac-atlas scan -o FORMAT` writes it. */
export async function GET(req: Request): Promise<Response> {
  try {
    const params = findingsExportParams.parse(requestParams(req));
    return exportResponse(findingsExportResult(await sourceFor(req), params));
  } catch (e) {
    return toHttpResponse(e);
  }
}
