import { exportResponse } from '@/lib/service/api';
import { findingsExportParams, findingsExportResult } from '@/lib/service/api-findings';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** ?format=json|csv|sarif|markdown|html (+ the view's filters): a download, as `rbac-atlas scan -o FORMAT` writes it. */
export const GET = sourceRoute({ query: findingsExportParams }, async (src, p) => exportResponse(await findingsExportResult(src, p)));
