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

/** The stream's 'drain', or its error. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    stream.on('drain', onDrain);
    stream.on('error', done);
  });
}

export function writeJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value, null, 2)}\n`);
}
