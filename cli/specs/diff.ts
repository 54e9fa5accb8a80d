import { Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../../lib/engine/findings/types';
import { CONFIG_FILE } from '../../lib/load/findings-config-file';
import { collect, outputOption } from '../options';

const FORMATS = ['table', 'json', 'markdown'] as const;

export interface DiffOptions {
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
  cmd.action(async (before: string | undefined, after: string | undefined, o: DiffOptions) => {
    const { diff } = await import('../commands/diff');
    await diff(before, after, o);
  });
}
