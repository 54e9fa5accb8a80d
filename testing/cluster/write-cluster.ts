// Node-only: streams a generated cluster to a file, one item per line, without ever holding the
// whole document in memory.
import { open } from 'node:fs/promises';
import { clusterJsonChunks, type GenerateOptions } from './generate';

export interface WriteStats {
  path: string;
  bytes: number;
  objects: number;
  ms: number;
}

const FLUSH_AT = 1 << 20;

export async function writeClusterFile(path: string, options: GenerateOptions): Promise<WriteStats> {
  const started = performance.now();
  const file = await open(path, 'w');
  let bytes = 0;
  let chunks = 0;
  try {
    let buffer = '';
    for (const chunk of clusterJsonChunks(options)) {
      buffer += chunk;
      chunks++;
      if (buffer.length >= FLUSH_AT) {
        bytes += (await file.write(buffer, null, 'utf8')).bytesWritten;
        buffer = '';
      }
    }
    if (buffer.length > 0) bytes += (await file.write(buffer, null, 'utf8')).bytesWritten;
  } finally {
    await file.close();
  }
  // header and footer are chunks too
  return { path, bytes, objects: Math.max(0, chunks - 2), ms: performance.now() - started };
}
