import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from '../src/server/db/database.js';
import type { DialectName } from '../src/server/db/dialect.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { TEST_DATABASE_URL } from './environment.js';

/** The databases every data test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const TEST_DIALECTS: DialectName[] = TEST_DATABASE_URL === undefined ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase {
  handle: DatabaseHandle;
  /** A fresh data folder (the SQLite file lives here on SQLite). */
  dataDir: string;
  /** Closes the connection and removes the folder, file and schema. */
  cleanup(): Promise<void>;
}

/** A temporary folder removed by the returned function. */
export function makeTempDir(prefix = 'homeward-test-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An isolated, migrated database: a new SQLite file, or a new schema on the
 * PostgreSQL server, so test files never see each other's rows.
 */
export async function createTestDatabase(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const temp = makeTempDir();
  let handle: DatabaseHandle;
  let dropSchema = (): Promise<void> => Promise.resolve();
  if (dialect === 'sqlite') {
    handle = openDatabase({ sqliteFile: sqliteFileIn(temp.dir) });
  } else {
    if (TEST_DATABASE_URL === undefined) throw new Error('TEST_DATABASE_URL is not set');
    const url = TEST_DATABASE_URL;
    const schema = `hw_test_${crypto.randomBytes(6).toString('hex')}`;
    await withAdminClient(url, (client) => client.query(`create schema ${schema}`));
    handle = openDatabase({ databaseUrl: url, schema });
    dropSchema = () => withAdminClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
  }
  if (options.migrate !== false) await migrateToLatest(handle.db, handle.schema);
  return {
    handle,
    dataDir: temp.dir,
    async cleanup() {
      await handle.close();
      await dropSchema();
      temp.remove();
    },
  };
}

async function withAdminClient(url: string, action: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await action(client);
  } finally {
    await client.end();
  }
}
