import type { Command } from 'commander';
import { AtlasError } from '../../lib/errors';
import { loadForCommand } from '../load';
import { addSourceOptions, type SourceOptions } from '../options';
import { maxLineBytes, readLines } from '../lines';
import { answerQueryLine } from './query-line';

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
    if (o.file.includes('-')) throw new AtlasError('usage', 'query reads its questions on stdin: the data cannot come from -f - too');
    const { index } = await loadForCommand(o);
    // Answers are written in batches: everything answered from one chunk of input goes out in one
    // write (fast for bulk input), and nothing waits for more input (a script can ask and wait).
    let pending: string[] = [];
    let scheduled = false;
    let draining: Promise<void> | undefined;
    const flush = () => {
      scheduled = false;
      if (pending.length === 0) return;
      const ok = process.stdout.write(pending.join(''));
      pending = [];
      if (!ok && !draining) {
        draining = new Promise<void>((resolve) => process.stdout.once('drain', () => { draining = undefined; resolve(); }));
      }
    };
    // a line longer than the cap is skipped as it arrives (bounded memory, also for `query < /dev/zero`)
    const max = maxLineBytes();
    for await (const read of readLines(process.stdin, max)) {
      const answer = 'line' in read ? answerQueryLine(index, read.line) : JSON.stringify({ id: null, error: `line longer than ${max} bytes (RBAC_ATLAS_MAX_QUERY_LINE_BYTES): skipped` });
      pending.push(`${answer}\n`);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      if (draining) await draining;
    }
    flush();
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  });
}
