import { databaseKind, type Config } from '../config.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from '../db/database.js';
import { DataDirLockedError, acquireDataDirLock } from '../db/lock.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * Opens the store for a command that writes a little (user management) and
 * may run on a new installation or beside a running `serve`. Pending
 * migrations are applied when this process may (it holds the SQLite lock, or
 * the database is PostgreSQL, where Kysely's migration lock serializes);
 * beside a running server they have been applied already.
 */
export async function withStore<T>(config: Config, use: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  let release = (): void => undefined;
  let migrate = true;
  if (databaseKind(config) === 'sqlite') {
    try {
      const lock = acquireDataDirLock(config.dataDir);
      release = () => {
        lock.release();
      };
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      migrate = false;
    }
  }
  try {
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
    try {
      if (migrate) await migrateToLatest(database.db, database.schema);
      return await use(database);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}
