import {
  CompiledQuery,
  PostgresAdapter,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  type RawBuilder,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

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

/**
 * SQLite's dialect, with every transaction opened by `BEGIN IMMEDIATE`: it
 * takes the writer lock at its start, so two transactions (of this process
 * or another one on the same file) cannot both read a row and then write it
 * back. A deferred `BEGIN` would only take the lock at the first write, and
 * in WAL mode the later writer then fails with SQLITE_BUSY_SNAPSHOT instead of
 * waiting. Within one process Kysely's single SQLite connection runs one
 * transaction at a time in any case. A transaction begun with
 * `setAccessMode('read only')` begins deferred: it only reads.
 */
export class SqliteWriterDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    // A read-only transaction (`audit verify` beside a running server) reads its WAL snapshot and
    // must not hold the writer lock for as long as it reads.
    const begin = settings?.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }
}

/**
 * Locks the rows a query selects until the transaction ends: `FOR UPDATE` on
 * PostgreSQL. On SQLite the transaction holds the writer lock from its
 * `BEGIN IMMEDIATE`, which already keeps every other writer out.
 */
export function forUpdate<Q extends { forUpdate(): Q }>(db: AnyKysely, query: Q): Q {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}

/**
 * Keeps the rows a query selects from being changed or deleted until the
 * transaction ends, while others may still read them: `FOR SHARE` on
 * PostgreSQL. On SQLite the writer lock from `BEGIN IMMEDIATE` already does.
 */
export function forShare<Q extends { forShare(): Q }>(db: AnyKysely, query: Q): Q {
  return dialectOf(db) === 'postgres' ? query.forShare() : query;
}

/**
 * Whether the database aborted a transaction only to break a deadlock or a
 * serialization conflict (PostgreSQL's SQLSTATE 40P01 and 40001), so that
 * running it again from the start is safe. SQLite never answers so: its
 * writers queue at BEGIN IMMEDIATE.
 */
export function isRetryableAbort(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === '40P01' || error.code === '40001';
}
