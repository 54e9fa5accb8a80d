import type { Command } from 'commander';
import { CONFIG_FILE } from '../../lib/load/findings-config-file';
import { addSourceOptions, type SourceOptions } from '../options';

export type ServeOptions = SourceOptions & { port: string; host: string; token?: string; requireToken?: boolean; config?: string | false };

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
  cmd.action(async (o: ServeOptions) => {
    const { serve } = await import('../commands/serve');
    await serve(o);
  });
}
