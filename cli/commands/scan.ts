import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { applyBaseline, parseBaseline } from '../../lib/engine/findings/baseline';
import { FINDING_IDS, findingKindOf } from '../../lib/engine/findings/catalog';
import { applySuppressions, parseFindingsConfig, type FindingsConfig } from '../../lib/engine/findings/config';
import { DEFAULT_PRIVILEGED_NAMESPACES } from '../../lib/engine/findings/context';
import { scanFindings } from '../../lib/engine/findings/index';
import { buildReport, type ScanReport } from '../../lib/engine/findings/report';
import { scanExitCode } from '../../lib/engine/findings/severity';
import { SEVERITIES, type FindingKind, type Severity } from '../../lib/engine/findings/types';
import { AtlasError } from '../../lib/errors';
import { findingsCsv } from '../../lib/format/findings-csv';
import { findingsHtml } from '../../lib/format/findings-html';
import { scanJsonText } from '../../lib/format/findings-json';
import { findingsMarkdown } from '../../lib/format/findings-markdown';
import { findingsTable, leftOutLines } from '../../lib/format/findings-table';
import { findingsSarif } from '../../lib/format/sarif';
import { loadForCommand } from '../load';
import { addSourceOptions, outputOption, terminalWidth, type SourceOptions } from '../options';
import { writeOut } from '../write';
import { escapeTerminal } from '../../lib/format/escape/terminal';

declare const __VERSION__: string;

export const CONFIG_FILE = '.rbac-atlas.yaml';
const FORMATS = ['table', 'json', 'csv', 'sarif', 'markdown', 'html'] as const;

type Opts = SourceOptions & {
  output: (typeof FORMATS)[number];
  failOn?: Severity;
  includeBuiltin?: boolean;
  baseline?: string;
  config?: string | false;
  kind: string[];
};

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AtlasError('usage', `cannot read ${what} ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(e))}`);
  }
}

/** --config FILE, else .rbac-atlas.yaml in the working directory if present; --no-config skips it. */
export function loadConfig(option: string | false | undefined, cwd = process.cwd()): FindingsConfig | undefined {
  if (option === false) return undefined;
  const file = option ?? (existsSync(path.join(cwd, CONFIG_FILE)) ? CONFIG_FILE : undefined);
  if (!file) return undefined;
  const parsed = parseFindingsConfig(readText(file, 'config file'), file);
  if (!parsed.ok) throw new AtlasError('usage', `invalid config file:\n  ${parsed.errors.join('\n  ')}`);
  return parsed.config;
}

function parseKinds(list: string[]): FindingKind[] | undefined {
  if (list.length === 0) return undefined;
  return list.flatMap((s) => s.split(',')).map((name) => {
    const kind = findingKindOf(name.trim());
    if (!kind) throw new AtlasError('usage', `unknown finding kind "${name}" (known: ${Object.values(FINDING_IDS).join(', ')})`);
    return kind;
  });
}

export function renderReport(report: ScanReport, format: Opts['output'], files: ReadonlySet<string>): string {
  switch (format) {
    case 'json':
      return scanJsonText(report);
    case 'csv':
      return findingsCsv(report);
    case 'sarif':
      return `${JSON.stringify(findingsSarif(report, { files }), null, 2)}\n`;
    case 'markdown':
      return findingsMarkdown(report);
    case 'html':
      return findingsHtml(report);
    case 'table': {
      const width = terminalWidth();
      return findingsTable(report, width ? { width } : {});
    }
  }
}

export function registerScan(program: Command): void {
  const cmd = program
    .command('scan')
    .description('report over-permissions (cluster-admin equivalents, secret readers, exec, escalate/bind/impersonate, ...) and fail CI on them')
    .addOption(outputOption([...FORMATS]))
    .addOption(new Option('--fail-on <severity>', 'exit 2 when a reported finding is at or above this severity').choices([...SEVERITIES]))
    .option('--include-builtin', "also report findings that come only from Kubernetes' own bootstrap policy")
    .option('--baseline <file>', 'a previous `scan -o json` output: report only findings not in it')
    .option('--config <file>', `suppressions and severity overrides (default: ${CONFIG_FILE} in the working directory, if present)`)
    .option('--no-config', `do not read ${CONFIG_FILE}`)
    .option('--kind <kind>', 'only this finding kind (repeatable, or comma-separated)', (v: string, prev: string[]) => [...prev, v], [])
    .addHelpText('after', `
Exit codes: 0 no finding at or above --fail-on (or no --fail-on), 2 findings at or above it,
64 usage or config error, 65 bad input data.

Examples:
  rbac-atlas scan --demo
  rbac-atlas scan -f dump.yaml --fail-on high -o sarif > rbac.sarif
  rbac-atlas scan -f dump.yaml -o json > baseline.json        # later: --baseline baseline.json
  helm template ./chart | rbac-atlas scan -f - -o markdown`);
  addSourceOptions(cmd);
  cmd.action(async (o: Opts) => {
    const kinds = parseKinds(o.kind);
    const config = loadConfig(o.config);
    const baseline = o.baseline === undefined ? undefined : parseBaseline(readText(o.baseline, 'baseline'));
    if (baseline && !baseline.ok) throw new AtlasError('usage', `invalid baseline ${o.baseline}: ${baseline.error}`);

    const loaded = await loadForCommand(o);
    const result = scanFindings(loaded.index, {
      includeBuiltin: o.includeBuiltin === true,
      ...(config ? { severity: config.severity } : {}),
      privilegedNamespaces: [...new Set([...DEFAULT_PRIVILEGED_NAMESPACES, ...(config?.privilegedNamespaces ?? [])])],
      ...(kinds ? { kinds } : {}),
    });
    const today = new Date().toISOString().slice(0, 10);
    const suppression = applySuppressions(result.findings, config?.suppressions ?? [], today);
    const { kept, inBaseline } = baseline?.ok ? applyBaseline(suppression.kept, baseline.ids) : { kept: suppression.kept, inBaseline: 0 };
    const report = buildReport({
      tool: { name: 'rbac-atlas', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
      source: loaded.snapshot.meta.source,
      result,
      suppression,
      findings: kept,
      inBaseline,
      ...(o.failOn ? { failOn: o.failOn } : {}),
    });
    await writeOut(renderReport(report, o.output, new Set(loaded.files)));
    if (!['table', 'markdown', 'html'].includes(o.output)) {
      for (const line of leftOutLines(report)) process.stderr.write(`note: ${escapeTerminal(line)}\n`);
    }
    process.exitCode = scanExitCode(report.findings, o.failOn);
  });
}
