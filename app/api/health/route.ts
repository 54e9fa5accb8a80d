import { apiRoute } from '@/lib/service/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(undefined, () => ({ ok: true }));
