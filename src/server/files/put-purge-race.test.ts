import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { Keyring, type KeyOwner } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { purgeOwner } from '../purge/purge.js';
import { FileOwnerGoneError, SealedFileStore } from './file-store.js';
import { LocalBlobStore, filesDirIn } from './local-blob-store.js';

describe.each(TEST_DIALECTS)('a file put racing a purge of its owner, on %s', (dialect) => {
  let database: TestDatabase;
  let keyring: Keyring;
  let blobs: LocalBlobStore;
  let files: SealedFileStore;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    keyring = new Keyring(newMasterKey());
    blobs = new LocalBlobStore(filesDirIn(database.dataDir));
    files = new SealedFileStore({ db: database.handle.db, keyring, blobs });
  });
  afterAll(() => database.cleanup());

  const newOwner = async (): Promise<KeyOwner> => {
    const owner = { type: 'case' as const, id: crypto.randomUUID() };
    await keyring.dataKey(database.handle.db, owner);
    return owner;
  };
  const purge = (owner: KeyOwner) =>
    purgeOwner(
      { db: database.handle.db, keyring, files, clock: () => new Date() },
      {
        owner: { type: 'case', id: owner.id },
        actorId: 'admin',
        reason: 'safety',
        searchRecords: [],
        deleteRows: () => Promise.resolve(),
      },
    );
  /** What is left of the owner: data keys, file rows, blob files. */
  const leftOf = async (owner: KeyOwner) => {
    const db = database.handle.db;
    const keys = await db.selectFrom('data_keys').select('id').where('owner_id', '=', owner.id).execute();
    const rows = await db.selectFrom('files').select('id').where('owner_id', '=', owner.id).execute();
    const dir = path.dirname(blobs.pathOf(owner, 'any'));
    const stored = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    return { keys: keys.length, rows: rows.length, blobs: stored.length };
  };

  it('refuses a put for an owner purged before it, making no key', async () => {
    const owner = await newOwner();
    await purge(owner);
    await expect(files.put(owner, crypto.randomUUID(), Readable.from([Buffer.from('late')]))).rejects.toBeInstanceOf(
      FileOwnerGoneError,
    );
    expect(await leftOf(owner)).toEqual({ keys: 0, rows: 0, blobs: 0 });
  });

  it('refuses a put whose owner was purged while the file streamed in: no fresh key, no row, no blob', async () => {
    const owner = await newOwner();
    let resume: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    const source = Readable.from(
      (async function* () {
        yield crypto.randomBytes(100_000);
        await paused;
        yield crypto.randomBytes(100_000);
      })(),
    );
    const putting = files.put(owner, crypto.randomUUID(), source);
    await purge(owner);
    resume();
    await expect(putting).rejects.toBeInstanceOf(FileOwnerGoneError);
    expect(await leftOf(owner)).toEqual({ keys: 0, rows: 0, blobs: 0 });
  });

  it('leaves nothing of the owner when puts and the purge run at once', async () => {
    const owner = await newOwner();
    const puts = Array.from({ length: 6 }, () =>
      files.put(owner, crypto.randomUUID(), Readable.from([crypto.randomBytes(50_000)])).then(
        () => 'stored',
        (error: unknown) => (error instanceof FileOwnerGoneError ? 'refused' : error),
      ),
    );
    const [outcomes] = await Promise.all([Promise.all(puts), purge(owner)]);
    for (const outcome of outcomes) expect(['stored', 'refused']).toContain(outcome);
    // A put that landed before the purge was purged with it; none landed after.
    expect(await leftOf(owner)).toEqual({ keys: 0, rows: 0, blobs: 0 });
  });
});
