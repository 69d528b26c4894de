import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, makeTempDir, type TestDatabase } from '../../../test/databases.js';
import { createBackup } from '../backup/backup.js';
import { verifyBackup } from '../backup/restore.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { SealedFileStore } from './file-store.js';
import { LocalBlobStore, filesDirIn } from './local-blob-store.js';

const MiB = 1024 * 1024;
const FILE_BYTES = 200 * MiB;
/** Far below the file's size: the file must stream, not sit in memory. */
const RSS_GROWTH_LIMIT = 64 * MiB;

/**
 * A memory property, not a timing one: storing and reading back a 200 MB
 * file, generated on the fly, then backing the store up and verifying the
 * archive, must not grow the process by anything near its size. One database
 * is enough; the streaming path is the same on both.
 */
describe('a large file', () => {
  const masterKey = newMasterKey();
  const outDir = makeTempDir('homeward-backups-');
  let database: TestDatabase;
  let blobs: LocalBlobStore;
  let files: SealedFileStore;
  let keyring: Keyring;
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    blobs = new LocalBlobStore(filesDirIn(database.dataDir));
    keyring = new Keyring(masterKey);
    files = new SealedFileStore({ db: database.handle.db, keyring, blobs });
    // A first file through every path, so that what loads once (code, pools, caches) is not counted below.
    const warmUp = { type: 'case' as const, id: crypto.randomUUID() };
    await keyring.dataKey(database.handle.db, warmUp);
    await files.put(warmUp, 'warm-up', Readable.from([crypto.randomBytes(4 * MiB)]));
    for await (const _chunk of await files.get(warmUp, 'warm-up'));
  });
  afterAll(async () => {
    await database.cleanup();
    outDir.remove();
  });

  it('streams 200 MB in and out with the process growing by far less than that', { timeout: 120_000 }, async () => {
    const owner = { type: 'case' as const, id: crypto.randomUUID() };
    await keyring.dataKey(database.handle.db, owner);
    const fileId = crypto.randomUUID();
    const pattern = crypto.randomBytes(MiB);
    const written = crypto.createHash('sha256');
    const source = Readable.from(
      (function* () {
        for (let index = 0; index < FILE_BYTES / MiB; index += 1) {
          const chunk = Buffer.from(pattern);
          chunk.writeUInt32BE(index);
          written.update(chunk);
          sample();
          yield chunk;
        }
      })(),
      { highWaterMark: 1 },
    );
    const before = process.memoryUsage().rss;
    peakRss = before;

    const result = await files.put(owner, fileId, source);
    expect(result).toEqual({ size: FILE_BYTES, sha256: written.digest('hex') });
    expect(fs.statSync(blobs.pathOf(owner, fileId)).size).toBeGreaterThan(FILE_BYTES);

    const readBack = crypto.createHash('sha256');
    let size = 0;
    for await (const chunk of await files.get(owner, fileId)) {
      readBack.update(chunk as Buffer);
      size += (chunk as Buffer).length;
      sample();
    }
    expect(size).toBe(FILE_BYTES);
    expect(readBack.digest('hex')).toBe(result.sha256);
    expect(peakRss - before).toBeLessThan(RSS_GROWTH_LIMIT);
  });

  it('backs up and verifies the store holding it, still without holding it', { timeout: 120_000 }, async () => {
    const before = process.memoryUsage().rss;
    peakRss = before;
    const sampler = setInterval(sample, 5);
    try {
      const out = path.join(outDir.dir, 'large.hwb');
      const report = await createBackup({
        store: { dataDir: database.dataDir, databaseUrl: undefined },
        masterKey,
        out,
      });
      expect(report.bytes).toBeGreaterThan(FILE_BYTES);
      const manifest = await verifyBackup(out, masterKey);
      expect(Math.max(...manifest.entries.map((entry) => entry.size))).toBeGreaterThan(FILE_BYTES);
    } finally {
      clearInterval(sampler);
    }
    sample();
    expect(peakRss - before).toBeLessThan(RSS_GROWTH_LIMIT);
  });
});
