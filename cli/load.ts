// Loading the data source for a command, with diagnostics reported on stderr.
import { formatDiagnostic, AtlasError } from '../lib/errors';
import { escapeTerminal } from '../lib/format/escape/terminal';
import type { Diagnostic } from '../lib/engine/types';
import { loadSource, objectCount, type LoadedSource } from '../lib/service/source';
import { progressLine } from '../lib/load/cluster-progress';
import { parseDuration } from './duration';
import { sourceSpec, type SourceOptions } from './options';
import { packageRoot } from './root';

const MAX_LISTED = 20;

export async function loadForCommand(o: SourceOptions): Promise<LoadedSource> {
  const spec = sourceSpec(o);
  const progress = spec.kind === 'cluster' && process.stderr.isTTY && !o.quiet ? progressLine((s) => process.stderr.write(s), 'reading cluster', process.stderr.columns || 80) : undefined;
  let loaded: LoadedSource;
  try {
    loaded = await loadSource(spec, {
      root: packageRoot(),
      cluster: { timeoutMs: parseDuration(o.requestTimeout, '--request-timeout'), ...(progress ? { onProgress: progress.onProgress } : {}) },
    });
  } finally {
    progress?.done();
  }
  reportDiagnostics(loaded.snapshot.diagnostics, o);
  const errors = loaded.snapshot.diagnostics.filter((d) => d.severity === 'error');
  if (objectCount(loaded.snapshot) === 0) {
    throw new AtlasError('bad-input', errors.length ? `no usable Kubernetes object in the input (${errors.length} error${errors.length === 1 ? '' : 's'} above)` : 'the input contains no RBAC objects (Role, ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount, Pod, Namespace)');
  }
  if (o.strict && errors.length) throw new AtlasError('bad-input', `${errors.length} error${errors.length === 1 ? '' : 's'} in the input (--strict)`);
  return loaded;
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
