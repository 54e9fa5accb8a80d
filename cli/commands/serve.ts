import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AtlasError } from '../../lib/errors';
import { addSourceOptions, sourceSpec, type SourceOptions } from '../options';
import { packageRoot } from '../root';

type Opts = SourceOptions & { port: string; host: string };

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description('serve the web explorer on the chosen data source (binds 127.0.0.1 by default)')
    .option('--port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to bind; anything but loopback exposes cluster metadata', '127.0.0.1')
    .addHelpText('after', `
Examples:
  rbac-atlas serve --demo
  rbac-atlas serve -f dump.yaml --port 8080`);
  addSourceOptions(cmd);
  cmd.action(async (o: Opts) => {
    const port = Number(o.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AtlasError('usage', `--port: "${o.port}" is not a port number`);
    const spec = sourceSpec(o);
    if (spec.kind === 'files') {
      if (spec.paths.includes('-')) throw new AtlasError('usage', 'serve cannot read its data from stdin: give a file or directory');
      spec.paths = spec.paths.map((p) => path.resolve(p));
    }
    if (spec.kind === 'cluster' && spec.kubeconfig) spec.kubeconfig = path.resolve(spec.kubeconfig);
    const root = packageRoot();
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--port', String(port), '--host', o.host], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, RBAC_ATLAS_SOURCE: JSON.stringify(spec), NEXT_TELEMETRY_DISABLED: '1' },
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 0 : 1))));
    process.exitCode = code;
  });
}
