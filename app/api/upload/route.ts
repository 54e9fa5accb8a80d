import { uploadSource } from '@/lib/service/api-source';
import { apiRoute } from '@/lib/service/route';
import { readUploadRequest } from '@/lib/service/upload';

export const dynamic = 'force-dynamic';

/** multipart/form-data files or JSON {"files": [{"name", "text"}]} -> a new data source (201). The reader checks type, caps and shape. */
export const POST = apiRoute(undefined, async (_, req) => uploadSource(await readUploadRequest(req)));
