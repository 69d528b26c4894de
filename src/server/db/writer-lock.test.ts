import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from './database.js';
import { migrateToLatest } from './migrate.js';

/**
 * Another process on the same SQLite file (here a worker thread with its own
 * connection, which SQLite treats the same way) writes while this one runs
 * read-then-write transactions. With a deferred BEGIN this one's write fails
 * (SQLITE_BUSY_SNAPSHOT) or is decided on a stale read; with BEGIN IMMEDIATE
 * each transaction waits for the writer lock before it reads.
 */
const OTHER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = OFF');
const read = db.prepare("select value from settings where key = 'counter'");
const write = db.prepare("update settings set value = ? where key = 'counter'");
for (let i = 0; i < workerData.times; i++) {
  db.exec('begin immediate');
  write.run(String(Number(read.get().value) + 1));
  db.exec('commit');
}
db.close();
parentPort.postMessage('done');
`;

describe('SQLite transactions take the writer lock at BEGIN', () => {
  const temp = makeTempDir();
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = openDatabase({ sqliteFile: sqliteFileIn(temp.dir) });
    await migrateToLatest(handle.db, undefined);
    await handle.db.insertInto('settings').values({ key: 'counter', value: '0', updated_at: '' }).execute();
  });
  afterAll(async () => {
    await handle.close();
    temp.remove();
  });

  it('loses no increment and fails no transaction while another connection writes', async () => {
    const other = 2000;
    const mine = 100;
    const worker = new Worker(OTHER, {
      eval: true,
      workerData: {
        file: sqliteFileIn(temp.dir),
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        times: other,
      },
    });
    const done = new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    const failures: unknown[] = [];
    for (let i = 0; i < mine; i++) {
      try {
        await handle.db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('settings')
            .select('value')
            .where('key', '=', 'counter')
            .executeTakeFirstOrThrow();
          // The other connection gets a chance to commit between this read and the write.
          await new Promise((resolve) => setTimeout(resolve, 1));
          await trx
            .updateTable('settings')
            .set({ value: String(Number(row.value) + 1) })
            .where('key', '=', 'counter')
            .execute();
        });
      } catch (error) {
        failures.push(error);
      }
    }
    await done;
    expect(failures).toEqual([]);
    const row = await handle.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(Number(row.value)).toBe(other + mine);
  }, 60_000);

  /** Whether another connection can write right now, without waiting for a lock. */
  function anotherCanWrite(): boolean {
    const other = new SQLite(sqliteFileIn(temp.dir));
    try {
      other.pragma('busy_timeout = 0');
      other.exec("begin immediate; update settings set updated_at = 'x' where key = 'counter'; commit");
      return true;
    } catch {
      return false;
    } finally {
      other.close();
    }
  }

  it('holds the writer lock in a read-write transaction, and not in a read-only one (audit verify)', async () => {
    const db = handle.db;
    const during = async (builder: ReturnType<typeof db.transaction>) =>
      builder.execute(async (trx) => {
        await trx.selectFrom('settings').select('value').execute();
        return anotherCanWrite();
      });
    expect(await during(db.transaction())).toBe(false);
    expect(await during(db.transaction().setAccessMode('read only'))).toBe(true);
    expect(anotherCanWrite()).toBe(true);
  });
});
