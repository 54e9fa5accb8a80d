import { subjectParams, subjectResult } from '@/lib/service/api';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** What `what-can --subject SUBJECT -o json` prints, plus "view" (pods, matched rules). */
export const GET = sourceRoute({ query: subjectParams }, subjectResult);
