import crypto from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { openArchive, readArchive } from '../src/server/backup/archive-reader.js';
import type { StoreLocation } from '../src/server/backup/backup.js';
import { bufferSink } from '../src/server/backup/sinks.js';
import type { Keyring, KeyOwner } from '../src/server/crypto/keyring.js';
import type { MasterKey } from '../src/server/crypto/master-key.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from '../src/server/db/database.js';
import type { DialectName } from '../src/server/db/dialect.js';
import type { Database } from '../src/server/db/schema.js';
import type { FileStore } from '../src/server/files/file-store.js';
import { buildUser, testClock } from './accounts.js';
import { appendEntries } from './audit.js';
import { createTestDatabase, makeTempDir, type TestDatabase } from './databases.js';
import { TEST_DATABASE_URL } from './environment.js';

/** Backup and restore test helpers: a store with data in every table, an empty one, and a table-by-table dump. */

export function storeOf(database: TestDatabase): StoreLocation {
  return {
    dataDir: database.dataDir,
    databaseUrl: database.handle.dialect === 'postgres' ? TEST_DATABASE_URL : undefined,
    schema: database.handle.schema,
  };
}

export interface EmptyTarget {
  store: StoreLocation;
  /** The restored database (on PostgreSQL, a handle opened before the restore). */
  open(): DatabaseHandle;
  cleanup(): Promise<void>;
}

/** A new data folder without a database (SQLite), or a new empty schema (PostgreSQL). */
export async function emptyTarget(dialect: DialectName): Promise<EmptyTarget> {
  if (dialect === 'postgres') {
    const database = await createTestDatabase('postgres', { migrate: false });
    return { store: storeOf(database), open: () => database.handle, cleanup: () => database.cleanup() };
  }
  const temp = makeTempDir();
  const dataDir = path.join(temp.dir, 'data');
  const handles: DatabaseHandle[] = [];
  return {
    store: { dataDir, databaseUrl: undefined },
    open() {
      const handle = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
      handles.push(handle);
      return handle;
    },
    async cleanup() {
      for (const handle of handles) await handle.close();
      temp.remove();
    },
  };
}

export interface Seeded {
  owners: KeyOwner[];
  files: { owner: KeyOwner; fileId: string; content: Buffer }[];
}

/**
 * Rows in every kind of table (foreign keys, bytea, bigint, identity column,
 * the audit chain, data keys) and files of two owners, with `marker` in a
 * plain setting and in file contents.
 */
export async function seedStore(
  db: Kysely<Database>,
  keyring: Keyring,
  files: FileStore,
  marker: string,
): Promise<Seeded> {
  const clock = testClock();
  await buildUser(db, keyring, 'caseworker', clock);
  await db.insertInto('settings').values({ key: 'marker', value: marker, updated_at: clock().toISOString() }).execute();
  await appendEntries(db, 5);
  for (const id of ['r1', 'r2', 'r3']) {
    await db
      .insertInto('search_records')
      .values({ record_type: 'case', record_id: id, day: 45_000, tokens: crypto.randomBytes(16) })
      .execute();
  }
  // The identity sequence now runs ahead of the highest serial: a restore must keep it there.
  await db.deleteFrom('search_records').where('record_id', '=', 'r3').execute();

  const owners: KeyOwner[] = [
    { type: 'case', id: crypto.randomUUID() },
    { type: 'intake', id: crypto.randomUUID() },
  ];
  const contents = [
    Buffer.from(`${marker} — statement of the applicant\n`.repeat(5000)),
    crypto.randomBytes(200_000),
    Buffer.alloc(0),
    Buffer.from(marker),
  ];
  const stored: Seeded['files'] = [];
  for (const [index, content] of contents.entries()) {
    const owner = owners[index % 2] ?? owners[0];
    if (owner === undefined) throw new Error('no owner');
    const fileId = crypto.randomUUID();
    // The owner's record would have made its key; a file is never the first thing sealed for it.
    await keyring.dataKey(db, owner);
    await files.put(owner, fileId, Readable.from([content]));
    stored.push({ owner, fileId, content });
  }
  return { owners, files: stored };
}

function canonical(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('hex')}`;
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`;
  return value;
}

/** Every table's rows, in a stable order, with bytes as hex: what two identical stores agree on. */
export async function dumpTables(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const tables =
    handle.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(
          handle.db,
        )
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(handle.db);
  const dump: Record<string, string[]> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db);
    dump[name] = rows.rows
      .map((row) => JSON.stringify(Object.entries(row).map(([column, value]) => [column, canonical(value)])))
      .sort();
  }
  return dump;
}

/** Every entry of a backup archive, decrypted with the master key, as bytes: what a key holder finds inside. */
export async function archiveContents(file: string, masterKey: MasterKey): Promise<{ name: string; bytes: Buffer }[]> {
  const entries: { name: string; bytes: Buffer }[] = [];
  await readArchive(await openArchive(file, [masterKey]), (place) =>
    Promise.resolve(
      bufferSink((bytes) => {
        entries.push({ name: `archive entry ${place.name}`, bytes });
        return Promise.resolve();
      }),
    ),
  );
  return entries;
}
