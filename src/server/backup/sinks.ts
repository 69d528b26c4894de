import { PassThrough, type Readable } from 'node:stream';
import type { EntrySink } from './archive-reader.js';

/** An entry's bytes piped into `consume`, with the backpressure of whatever it writes to. */
export function streamSink(consume: (source: Readable) => Promise<void>): EntrySink {
  const pass = new PassThrough();
  const done = consume(pass);
  // Failures surface through `done` (observed by write() and close()), not as unhandled events.
  done.catch(() => undefined);
  pass.on('error', () => undefined);
  return {
    async write(chunk) {
      if (!pass.write(chunk)) await Promise.race([new Promise((resolve) => pass.once('drain', resolve)), done]);
    },
    async close() {
      pass.end();
      await done;
    },
    async abort() {
      pass.destroy(new Error('The restore was abandoned'));
      await done.catch(() => undefined);
    },
  };
}

/** Collects a small entry whole and hands it to `use` at its end. */
export function bufferSink(use: (bytes: Buffer) => Promise<void>): EntrySink {
  const chunks: Buffer[] = [];
  return {
    write(chunk) {
      chunks.push(chunk);
      return Promise.resolve();
    },
    close: () => use(Buffer.concat(chunks)),
    abort: () => Promise.resolve(),
  };
}
