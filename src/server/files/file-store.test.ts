import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { DecryptionError, TAG_BYTES } from '../crypto/aead.js';
import { Keyring, type KeyOwner } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { FileExistsError, FileNotFoundError } from './blob-store.js';
import { SealedFileStore } from './file-store.js';
import { LocalBlobStore, filesDirIn } from './local-blob-store.js';
import { FILE_HEADER_BYTES } from './sealed-file.js';
import { SEGMENT_BYTES } from './sealed-stream.js';

const SEALED_SEGMENT = SEGMENT_BYTES + TAG_BYTES;

function newOwner(): KeyOwner {
  return { type: 'case', id: crypto.randomUUID() };
}

/** Every byte of every file under `dir`, for the plaintext search. */
function allBytesUnder(dir: string): Buffer {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Buffer.concat(files.map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name))));
}

describe.each(TEST_DIALECTS)('file store on %s', (dialect) => {
  let database: TestDatabase;
  let blobs: LocalBlobStore;
  let files: SealedFileStore;
  let keyring: Keyring;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    blobs = new LocalBlobStore(filesDirIn(database.dataDir));
    keyring = new Keyring(newMasterKey());
    files = new SealedFileStore({ db: database.handle.db, keyring, blobs });
  });
  afterAll(() => database.cleanup());

  const read = async (owner: KeyOwner, fileId: string) => buffer(await files.get(owner, fileId));
  const stored = (owner: KeyOwner, fileId: string) => blobs.pathOf(owner, fileId);
  /** Writes `content` through the store, in uneven chunks as a network upload would arrive. */
  const put = async (owner: KeyOwner, content: Buffer, fileId: string = crypto.randomUUID()) => {
    const chunks = [];
    for (let at = 0; at < content.length; at += 10_007) chunks.push(content.subarray(at, at + 10_007));
    // The owner's record makes its key when it is created; the store never does.
    await keyring.dataKey(database.handle.db, owner);
    return { fileId, result: await files.put(owner, fileId, Readable.from(chunks)) };
  };

  it.each([
    ['an empty', 0, 1],
    ['a small', 100, 1],
    ['an exactly one-segment', SEGMENT_BYTES, 1],
    ['a one-byte-over', SEGMENT_BYTES + 1, 2],
    ['a multi-segment', 3 * SEGMENT_BYTES + 17, 4],
  ])('stores and reads back %s file', async (_name, size, segments) => {
    const owner = newOwner();
    const content = crypto.randomBytes(size);
    const { fileId, result } = await put(owner, content);
    expect(result).toEqual({ size, sha256: crypto.createHash('sha256').update(content).digest('hex') });
    expect((await read(owner, fileId)).equals(content)).toBe(true);
    expect(await files.stat(owner, fileId)).toMatchObject({ id: fileId, owner, ...result });
    expect(fs.statSync(stored(owner, fileId)).size).toBe(FILE_HEADER_BYTES + size + segments * TAG_BYTES);
    expect(fs.statSync(stored(owner, fileId)).mode & 0o777).toBe(0o600);
  });

  it('keeps marker strings out of the stored files and the database rows', async () => {
    const marker = 'MARKER-Ivanov-Petr-Sergeevich-7f3a';
    const owner = newOwner();
    const content = Buffer.from(`${marker}\n`.repeat(20_000));
    const { fileId } = await put(owner, content);
    await put(owner, Buffer.from(marker));
    expect(allBytesUnder(filesDirIn(database.dataDir)).includes(marker)).toBe(false);
    const row = await database.handle.db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst();
    expect(JSON.stringify(row)).not.toContain(crypto.createHash('sha256').update(content).digest('hex'));
    expect((await read(owner, fileId)).equals(content)).toBe(true);
  });

  describe('refuses a stored file that was tampered with', () => {
    let owner: KeyOwner;
    let fileId: string;
    let original: Buffer;
    beforeAll(async () => {
      owner = newOwner();
      ({ fileId } = await put(owner, crypto.randomBytes(2 * SEGMENT_BYTES + 500)));
      original = fs.readFileSync(stored(owner, fileId));
    });
    /** Stores the altered bytes, expects the read to fail, and puts the original back. */
    const expectRefused = async (altered: Buffer, fault: string) => {
      fs.writeFileSync(stored(owner, fileId), altered);
      try {
        const error = await read(owner, fileId).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DecryptionError);
        expect(error).toMatchObject({ fault });
      } finally {
        fs.writeFileSync(stored(owner, fileId), original);
      }
    };
    const segment = (index: number) =>
      original.subarray(FILE_HEADER_BYTES + index * SEALED_SEGMENT, FILE_HEADER_BYTES + (index + 1) * SEALED_SEGMENT);

    it.each([
      ['the magic', 0, 'header'],
      ['the format', 4, 'header'],
      ['the segment size', 7, 'altered'],
      ['the data key id', 12, 'header'],
      ['the salt', 30, 'altered'],
      ['the nonce prefix', 60, 'altered'],
      ['the first ciphertext byte', FILE_HEADER_BYTES, 'altered'],
      ["the first segment's tag", FILE_HEADER_BYTES + SEGMENT_BYTES + 3, 'altered'],
      ['the middle of the second segment', FILE_HEADER_BYTES + SEALED_SEGMENT + 1000, 'altered'],
      ['the last byte', -1, 'altered'],
    ])('a changed byte in %s', async (_where, offset, fault) => {
      const altered = Buffer.from(original);
      const at = offset < 0 ? altered.length + offset : offset;
      altered[at] = (altered[at] ?? 0) ^ 0x01;
      await expectRefused(altered, fault);
    });

    it('segments swapped', async () => {
      const header = original.subarray(0, FILE_HEADER_BYTES);
      const rest = original.subarray(FILE_HEADER_BYTES + 2 * SEALED_SEGMENT);
      await expectRefused(Buffer.concat([header, segment(1), segment(0), rest]), 'altered');
    });

    it('a middle segment dropped', async () => {
      const header = original.subarray(0, FILE_HEADER_BYTES + SEALED_SEGMENT);
      const rest = original.subarray(FILE_HEADER_BYTES + 2 * SEALED_SEGMENT);
      await expectRefused(Buffer.concat([header, rest]), 'altered');
    });

    it('cut off at a segment boundary', async () => {
      await expectRefused(original.subarray(0, FILE_HEADER_BYTES + 2 * SEALED_SEGMENT), 'truncated');
    });

    it('cut off inside a segment, or inside the header', async () => {
      await expectRefused(original.subarray(0, original.length - 100), 'altered');
      await expectRefused(original.subarray(0, FILE_HEADER_BYTES - 1), 'truncated');
    });

    it('bytes appended', async () => {
      await expectRefused(Buffer.concat([original, Buffer.from('x')]), 'altered');
    });

    it("another file's blob in its place", async () => {
      const other = await put(owner, crypto.randomBytes(100));
      await expectRefused(fs.readFileSync(stored(owner, other.fileId)), 'altered');
    });
  });

  it('does not open the files of another owner', async () => {
    const alice = newOwner();
    const bob = newOwner();
    const secret = await put(alice, Buffer.from('of Alice'));
    await expect(files.get(bob, secret.fileId)).rejects.toBeInstanceOf(FileNotFoundError);
    expect(await files.stat(bob, secret.fileId)).toBeUndefined();
    // Even with the blob copied over one of Bob's own files, Bob's key does not open it.
    const own = await put(bob, Buffer.from('of Bob'));
    fs.copyFileSync(stored(alice, secret.fileId), stored(bob, own.fileId));
    await expect(read(bob, own.fileId)).rejects.toBeInstanceOf(DecryptionError);
  });

  it('never replaces a stored file', async () => {
    const owner = newOwner();
    const { fileId } = await put(owner, Buffer.from('first'));
    await expect(put(owner, Buffer.from('second'), fileId)).rejects.toBeInstanceOf(FileExistsError);
    expect((await read(owner, fileId)).toString()).toBe('first');
  });

  it('deletes one file, then every file of an owner', async () => {
    const owner = newOwner();
    const first = await put(owner, Buffer.from('one'));
    const second = await put(owner, Buffer.from('two'));
    const third = await put(owner, Buffer.from('three'));
    expect(await files.delete(owner, first.fileId)).toBe(true);
    expect(await files.delete(owner, first.fileId)).toBe(false);
    await expect(files.get(owner, first.fileId)).rejects.toBeInstanceOf(FileNotFoundError);
    expect(fs.existsSync(stored(owner, first.fileId))).toBe(false);
    expect(await files.deleteOwner(owner)).toBe(2);
    for (const { fileId } of [second, third]) expect(fs.existsSync(stored(owner, fileId))).toBe(false);
    expect(fs.existsSync(path.dirname(stored(owner, second.fileId)))).toBe(false);
  });

  it('leaves neither row nor blob nor temporary file when the upload fails midway', async () => {
    const owner = newOwner();
    await keyring.dataKey(database.handle.db, owner);
    const fileId = crypto.randomUUID();
    const failing = Readable.from(
      (async function* () {
        yield crypto.randomBytes(SEGMENT_BYTES * 2);
        await Promise.resolve();
        throw new Error('connection reset');
      })(),
    );
    await expect(files.put(owner, fileId, failing)).rejects.toThrow('connection reset');
    expect(await files.stat(owner, fileId)).toBeUndefined();
    expect(fs.readdirSync(path.dirname(stored(owner, fileId)))).toEqual([]);
  });

  it('refuses ids that could leave the files folder', async () => {
    const owner = newOwner();
    for (const fileId of ['../escape', 'a/b', '', '.hidden', 'x'.repeat(65)]) {
      await expect(files.put(owner, fileId, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(RangeError);
    }
    await expect(files.get({ type: 'case', id: '..' }, 'f')).rejects.toBeInstanceOf(RangeError);
  });
});
