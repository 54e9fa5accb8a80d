import { spawn } from 'node:child_process';
import path from 'node:path';
import { AtlasError } from '../../lib/errors';
import { findingsConfigPath, readFindingsConfig } from '../../lib/load/findings-config';
import { sourceSpec } from '../options';
import { packageRoot } from '../root';
import type { ServeOptions } from '../specs/serve';

export async function serve(o: ServeOptions): Promise<void> {
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
}
