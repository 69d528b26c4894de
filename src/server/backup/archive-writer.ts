import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomKey, seal } from '../crypto/aead.js';
import type { MasterKey } from '../crypto/master-key.js';
import { NONCE_PREFIX_BYTES, SEGMENT_BYTES, sealStream } from '../files/sealed-stream.js';
import {
  MANIFEST_FORMAT,
  MAX_DATA_FRAME,
  bodyParams,
  encodeHeader,
  frameHead,
  wrapAad,
  type ArchiveHeader,
  type Manifest,
  type ManifestEntry,
} from './archive-format.js';

/** One entry to archive; opened only when the writer reaches it, so thousands of files are never open at once. */
export interface ArchiveEntry {
  name: string;
  open(): Promise<AsyncIterable<Buffer> | Iterable<Buffer>>;
}

/** What the manifest says besides its entries, asked for once every entry is written. */
export type ManifestInfo = Pick<Manifest, 'createdAt' | 'homewardVersion' | 'dialect' | 'migrations'>;

/**
 * Writes an archive (archive-format.ts) to a new file (`wx`, mode 0600,
 * flushed to disk before it resolves), streaming every entry through: memory
 * holds a segment or two and the manifest's list, never an entry.
 */
export async function writeArchive(
  file: string,
  masterKey: MasterKey,
  entries: AsyncIterable<ArchiveEntry> | Iterable<ArchiveEntry>,
  info: () => ManifestInfo,
  options: { overwrite?: boolean } = {},
): Promise<Manifest> {
  const backupKey = randomKey();
  const header: ArchiveHeader = {
    masterKeyId: masterKey.id,
    wrappedKey: seal(masterKey.key, backupKey, wrapAad(masterKey.id)).toString('base64'),
    noncePrefix: crypto.randomBytes(NONCE_PREFIX_BYTES).toString('base64'),
    segmentBytes: SEGMENT_BYTES,
  };
  const rawHeader = encodeHeader(header);
  const listed: ManifestEntry[] = [];
  let manifest: Manifest | undefined;

  async function* body(): AsyncGenerator<Buffer> {
    for await (const entry of entries) {
      const name = Buffer.from(entry.name, 'utf8');
      yield frameHead('begin', name.length);
      yield name;
      const hash = crypto.createHash('sha256');
      let size = 0;
      for await (const chunk of await entry.open()) {
        for (let at = 0; at < chunk.length; at += MAX_DATA_FRAME) {
          const piece = chunk.subarray(at, at + MAX_DATA_FRAME);
          hash.update(piece);
          size += piece.length;
          yield frameHead('data', piece.length);
          yield piece;
        }
      }
      yield frameHead('end', 0);
      listed.push({ name: entry.name, size, sha256: hash.digest('hex') });
    }
    manifest = { format: MANIFEST_FORMAT, ...info(), entries: listed };
    const json = Buffer.from(JSON.stringify(manifest), 'utf8');
    yield frameHead('manifest', json.length);
    yield json;
  }

  await pipeline(
    Readable.from(body(), { highWaterMark: 4 }),
    sealStream(bodyParams(backupKey, rawHeader, header)),
    async function* (sealed: AsyncIterable<Buffer>) {
      yield rawHeader;
      yield* sealed;
    },
    fs.createWriteStream(file, { flags: options.overwrite === true ? 'w' : 'wx', mode: 0o600, flush: true }),
  );
  if (manifest === undefined) throw new Error('The archive ended before its manifest');
  return manifest;
}
