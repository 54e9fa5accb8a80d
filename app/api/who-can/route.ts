import { whoCanParams, whoCanResult } from '@/lib/service/api';
import { asksAllNamespaces } from '@/lib/service/query';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** What `who-can -o json` prints for the question (a preset: one document per request under "answers"), plus "view". Questions over every namespace are cached per snapshot. */
export const GET = sourceRoute({ query: whoCanParams }, whoCanResult, { name: 'who-can', when: asksAllNamespaces, offThread: asksAllNamespaces });
