import { graphParams, graphResult } from '@/lib/service/api';
import { asksAllNamespaces } from '@/lib/service/query';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** The graph of the question's answer, as the explorer draws it. Questions over every namespace are cached per snapshot. */
export const GET = sourceRoute({ query: graphParams }, graphResult, { name: 'graph', when: asksAllNamespaces, offThread: asksAllNamespaces }, { findings: true });
