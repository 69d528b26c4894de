import fs from 'node:fs';
import { Migrator, type Kysely } from 'kysely';
import { databaseKind, type Config } from '../config.js';
import { migrations } from '../db/migrations/index.js';
import type { Database } from '../db/schema.js';
import { CliError } from './command.js';
import { checkConnection } from '../db/connection.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from '../db/database.js';
import { DataDirLockedError, acquireDataDirLock } from '../db/lock.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Keyring } from '../crypto/keyring.js';
import { openKeyring } from '../crypto/open-keyring.js';

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
      await checkConnection(database, config.databaseUrl);
      if (migrate) await migrateToLatest(database.db, database.schema);
      return await use(database);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/**
 * Opens an existing, migrated store for a command that must not change its
 * shape (audit verify, checkpoint, keys): no lock, so it runs beside `serve`;
 * no migration, and no empty SQLite file made where there was none.
 */
export async function withMigratedStore<T>(config: Config, use: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const sqliteFile = sqliteFileIn(config.dataDir);
  // Opening a missing SQLite file would create an empty database.
  if (databaseKind(config) === 'sqlite' && !fs.existsSync(sqliteFile)) {
    throw new CliError(`There is no database in ${config.dataDir}: run "homeward migrate" first.`);
  }
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile });
  try {
    await checkConnection(database, config.databaseUrl);
    const state = await new Migrator({
      db: database.db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    }).getMigrations();
    if (state.some((m) => m.executedAt === undefined)) {
      throw new CliError('The database has migrations pending: run "homeward migrate" first.');
    }
    return await use(database.db);
  } finally {
    await database.close();
  }
}

/** withMigratedStore with the installation's keyring opened, for commands that read or wrap data keys. */
export function withKeyedStore<T>(
  config: Config,
  env: Record<string, string | undefined>,
  use: (db: Kysely<Database>, keyring: Keyring) => Promise<T>,
): Promise<T> {
  return withMigratedStore(config, async (db) => use(db, (await openKeyring(config, env, db)).keyring));
}
