import { toHttpResponse } from '@/lib/errors';
import { uploadSource } from '@/lib/service/api-source';
import { readUploadRequest } from '@/lib/service/upload';

export const dynamic = 'force-dynamic';

/** multipart/form-data files or JSON {"files": [{"name", "text"}]} -> a new data source (201). */
export async function POST(req: Request): Promise<Response> {
  try {
    return uploadSource(await readUploadRequest(req));
  } catch (e) {
    return toHttpResponse(e);
  }
}
