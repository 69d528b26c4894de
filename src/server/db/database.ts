import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SqliteWriterDialect, type DialectName } from './dialect.js';
import type { Database } from './schema.js';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** PostgreSQL only: the schema the tables live in (tests use one per file). */
  readonly schema: string | undefined;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; absent means SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile?: string | undefined;
  /** PostgreSQL: put the tables in this schema instead of `public`. */
  schema?: string | undefined;
}

/** The SQLite file inside a data folder. */
export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'homeward.sqlite');
}

/**
 * Opens Kysely over SQLite or PostgreSQL. SQLite runs in WAL mode with
 * synchronous=FULL, since losing an acknowledged write is worse here than a
 * slower commit.
 */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl, options.schema);
  if (options.sqliteFile === undefined) throw new Error('openDatabase needs a databaseUrl or a sqliteFile');
  return openSqlite(options.sqliteFile);
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted rows and freed pages are zeroed, so a purge leaves no bytes behind (purge/erase.ts empties the WAL).
  sqlite.pragma('secure_delete = ON');
  // Transactions begin IMMEDIATE: see SqliteWriterDialect.
  const db = new Kysely<Database>({ dialect: new SqliteWriterDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    schema: undefined,
    close: () => db.destroy(),
  };
}

/**
 * bigint columns (audit sequence numbers, time steps) come back as numbers,
 * as they do from SQLite; every such value here stays far below 2^53.
 */
const pgTypes = new pg.TypeOverrides();
pgTypes.setTypeParser(pg.types.builtins.INT8, Number);

function openPostgres(url: string, schema: string | undefined): DatabaseHandle {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Tests give each file its own schema; unqualified table names resolve there.
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
    types: pgTypes,
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    schema,
    close: () => db.destroy(),
  };
}
