import { contextList } from '@/lib/service/cluster-source';
import { apiRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** The kubeconfig contexts of the server process: names only. */
export const GET = apiRoute(undefined, contextList);
