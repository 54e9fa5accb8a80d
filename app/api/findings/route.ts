import { findingsAnswer, findingsParams } from '@/lib/service/api-findings';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

/** The findings as `rbac-atlas scan -o json` prints them (with the server's .rbac-atlas.yaml); ?builtin=1&kind= as --include-builtin/--kind, ?sev=&ns=&q= filter them. Cached per snapshot, config, day and filters (findingsAnswer). */
export const GET = sourceRoute({ query: findingsParams }, findingsAnswer);
