import { PostgresAdapter, SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Everything that differs between SQLite and PostgreSQL lives here, so that
 * queries and migrations elsewhere are written once.
 */
export type DialectName = 'sqlite' | 'postgres';

/**
 * A Kysely instance of any table layout, for migrations and helpers that do not
 * depend on it. Kysely's own guidance is `Kysely<any>` here: a migration must
 * not be typed against today's tables, which later migrations change.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

export function dialectOf(db: AnyKysely): DialectName {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  throw new Error('Unsupported database adapter');
}

/** Column type for raw bytes (ciphertexts, hashes, keys). */
export function binaryType(dialect: DialectName): 'blob' | 'bytea' {
  return dialect === 'sqlite' ? 'blob' : 'bytea';
}

/** Column type for a 64-bit integer. */
export function bigintType(dialect: DialectName): 'integer' | 'bigint' {
  return dialect === 'sqlite' ? 'integer' : 'bigint';
}

/**
 * Column type for a UTC time stored as fixed-width ISO 8601 text. Text rather
 * than timestamptz so that both drivers return the same JavaScript value.
 */
export const timeType = 'varchar(32)';

/** The current time in the stored format. Takes the clock so tests can move it. */
export function isoNow(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

/** The server's version string, for the health page and diagnostics. */
export function serverVersion(db: AnyKysely): RawBuilder<string> {
  return dialectOf(db) === 'sqlite' ? sql<string>`sqlite_version()` : sql<string>`current_setting('server_version')`;
}
