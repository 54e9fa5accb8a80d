// Route-handler functions that change which data source a browser uses (uploads, switching).
// They touch the server-side store, hence server-only.
import 'server-only';
import { z } from 'zod';
import { diagnosticItems } from './source-view';
import { addUpload, DEFAULT_SOURCE_ID, getSource, SOURCE_COOKIE, uploadedSources, type WebSource } from './store';
import { indexLoadedStepwise } from './source';
import { runTask } from '../server/tasks';
import { payloadTransfer, type UploadPayload } from './upload';

export const switchParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'not a data source id') }).strict();

export function sourceCookie(source: WebSource): string {
  if (source.id === DEFAULT_SOURCE_ID) return `${SOURCE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;
  return `${SOURCE_COOKIE}=${encodeURIComponent(source.id)}; Path=/; SameSite=Lax; HttpOnly`;
}

/**
 * Parses an upload into a new source (in a worker thread when the server runs them: the payload's
 * buffers are handed over), makes it the browser's source (cookie) and describes it.
 */
export async function uploadSource(payload: UploadPayload): Promise<Response> {
  const parsed = await runTask('parse-upload', payload, payloadTransfer(payload));
  // indexed in steps: other requests are answered in between (a 180,000-object upload takes ~1 s)
  const { index, loadMs } = await indexLoadedStepwise({ snapshot: parsed.snapshot, loadMs: parsed.loadMs });
  const source = addUpload({ snapshot: parsed.snapshot, index, loadMs });
  const body = { source: source.summary, diagnostics: diagnosticItems(source.snapshot, 500) };
  return Response.json(body, { status: 201, headers: { 'set-cookie': sourceCookie(source) } });
}

export async function selectSource(p: z.infer<typeof switchParams>): Promise<Response> {
  const source = await getSource(p.id);
  return Response.json({ source: source.summary, uploads: uploadedSources() }, { headers: { 'set-cookie': sourceCookie(source) } });
}
