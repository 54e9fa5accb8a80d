// Node-only: generated cluster files for benchmarks, cached in os.tmpdir()/rbac-atlas-bench. A file is
// reused when the same options were generated before by the same generator (the name carries a
// fingerprint of the generator's output, so an edited generator never reuses a stale file).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clusterJsonChunks } from '../testing/cluster/generate';
import { hashString } from '../testing/prng';
import { writeClusterFile } from '../testing/cluster/write-cluster';

export const BENCH_DIR = path.join(os.tmpdir(), 'rbac-atlas-bench');

export interface CachedCluster {
  file: string;
  bytes: number;
  objects: number;
  /** generation time, measured when the file was written */
  ms: number;
  /** true when written by this call, false when reused */
  generatedNow: boolean;
}

export interface ClusterFileOptions {
  namespaces: number;
  teamsPerNs: number;
  seed: number;
  /** write even if a cached file exists */
  regen?: boolean;
  dir?: string;
}

/** Changes whenever the generator's output changes. */
export function generatorFingerprint(teamsPerNs: number, seed: number): string {
  const sample = [...clusterJsonChunks({ namespaces: 60, teamsPerNs, seed })].join('');
  return hashString(sample).toString(16).padStart(8, '0');
}

export async function ensureClusterFile(o: ClusterFileOptions, log: (line: string) => void = () => {}): Promise<CachedCluster> {
  const dir = o.dir ?? BENCH_DIR;
  mkdirSync(dir, { recursive: true });
  const base = `cluster-ns${o.namespaces}-t${o.teamsPerNs}-s${o.seed}-${generatorFingerprint(o.teamsPerNs, o.seed)}`;
  const file = path.join(dir, `${base}.json`);
  const metaFile = path.join(dir, `${base}.meta.json`);
  if (!o.regen && existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { ms: number; bytes: number; objects: number };
    if (statSync(file).size === meta.bytes) return { file, bytes: meta.bytes, objects: meta.objects, ms: meta.ms, generatedNow: false };
  }
  log(`generating ${file}`);
  const tmp = `${file}.${process.pid}.tmp`;
  const stats = await writeClusterFile(tmp, { namespaces: o.namespaces, teamsPerNs: o.teamsPerNs, seed: o.seed });
  renameSync(tmp, file);
  writeFileSync(metaFile, JSON.stringify({ ms: stats.ms, bytes: stats.bytes, objects: stats.objects }) + '\n');
  return { file, bytes: stats.bytes, objects: stats.objects, ms: stats.ms, generatedNow: true };
}
