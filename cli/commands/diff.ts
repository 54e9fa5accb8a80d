// rbac-atlas diff BEFORE AFTER: what a change does to who may do what. Each side is a file or
// directory, or a live cluster (--before-context, --after-context); --apply builds AFTER from BEFORE
// with manifests applied on top. Loads both, diffs them with the engine (lib/engine/diff), renders.
import { Option, type Command } from 'commander';
import { diffSnapshots, overlaySnapshot } from '../../lib/engine/diff/index';
import { SEVERITIES, type Severity } from '../../lib/engine/findings/types';
import { scanExitCode } from '../../lib/engine/findings/severity';
import { buildIndex, type AtlasIndex } from '../../lib/engine/query-index';
import type { Diagnostic, Snapshot } from '../../lib/engine/types';
import { AtlasError } from '../../lib/errors';
import { diffJson } from '../../lib/format/diff-json';
import { diffMarkdown } from '../../lib/format/diff-markdown';
import { diffTable } from '../../lib/format/diff-table';
import { progressLine } from '../../lib/load/cluster-progress';
import { loadSource, objectCount, type SourceSpec } from '../../lib/service/source';
import { parseDuration } from '../duration';
import { reportDiagnostics } from '../load';
import { outputOption, terminalWidth } from '../options';
import { packageRoot } from '../root';
import { writeJson, writeOut } from '../write';
import { CONFIG_FILE, loadFindingsConfig } from '../../lib/load/findings-config';

const FORMATS = ['table', 'json', 'markdown'] as const;

interface Opts {
  beforeContext?: string;
  afterContext?: string;
  kubeconfig?: string;
  requestTimeout: string;
  apply: string[];
  output: (typeof FORMATS)[number];
  failOnNew?: Severity;
  config?: string | false;
  includeBuiltin?: boolean;
  diagnostics?: boolean;
  quiet?: boolean;
  strict?: boolean;
  debug?: boolean;
}

type Side = { label: 'BEFORE' | 'AFTER'; spec: SourceSpec };

const collect = (value: string, previous: string[]) => [...previous, value];

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
  const clusterSide = side.spec.kind === 'cluster';
  const progress = clusterSide && process.stderr.isTTY && !o.quiet ? progressLine((s) => process.stderr.write(s), `reading ${side.label}`, process.stderr.columns || 80) : undefined;
  let loaded: { snapshot: Snapshot; index: AtlasIndex };
  try {
    loaded = await loadSource(side.spec, {
      root: packageRoot(),
      cluster: { timeoutMs: parseDuration(o.requestTimeout, '--request-timeout'), ...(progress ? { onProgress: progress.onProgress } : {}) },
    });
  } finally {
    progress?.done();
  }
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

export function registerDiff(program: Command): void {
  const cmd = program
    .command('diff')
    .description('what a change does to who can do what: permissions gained and lost per subject, findings added and resolved')
    .argument('[BEFORE]', 'file or directory before the change (kubectl dump or manifests), or - for stdin')
    .argument('[AFTER]', 'file or directory after the change')
    .option('--before-context <name>', 'BEFORE is this kubeconfig context (a live cluster)')
    .option('--after-context <name>', 'AFTER is this kubeconfig context (a live cluster)')
    .option('--kubeconfig <path>', 'kubeconfig file for --before-context / --after-context')
    .option('--apply <path>', 'AFTER = BEFORE with these manifests applied (same kind, namespace and name replaced; new objects added); repeatable', collect, [])
    .addOption(outputOption([...FORMATS]))
    .addOption(new Option('--fail-on-new <severity>', 'exit 2 when the change adds a finding at or above this severity').choices([...SEVERITIES]))
    .option('--config <file>', `severity overrides and suppressions for the findings (default: ${CONFIG_FILE} in the working directory, if present)`)
    .option('--no-config', `do not read ${CONFIG_FILE}`)
    .option('--include-builtin', "also count findings that come only from Kubernetes' own bootstrap policy")
    .option('--diagnostics', 'print every load diagnostic (warnings and notes too)')
    .option('--strict', 'exit 65 when an input has any error (by default bad objects are skipped)')
    .option('-q, --quiet', 'do not print load warnings and notes')
    .option('--request-timeout <duration>', 'live clusters: give up loading after this long (e.g. 90s, 2m; 0 = never)', '60s')
    .option('--debug', 'print stack traces of unexpected errors')
    .addHelpText('after', `
JSON (-o json): {"subjects": [{"kind", "name", "namespace"?, "gained": [RULE], "lost": [RULE]}],
"findings": {"added": [...], "resolved": [...]}}; RULE = {"verbs", "apiGroups", "resources",
"resourceNames"?, "nonResourceURLs"?, "except"?, "scope": "cluster" | NAMESPACE}. See docs/diff.md.

Exit codes: 0 done, 2 --fail-on-new and the change adds a finding at or above it, 64 usage error,
65 bad input, 69 cluster unreachable.

Examples:
  rbac-atlas diff base/ pr/ -o markdown                      # rendered manifests of two branches
  rbac-atlas diff --before-context prod --apply rendered.yaml --fail-on-new high
  rbac-atlas diff last-week.json --after-context prod`);
  cmd.action(async (before: string | undefined, after: string | undefined, o: Opts) => {
    const sides = planSides([before, after].filter((x): x is string => x !== undefined), o);
    const config = loadFindingsConfig(o.config);
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
    switch (o.output) {
      case 'json':
        await writeJson(diffJson(result));
        break;
      case 'markdown':
        await writeOut(diffMarkdown(result));
        break;
      case 'table': {
        const width = terminalWidth();
        await writeOut(diffTable(result, width ? { width } : {}));
        break;
      }
    }
    process.exitCode = scanExitCode(result.findings.added, o.failOnNew);
  });
}
