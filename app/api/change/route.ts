import { changeParams, changeResult, dropChange, dropParams } from '@/lib/service/api-change';
import { apiRoute, sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** The change applied on the browser's source, as `rbac-atlas diff -o json` prints it (404 without one). */
export const GET = sourceRoute({ query: changeParams }, changeResult);

/** `{"action": "drop"}`: back to the source the change was applied on. */
export const POST = apiRoute({ body: dropParams }, (_, req) => dropChange(req));
