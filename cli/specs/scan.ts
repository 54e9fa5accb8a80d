import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../../lib/engine/findings/types';
import { SCAN_FORMATS, type ScanFormat } from '../../lib/format/scan-formats';
import { CONFIG_FILE } from '../../lib/load/findings-config-file';
import { addSourceOptions, collect, outputOption, type SourceOptions } from '../options';

export type ScanOptions = SourceOptions & {
  output: ScanFormat;
  failOn?: Severity;
  includeBuiltin?: boolean;
  baseline?: string;
  config?: string | false;
  kind: string[];
};

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
    .option('--kind <kind>', 'only this finding kind (repeatable, or comma-separated)', collect, [])
    .addHelpText('after', `
Exit codes: 0 no finding at or above --fail-on (or no --fail-on), 2 findings at or above it,
64 usage or config error, 65 bad input data.

Examples:
  rbac-atlas scan --demo
  rbac-atlas scan -f dump.yaml --fail-on high -o sarif > rbac.sarif
  rbac-atlas scan -f dump.yaml -o json > baseline.json        # later: --baseline baseline.json
  helm template ./chart | rbac-atlas scan -f - -o markdown`);
  addSourceOptions(cmd);
  cmd.action(async (o: ScanOptions) => {
    const { scan } = await import('../commands/scan');
    await scan(o);
  });
}
