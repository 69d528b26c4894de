import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../test/environment.js';
import { bytesHits, pgRelationFiles, sqliteFiles } from '../../../test/markers.js';
import { sqliteFileIn } from '../db/database.js';
import { eraseFreedSpace, purgeHorizon } from './erase.js';

/**
 * A reader that took its snapshot before a purge committed still sees the
 * purged rows, so the database keeps their bytes (PostgreSQL's VACUUM FULL
 * copies them into the new table file; SQLite's checkpoint cannot empty the
 * WAL). The erasure must say so rather than report the space erased, and
 * erase it once the reader is gone.
 */
describe.each(TEST_DIALECTS)('erasure with a reader older than the purge, on %s', (dialect) => {
  const sealed = Buffer.from('Horizonmark-sealed-bytes-5521-of-a-purged-row');
  let database: TestDatabase;
  let oldReader: { end(): Promise<void> };
  const db = () => database.handle.db;
  const onDisk = async () =>
    bytesHits(dialect === 'sqlite' ? sqliteFiles(database.dataDir) : await pgRelationFiles(db()), [
      { name: 'sealed', bytes: sealed },
    ]);

  /** Holds a snapshot open on its own connection, as another request or a backup would; end() is idempotent. */
  async function openOldReader(): Promise<{ end(): Promise<void> }> {
    let ended = false;
    if (dialect === 'sqlite') {
      const reader = new Sqlite(sqliteFileIn(database.dataDir), { readonly: true });
      reader.prepare('begin').run();
      reader.prepare('select count(*) from files').get();
      return {
        end() {
          if (!ended) reader.close();
          ended = true;
          return Promise.resolve();
        },
      };
    }
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query('begin isolation level repeatable read');
    await client.query('select 1');
    return {
      async end() {
        if (!ended) await client.end();
        ended = true;
      },
    };
  }

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await db()
      .insertInto('files')
      .values({
        id: 'file-1',
        owner_type: 'case',
        owner_id: 'case-1',
        size: sealed.length,
        sha256_sealed: sealed,
        created_at: '2026-12-01T10:00:00.000Z',
      })
      .execute();
    await eraseFreedSpace(db());
    expect(await onDisk()).not.toEqual([]);
    oldReader = await openOldReader();
  });
  afterEach(async () => {
    await oldReader.end();
    await database.cleanup();
  });

  async function purgeTheRow() {
    return db()
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('files').where('id', '=', 'file-1').execute();
        return purgeHorizon(trx);
      });
  }

  it('reports the erasure incomplete while the reader is open, and completes once it has gone', async () => {
    const horizon = await purgeTheRow();
    expect(horizon === undefined).toBe(dialect === 'sqlite');

    const during = await eraseFreedSpace(db(), horizon, 200);
    expect(during.complete).toBe(false);
    // The hazard is real: the purged bytes are still in the files while the report says incomplete.
    expect(await onDisk()).not.toEqual([]);

    await oldReader.end();
    const after = await eraseFreedSpace(db(), horizon, 200);
    expect(after).toEqual({ complete: true, detail: expect.any(String) as string });
    expect(await onDisk()).toEqual([]);
  });
});

// PostgreSQL only: SQLite's checkpoint waits for readers in its own busy handler, in this process's thread.
describe.each(TEST_DIALECTS.filter((dialect) => dialect === 'postgres'))(
  'erasure waits for older readers, on %s',
  () => {
    it('waits for a reader that ends within the wait, and erases', async () => {
      const database = await createTestDatabase('postgres');
      const db = database.handle.db;
      const sealed = Buffer.from('Horizonmark-waited-bytes-7719-of-a-purged-row');
      try {
        await db
          .insertInto('files')
          .values({ id: 'f', owner_type: 'case', owner_id: 'c', size: 1, sha256_sealed: sealed, created_at: 'x' })
          .execute();
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query('begin isolation level repeatable read');
        await client.query('select 1');
        const horizon = await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('files').execute();
          return purgeHorizon(trx);
        });
        const events: string[] = [];
        const ending = new Promise((resolve) => setTimeout(resolve, 2_000))
          .then(() => client.query('commit'))
          .then(() => client.end())
          .then(() => events.push('reader ended'));
        const report = await eraseFreedSpace(db, horizon, 10_000);
        events.push('erased');
        await ending;
        expect(events).toEqual(['reader ended', 'erased']);
        expect(report).toEqual({ complete: true, detail: 'vacuumed and checkpointed' });
        expect(bytesHits(await pgRelationFiles(db), [{ name: 'sealed', bytes: sealed }])).toEqual([]);
      } finally {
        await database.cleanup();
      }
    });
  },
);
