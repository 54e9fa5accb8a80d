import { loadProgress } from '@/lib/service/cluster-source';
import { apiRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** The last (or running) cluster load: objects read per kind, its state, its error. */
export const GET = apiRoute(undefined, () => Response.json(loadProgress(), { headers: { 'cache-control': 'no-store' } }));
