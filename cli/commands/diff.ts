// rbac-atlas diff BEFORE AFTER: what a change does to who may do what. Each side is a file or
// directory, or a live cluster (--before-context, --after-context); --apply builds AFTER from BEFORE
// with manifests applied on top. Loads both, diffs them with the engine (lib/engine/diff), renders.
import { diffSnapshots, overlaySnapshot } from '../../lib/engine/diff/index';
import { scanExitCode } from '../../lib/engine/findings/severity';
import { buildIndex, type AtlasIndex } from '../../lib/engine/query-index';
import type { Diagnostic, Snapshot } from '../../lib/engine/types';
import { AtlasError } from '../../lib/errors';
import { loadFindingsConfig } from '../../lib/load/findings-config-file';
import { objectCount, type SourceSpec } from '../../lib/service/source';
import { readSource, reportDiagnostics } from '../load';
import { terminalWidth } from '../options';
import type { DiffOptions } from '../specs/diff';
import { writeJson, writeOut } from '../write';

type Opts = DiffOptions;

type Side = { label: 'BEFORE' | 'AFTER'; spec: SourceSpec };

/** Which source each side comes from; usage errors for missing, extra or conflicting operands. */
export function planSides(operands: string[], o: Pick<Opts, 'beforeContext' | 'afterContext' | 'kubeconfig' | 'apply'>): { before: Side; after?: Side } {
  const cluster = (context: string): SourceSpec => ({ kind: 'cluster', context, ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}) });
  const files = (path: string): SourceSpec => ({ kind: 'files', paths: [path] });
  const rest = [...operands];
  if (o.beforeContext === '' || o.afterContext === '') throw new AtlasError('usage', 'a context name cannot be empty');
  if (o.kubeconfig !== undefined && o.beforeContext === undefined && o.afterContext === undefined) {
    throw new AtlasError('usage', '--kubeconfig applies to a live cluster side: add --before-context NAME or --after-context NAME');
  }
  if (o.apply.length > 0 && o.afterContext !== undefined) {
    throw new AtlasError('usage', '--apply makes AFTER from BEFORE with the manifests applied: drop --after-context (or --apply)');
  }
  let before: SourceSpec;
  if (o.beforeContext !== undefined) before = cluster(o.beforeContext);
  else {
    const path = rest.shift();
    if (path === undefined) throw new AtlasError('usage', 'missing BEFORE: a file or directory (kubectl dump or manifests), or --before-context NAME');
    before = files(path);
  }
  let after: SourceSpec | undefined;
  if (o.apply.length > 0) {
    if (rest.length > 0) throw new AtlasError('usage', `--apply makes AFTER from BEFORE with the manifests applied: give BEFORE only (unexpected "${rest[0]}")`);
  } else if (o.afterContext !== undefined) {
    after = cluster(o.afterContext);
  } else {
    const path = rest.shift();
    if (path === undefined) throw new AtlasError('usage', 'missing AFTER: a file or directory, --after-context NAME, or --apply PATH');
    after = files(path);
  }
  if (rest.length > 0) {
    const which = o.beforeContext !== undefined ? ' (BEFORE is --before-context)' : o.afterContext !== undefined ? ' (AFTER is --after-context)' : '';
    throw new AtlasError('usage', `too many operands: unexpected "${rest[0]}"${which}`);
  }
  const stdin = [...operands, ...o.apply].filter((p) => p === '-').length;
  if (stdin > 1) throw new AtlasError('usage', 'standard input ("-") can be read only once');
  return { before: { label: 'BEFORE', spec: before }, ...(after ? { after: { label: 'AFTER', spec: after } } : {}) };
}

async function loadSide(side: Side | { label: '--apply'; spec: SourceSpec }, o: Opts, skip: ReadonlySet<Diagnostic['code']> = new Set()): Promise<{ snapshot: Snapshot; index: AtlasIndex }> {
  const loaded = await readSource(side.spec, o, `reading ${side.label}`);
  const { snapshot } = loaded;
  const diagnostics = snapshot.diagnostics.filter((d) => !skip.has(d.code));
  // errors (and every diagnostic with --diagnostics) as for other commands; the count of warnings names the side
  reportDiagnostics(diagnostics, { ...o, quiet: true });
  const warnings = diagnostics.filter((d) => d.severity === 'warning' && d.code !== 'partial-data').length;
  if (warnings && !o.quiet && !o.diagnostics) process.stderr.write(`note: ${side.label}: ${warnings} warning${warnings === 1 ? '' : 's'} about the input (--diagnostics lists them)\n`);
  const errors = snapshot.diagnostics.filter((d) => d.severity === 'error').length;
  if (objectCount(snapshot) === 0) {
    if (errors) throw new AtlasError('bad-input', `${side.label}: no usable Kubernetes object in the input (${errors} error${errors === 1 ? '' : 's'} above)`);
    if (!o.quiet) process.stderr.write(`note: ${side.label} has no RBAC objects${side.label === 'BEFORE' ? ': everything in AFTER counts as new' : ''}\n`);
  }
  if (o.strict && errors) throw new AtlasError('bad-input', `${side.label}: ${errors} error${errors === 1 ? '' : 's'} in the input (--strict)`);
  if (snapshot.meta.partial) process.stderr.write(`warning: ${side.label} could not be read completely (partial data): the change may be incomplete\n`);
  return loaded;
}

export async function diff(before: string | undefined, after: string | undefined, o: DiffOptions): Promise<void> {
  const sides = planSides([before, after].filter((x): x is string => x !== undefined), o);
  const config = await loadFindingsConfig(o.config);
  const beforeSide = await loadSide(sides.before, o);
  let afterIndex: AtlasIndex;
  if (sides.after) afterIndex = (await loadSide(sides.after, o)).index;
  else {
    // missing roles and aggregation are judged on the result, not on the manifests alone
    const overlay = await loadSide({ label: '--apply', spec: { kind: 'files', paths: o.apply } }, o, new Set(['missing-role', 'aggregation-mismatch']));
    afterIndex = buildIndex(overlaySnapshot(beforeSide.snapshot, overlay.snapshot));
  }
  const result = diffSnapshots(beforeSide.index, afterIndex, {
    today: new Date().toISOString().slice(0, 10),
    includeBuiltin: o.includeBuiltin === true,
    ...(config ? { config } : {}),
  });
  // only the chosen renderer is loaded
  switch (o.output) {
    case 'json':
      await writeJson((await import('../../lib/format/diff-json')).diffJson(result));
      break;
    case 'markdown':
      await writeOut((await import('../../lib/format/diff-markdown')).diffMarkdown(result));
      break;
    case 'table': {
      const width = terminalWidth();
      await writeOut((await import('../../lib/format/diff-table')).diffTable(result, width ? { width } : {}));
      break;
    }
  }
  process.exitCode = scanExitCode(result.findings.added, o.failOnNew);
}
