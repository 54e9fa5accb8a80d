import { Option, type Command } from 'commander';
import { parseBaseline } from '../../lib/engine/findings/baseline';
import { FINDING_IDS, findingKindOf } from '../../lib/engine/findings/catalog';
import { isoDay, reportExitCode, runScan } from '../../lib/engine/findings/scan';
import { SEVERITIES, type FindingKind, type Severity } from '../../lib/engine/findings/types';
import { AtlasError } from '../../lib/errors';
import { leftOutLines } from '../../lib/format/findings-table';
import { renderScan, SCAN_FORMATS, type ScanFormat } from '../../lib/format/findings-render';
import { CONFIG_FILE, loadFindingsConfig, readUserFile } from '../../lib/load/findings-config';
import { loadForCommand } from '../load';
import { addSourceOptions, outputOption, terminalWidth, type SourceOptions } from '../options';
import { writeOut } from '../write';
import { escapeTerminal } from '../../lib/format/escape/terminal';

declare const __VERSION__: string;

type Opts = SourceOptions & {
  output: ScanFormat;
  failOn?: Severity;
  includeBuiltin?: boolean;
  baseline?: string;
  config?: string | false;
  kind: string[];
};

function parseKinds(list: string[]): FindingKind[] | undefined {
  if (list.length === 0) return undefined;
  return list.flatMap((s) => s.split(',')).map((name) => {
    const kind = findingKindOf(name.trim());
    if (!kind) throw new AtlasError('usage', `unknown finding kind "${name}" (known: ${Object.values(FINDING_IDS).join(', ')})`);
    return kind;
  });
}

export function registerScan(program: Command): void {
  const cmd = program
    .command('scan')
    .description('report over-permissions (cluster-admin equivalents, secret readers, exec, escalate/bind/impersonate, ...) and fail CI on them')
    .addOption(outputOption([...SCAN_FORMATS]))
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
    const config = loadFindingsConfig(o.config);
    const baseline = o.baseline === undefined ? undefined : parseBaseline(readUserFile(o.baseline, 'baseline'));
    if (baseline && !baseline.ok) throw new AtlasError('usage', `invalid baseline ${o.baseline}: ${baseline.error}`);

    const loaded = await loadForCommand(o);
    const report = runScan(loaded.index, {
      ...(config ? { config } : {}),
      includeBuiltin: o.includeBuiltin === true,
      ...(kinds ? { kinds } : {}),
      ...(baseline?.ok ? { baseline: baseline.ids } : {}),
      ...(o.failOn ? { failOn: o.failOn } : {}),
      today: isoDay(new Date()),
      tool: { name: 'rbac-atlas', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
      source: loaded.snapshot.meta.source,
    });
    const width = o.output === 'table' ? terminalWidth() : undefined;
    await writeOut(renderScan(report, o.output, { files: new Set(loaded.files), ...(width ? { width } : {}) }));
    if (!['table', 'markdown', 'html'].includes(o.output)) {
      for (const line of leftOutLines(report)) process.stderr.write(`note: ${escapeTerminal(line)}\n`);
    }
    process.exitCode = reportExitCode(report);
  });
}
