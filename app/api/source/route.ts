import { sourceParams, sourceResult } from '@/lib/service/api';
import { selectSource, switchParams } from '@/lib/service/api-source';
import { apiRoute, sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

export const GET = sourceRoute({ query: sourceParams }, sourceResult);

/** Switches the browser's data source (the configured one or a kept upload): `{"id": "..."}`. */
export const POST = apiRoute({ body: switchParams }, selectSource);
