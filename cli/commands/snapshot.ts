import { parseDuration } from '../duration';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { AtlasError, formatDiagnostic } from '../../lib/errors';
import { CLUSTER_KINDS, loadCluster, type ClusterLoadResult } from '../../lib/load/cluster';
import { progressLine } from '../../lib/load/cluster-progress';
import { snapshotJsonChunks } from '../../lib/load/cluster-snapshot';
import { reportDiagnostics } from '../load';
import type { SnapshotOptions as Opts } from '../specs/snapshot';

declare const __VERSION__: string;

export async function snapshot(o: Opts): Promise<void> {
  const timeoutMs = parseDuration(o.requestTimeout, '--request-timeout');
  const pageSize = Number(o.chunkSize);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new AtlasError('usage', `--chunk-size: "${o.chunkSize}" is not a positive integer`);
  const progress = process.stderr.isTTY && !o.quiet ? progressLine((s) => process.stderr.write(s), 'reading cluster', process.stderr.columns || 80) : undefined;
  let result: ClusterLoadResult;
  try {
    result = await loadCluster({
      ...(o.context ? { context: o.context } : {}),
      ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}),
      timeoutMs,
      pageSize,
      userAgent: `rbac-atlas/${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}`,
      ...(progress ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress?.done();
  }
  printPartial(result);
  reportDiagnostics(result.snapshot.diagnostics.filter((d) => d.code !== 'partial-data'), o.diagnostics ? { diagnostics: true } : { quiet: o.quiet ?? false });
  const target = o.outputFile && o.outputFile !== '-' ? o.outputFile : undefined;
  await writeSnapshot(result, target);
  if (!o.quiet) process.stderr.write(`${summary(result)}${target ? ` to ${target}` : ''}\n`);
}

function printPartial(r: ClusterLoadResult): void {
  for (const d of r.snapshot.diagnostics) if (d.code === 'partial-data') process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function summary(r: ClusterLoadResult): string {
  const counts = CLUSTER_KINDS.map((k) => `${r.stats.perKind[k.kind].objects} ${k.resource}`).join(', ');
  const version = r.serverVersion ? ` (${r.serverVersion})` : '';
  return `read ${r.objects.length} objects from context "${r.context}"${version} in ${(r.stats.ms / 1000).toFixed(1)} s, ${r.stats.requests} requests: ${counts}; wrote the snapshot`;
}

/** Streams the document to a file (through a temporary file, renamed when complete) or stdout. */
async function writeSnapshot(r: ClusterLoadResult, file: string | undefined): Promise<void> {
  const tmp = file ? path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`) : undefined;
  const out = tmp ? createWriteStream(tmp, { mode: 0o644 }) : process.stdout;
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  try {
    for (const chunk of snapshotJsonChunks(r)) {
      if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
    }
    if (tmp) {
      await Promise.race([new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(() => resolve())), failed]);
      await rename(tmp, file as string);
    } else {
      await Promise.race([new Promise<void>((resolve) => out.write('', () => resolve())), failed]);
    }
  } catch (e) {
    if (tmp) await rm(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EPIPE') throw err;
    throw new AtlasError('usage', `cannot write ${file ?? 'stdout'}: ${err.message}`, file ? { path: file } : undefined, { cause: e });
  }
}
