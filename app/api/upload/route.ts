import { applyChange, uploadModeParams } from '@/lib/service/api-change';
import { uploadSource } from '@/lib/service/api-source';
import { apiRoute } from '@/lib/service/route';
import { readUploadRequest } from '@/lib/service/upload';

export const dynamic = 'force-dynamic';

/**
 * multipart/form-data files or JSON {"files": [{"name", "text"}]} -> a new data source (201); with
 * ?as=change, the files are applied on the browser's source instead ("try a change"). The reader
 * checks type, caps and shape.
 */
export const POST = apiRoute({ query: uploadModeParams }, async ({ as }, req) => {
  const files = await readUploadRequest(req);
  return as === 'change' ? applyChange(files, req) : uploadSource(files);
});
