import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sqliteFileIn } from '../db/database.js';
import { isOwnerType } from '../files/blob-store.js';
import { SQLITE_ENTRY, type DatabaseSnapshot, type StoredFileRef } from './entries.js';
import { BackupError } from './errors.js';

function hasTable(db: SQLite.Database, name: string): boolean {
  return db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
}

/**
 * Copies the data folder's SQLite database with `VACUUM INTO`, through a
 * second, read-only connection: `serve` keeps its own connection and goes on
 * writing (WAL lets the reader see one consistent state meanwhile). Unlike the
 * online backup API, which copies pages as they are, free pages included,
 * VACUUM INTO writes only live rows, so a case purged before the backup is not
 * in it, not even as stale bytes. The copy lands in the data folder, as well
 * protected as the database itself (its fields are sealed), and is removed by
 * close() as soon as the archive has it.
 */
export async function snapshotSqlite(dataDir: string): Promise<DatabaseSnapshot> {
  const source = sqliteFileIn(dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`There is no database in ${dataDir}.`);
  const copy = path.join(dataDir, `.backup-${crypto.randomBytes(8).toString('hex')}.sqlite`);
  const remove = () => fsp.rm(copy, { force: true });
  try {
    const reader = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      reader.pragma('busy_timeout = 5000');
      reader.prepare('vacuum into ?').run(copy);
    } finally {
      reader.close();
    }
    const snapshot = new SQLite(copy, { fileMustExist: true });
    let files: StoredFileRef[];
    let migrations: string[];
    try {
      // A self-contained file: no -wal beside it, in the archive or when restored.
      snapshot.pragma('journal_mode = DELETE');
      migrations = hasTable(snapshot, 'kysely_migration')
        ? snapshot
            .prepare('select name from kysely_migration order by name')
            .pluck()
            .all()
            .map((name) => String(name))
        : [];
      files = hasTable(snapshot, 'files') ? listFiles(snapshot) : [];
    } finally {
      snapshot.close();
    }
    return {
      dialect: 'sqlite',
      migrations,
      files,
      entries: [
        {
          name: SQLITE_ENTRY,
          // Gone once the archive has it, not only when the whole archive is written.
          open: () => Promise.resolve(fs.createReadStream(copy).once('close', () => void remove())),
        },
      ],
      close: remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function listFiles(db: SQLite.Database): StoredFileRef[] {
  const rows = db.prepare('select id, owner_type, owner_id from files order by owner_type, owner_id, id').all() as {
    id: string;
    owner_type: string;
    owner_id: string;
  }[];
  return rows.map((row) => {
    if (!isOwnerType(row.owner_type)) throw new BackupError(`File ${row.id} has an unknown owner type.`);
    return { owner: { type: row.owner_type, id: row.owner_id }, fileId: row.id };
  });
}
