import { namespacesParams, namespacesResult } from '@/lib/service/api';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

export const GET = sourceRoute({ query: namespacesParams }, namespacesResult, { name: 'namespaces', offThread: () => true });
