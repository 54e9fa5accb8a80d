import type { Command } from 'commander';
import { addSourceOptions, type SourceOptions } from '../options';

export function registerQuery(program: Command): void {
  const cmd = program
    .command('query')
    .description('answer JSON Lines on stdin, one JSON line out per line in, in order (for scripts and bulk checks)')
    .addHelpText('after', `
Input lines:
  {"id": 1, "type": "can", "user": "alice", "groups": ["devs"], "verb": "get", "apiGroup": "", "resource": "secrets", "subresource": "", "namespace": "prod", "name": ""}
  {"id": 2, "type": "can", "user": "alice", "groups": [], "verb": "get", "path": "/healthz"}
  {"id": 3, "type": "who-can", "verb": "create", "resource": "pods", "subresource": "exec", "namespace": "prod"}
Output lines:
  {"id": 1, "allowed": true}
  {"id": 3, "subjects": [{"kind": "Group", "name": "devs"}]}
  {"id": ..., "error": "..."} for a malformed line (processing continues)
Groups are used exactly as given: no implicit group is added.`);
  addSourceOptions(cmd);
  cmd.action(async (o: SourceOptions) => {
    const { query } = await import('../commands/query');
    await query(o);
  });
}
