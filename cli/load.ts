// Loading the data source for a command, with diagnostics reported on stderr. The loaders are
// imported when a command loads its data (after its usage errors), the cluster client only for a
// live cluster (lib/service/source.ts).
import { formatDiagnostic, AtlasError } from '../lib/errors';
import { escapeTerminal } from '../lib/format/escape/terminal';
import type { Diagnostic } from '../lib/engine/types';
import { objectCount, type LoadedSource, type SourceSpec } from '../lib/service/source';
import { parseDuration } from './duration';
import { heapForSource } from './heap';
import { sourceSpec, type SourceOptions } from './options';
import { packageRoot } from './root';

const MAX_LISTED = 20;

export async function loadForCommand(o: SourceOptions): Promise<LoadedSource> {
  const loaded = await readSource(sourceSpec(o), o);
  reportDiagnostics(loaded.snapshot.diagnostics, o);
  const errors = loaded.snapshot.diagnostics.filter((d) => d.severity === 'error');
  if (objectCount(loaded.snapshot) === 0) {
    throw new AtlasError('bad-input', errors.length ? `no usable Kubernetes object in the input (${errors.length} error${errors.length === 1 ? '' : 's'} above)` : 'the input contains no RBAC objects (Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount, Pod, Namespace)');
  }
  if (o.strict && errors.length) throw new AtlasError('bad-input', `${errors.length} error${errors.length === 1 ? '' : 's'} in the input (--strict)`);
  return loaded;
}

/** Loads and indexes a source; a live cluster shows a progress line on a terminal (`label`: what is read). */
export async function readSource(spec: SourceSpec, o: Pick<SourceOptions, 'requestTimeout' | 'quiet'>, label = 'reading cluster'): Promise<LoadedSource> {
  const timeoutMs = parseDuration(o.requestTimeout, '--request-timeout');
  heapForSource(spec);
  const { loadSource } = await import('../lib/service/source');
  const progress = spec.kind === 'cluster' && process.stderr.isTTY && !o.quiet
    ? (await import('../lib/load/cluster-progress')).progressLine((s) => process.stderr.write(s), label, process.stderr.columns || 80)
    : undefined;
  try {
    return await loadSource(spec, { root: packageRoot(), cluster: { timeoutMs, ...(progress ? { onProgress: progress.onProgress } : {}) } });
  } finally {
    progress?.done();
  }
}

export function reportDiagnostics(diagnostics: Diagnostic[], o: Pick<SourceOptions, 'diagnostics' | 'quiet'>): void {
  if (o.diagnostics) {
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return;
  }
  // Errors and missing data (e.g. a kind the cluster refused to list) are always shown.
  const errors = diagnostics.filter((d) => d.severity === 'error' || d.code === 'partial-data');
  for (const d of errors.slice(0, MAX_LISTED)) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (errors.length > MAX_LISTED) process.stderr.write(`… and ${errors.length - MAX_LISTED} more errors\n`);
  const warnings = diagnostics.filter((d) => d.severity === 'warning' && d.code !== 'partial-data').length;
  if (!o.quiet && (warnings > 0 || errors.length > MAX_LISTED)) {
    process.stderr.write(`note: ${warnings} warning${warnings === 1 ? '' : 's'} about the input (--diagnostics lists them)\n`);
  }
}

export function printHints(hints: string[]): void {
  for (const h of hints) process.stderr.write(`hint: ${escapeTerminal(h)}\n`);
}
