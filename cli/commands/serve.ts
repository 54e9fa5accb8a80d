import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { AtlasError } from '../../lib/errors';
import { CONFIG_FILE, findingsConfigPath, readFindingsConfig } from '../../lib/load/findings-config';
import { addSourceOptions, sourceSpec, type SourceOptions } from '../options';
import { packageRoot } from '../root';

type Opts = SourceOptions & { port: string; host: string; token?: string; requireToken?: boolean; config?: string | false };

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description('serve the web explorer on the chosen data source (binds 127.0.0.1 by default)')
    .option('--port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to bind; anything but loopback exposes cluster metadata and requires an access token', '127.0.0.1')
    .option('--token <token>', 'access token (default: RBAC_ATLAS_TOKEN, else generated and printed when one is required)')
    .option('--require-token', 'require the access token on loopback too (also RBAC_ATLAS_REQUIRE_TOKEN=1)')
    .option('--config <file>', `scan configuration for the Findings view, as for scan (default: ${CONFIG_FILE} in the working directory, if present)`)
    .option('--no-config', `do not read ${CONFIG_FILE}`)
    .addHelpText('after', `
Binding anything but loopback (127.0.0.1, ::1, localhost) requires an access token on every page and
API request: Authorization: Bearer <token>, or open the printed /?token=... URL once (sets a cookie).

Examples:
  rbac-atlas serve --demo
  rbac-atlas serve -f dump.yaml --port 8080 --config ci/.rbac-atlas.yaml
  RBAC_ATLAS_TOKEN=... rbac-atlas serve --context prod --host 0.0.0.0`);
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
    // the same scan configuration as `rbac-atlas scan` in this directory; checked now (exit 64 with its errors)
    const configFile = findingsConfigPath(o.config);
    if (configFile !== undefined) readFindingsConfig(configFile);
    const root = packageRoot();
    const args = [path.join(root, 'scripts', 'start.mjs'), '--port', String(port), '--host', o.host];
    if (o.requireToken) args.push('--require-token');
    // the token goes by environment, not argv: a command line is visible to every local user (ps)
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RBAC_ATLAS_SOURCE: JSON.stringify(spec),
      // empty: no config (the server runs in the package root, which is not where serve was started)
      RBAC_ATLAS_CONFIG: configFile === undefined ? '' : path.resolve(configFile),
      NEXT_TELEMETRY_DISABLED: '1',
    };
    if (o.token !== undefined) env.RBAC_ATLAS_TOKEN = o.token;
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 0 : 1))));
    process.exitCode = code;
  });
}
