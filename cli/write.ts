// Writing to stdout without losing output when it is piped (process.exit would cut it short).

/**
 * Writes the text, or its pieces as they come (a large document is never held whole: see
 * renderScanChunks), waiting while the reader is behind. Resolves once everything is handed to
 * the system; rejects with the stream's error (EPIPE: the reader went away, e.g. `| head`).
 */
export async function writeOut(text: string | Iterable<string>): Promise<void> {
  const out = process.stdout;
  let last = '';
  if (typeof text === 'string') last = text;
  else {
    for (const piece of text) {
      if (!out.write(piece)) await drained(out);
    }
  }
  return new Promise((resolve, reject) => {
    out.write(last, (err) => (err ? reject(err) : resolve()));
  });
}

/** The stream's 'drain'; its error (or EPIPE) when it failed or closed meanwhile, so that a closed reader never leaves us waiting. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  const closed = (): Error => stream.errored ?? Object.assign(new Error('the output was closed'), { code: 'EPIPE' });
  if (stream.destroyed) return Promise.reject(closed());
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      stream.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(closed());
    stream.on('drain', onDrain);
    stream.on('error', done);
    stream.on('close', onClose);
  });
}

export function writeJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value, null, 2)}\n`);
}
