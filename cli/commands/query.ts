import { AtlasError } from '../../lib/errors';
import { loadForCommand } from '../load';
import { maxLineBytes, readLines } from '../lines';
import type { SourceOptions } from '../options';
import { answerQueryLine } from './query-line';

export async function query(o: SourceOptions): Promise<void> {
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
}
