import { exportParams, exportResponse, exportResult } from '@/lib/service/api';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** A download of the current view: the answer, a subject or a namespace's matrix, as JSON (the CLI's document) or CSV. */
export const GET = sourceRoute({ query: exportParams }, (src, p) => exportResponse(exportResult(src, p)));
