import { subjectsParams, subjectsResult } from '@/lib/service/api';
import { sourceRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

export const GET = sourceRoute({ query: subjectsParams }, subjectsResult, undefined, { findings: true });
