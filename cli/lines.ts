// Lines of a stream with a cap on the length of one line, for `rbac-atlas query` on stdin: readline
// keeps a line in memory however long it grows (an endless line, `query < /dev/zero`, would take
// all memory). A line longer than the cap is skipped as it arrives and reported as such.

/** One line (without its "\n" or "\r\n"), or a line that was longer than the cap (skipped). */
export type Line = { line: string } | { tooLong: true };

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** RBAC_ATLAS_MAX_QUERY_LINE_BYTES, else 1 MiB (a query line is a few hundred bytes). */
export function maxLineBytes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.RBAC_ATLAS_MAX_QUERY_LINE_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_LINE_BYTES;
}

export async function* readLines(stream: AsyncIterable<unknown>, maxBytes: number = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  const take = (end: Buffer): Line => {
    const bytes = Buffer.concat([...parts, end]);
    parts = [];
    size = 0;
    const text = bytes.toString('utf8');
    return { line: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    for (let nl = buf.indexOf(0x0a); nl !== -1; nl = buf.indexOf(0x0a)) {
      const head = buf.subarray(0, nl);
      buf = buf.subarray(nl + 1);
      if (skipping || size + head.length > maxBytes) {
        skipping = false;
        parts = [];
        size = 0;
        yield { tooLong: true };
      } else {
        yield take(head);
      }
    }
    if (skipping) continue;
    size += buf.length;
    if (size > maxBytes) {
      skipping = true; // the rest of this line is read and dropped
      parts = [];
    } else if (buf.length > 0) {
      parts.push(Buffer.from(buf));
    }
  }
  if (skipping) yield { tooLong: true };
  else if (size > 0) yield take(Buffer.alloc(0));
}
