import { pathsDocument, pathsParams } from '@/lib/service/paths';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** What `rbac-atlas paths [--from S | --from-pod NS/NAME] [--to SINK] [--max-hops N] -o json` prints (?from=, ?pod=, ?ns= for a namespace's ServiceAccounts, ?to=, ?hops=), plus "view". Cached per snapshot. */
export const GET = sourceRoute({ query: pathsParams }, (src, params) => pathsDocument(src.index, params), { name: 'paths' });
