import { findingsParams, findingsResult } from '@/lib/service/api-findings';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** The findings as `rbac-atlas scan -o json` prints them; ?builtin=1&sev=&kind=&ns=&q= filter them. Megabytes on large clusters: cached per snapshot and filter. */
export const GET = sourceRoute({ query: findingsParams }, findingsResult, { name: 'findings' });
