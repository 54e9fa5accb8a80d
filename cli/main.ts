// rbac-atlas: parse arguments -> load the data source -> run the engine -> render -> exit code.
// Exit codes: 0 ok, 1 "no" (can-i), 2 findings over threshold, 64 usage, 65 bad input data,
// 69 cluster unreachable, 70 internal error.
import { Command, CommanderError } from 'commander';
import { AtlasError, toExitCode } from '../lib/errors';
import { escapeTerminalLines } from '../lib/format/escape/terminal';
import { registerCanI } from './commands/can-i';
import { registerDiff } from './commands/diff';
import { registerMatrix } from './commands/matrix';
import { registerPaths } from './commands/paths';
import { registerQuery } from './commands/query';
import { registerScan } from './commands/scan';
import { registerServe } from './commands/serve';
import { registerSnapshot } from './commands/snapshot';
import { registerWhatCan } from './commands/what-can';
import { registerWhoCan } from './commands/who-can';

declare const __VERSION__: string;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('rbac-atlas')
    .description('Exact answers about Kubernetes RBAC: who can do what, where, and through which binding.')
    .version(typeof __VERSION__ === 'string' ? __VERSION__ : 'dev')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `
Data sources (every command): -f FILE|DIR|- (repeatable), --demo, or --context/--kubeconfig.
Without -f or --demo the current kubeconfig context is used, as kubectl does.

Examples:
  rbac-atlas who-can get secrets -n kube-system --demo
  rbac-atlas can-i create pods/exec -n team-a --as alice --as-group developers -f dump.yaml
  rbac-atlas what-can --subject ServiceAccount:ci/gitlab-runner --demo
  kubectl get roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts,pods,namespaces -A -o yaml > dump.yaml`);
  registerWhoCan(program);
  registerCanI(program);
  registerWhatCan(program);
  registerMatrix(program);
  registerQuery(program);
  registerScan(program);
  registerDiff(program);
  registerPaths(program);
  registerServe(program);
  registerSnapshot(program);
  program.exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str.startsWith('error:') ? `rbac-atlas: ${str}` : str) });
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `rbac-atlas ... | head`: the reader may close the pipe before we are done. Without a listener the
  // EPIPE would surface as an uncaught 'error' event with a stack trace; with it, pending writes fail
  // quietly (writeOut rejects with EPIPE, handled below) and the command ends as usual.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') process.stderr.write(`rbac-atlas: cannot write the output: ${err.message}\n`);
  });
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 64;
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 64; // commander already printed the message
    }
    if (e instanceof AtlasError) {
      // line feeds of multi-line messages (a config file's problems) stay; other controls are shown escaped
      process.stderr.write(`rbac-atlas: ${escapeTerminalLines(e.message)}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return toExitCode(e);
    }
    const err = e as Error;
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return 0; // output closed early (e.g. | head)
    process.stderr.write(`rbac-atlas: internal error: ${escapeTerminalLines(err?.message ?? String(e))}\n`);
    if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('(this is a bug; rerun with --debug for details and report it)\n');
    return 70;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
