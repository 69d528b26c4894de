import { sql } from 'kysely';
import { dialectOf, timeType, type AnyKysely } from '../dialect.js';

/**
 * Throttle rows keyed by an HMAC under a system data key instead of the plain
 * SHA-256 of `address:<ip>` (which anyone can recompute for every IPv4
 * address), holding times no finer than the throttle needs. The old rows are
 * counters of the last hour at most and are dropped, not carried over.
 */
export async function up(db: AnyKysely): Promise<void> {
  await overwritingDeleted(db, async () => {
    await db.deleteFrom('login_throttle').execute();
    await db.schema.dropTable('login_throttle').execute();
  });
  await db.schema
    .createTable('throttles')
    // Hex HMAC-SHA-256 of "<scope>:<subject>" under the "throttle" system data key.
    .addColumn('key_hash', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('tries', 'integer', (col) => col.notNull())
    // A boundary of the policy's window (a whole hour, ten minutes): never the time of a request.
    .addColumn('window_ends_at', timeType, (col) => col.notNull())
    // Rounded up to a whole minute (or a window boundary).
    .addColumn('locked_until', timeType)
    .execute();
  await db.schema.createIndex('throttles_window_idx').on('throttles').column('window_ends_at').execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('throttles').execute();
  await db.schema
    .createTable('login_throttle')
    .addColumn('key_hash', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('first_failure_at', timeType, (col) => col.notNull())
    .addColumn('locked_until', timeType)
    .execute();
}

/** On SQLite, zeroes the pages the old rows leave free rather than leaving the hashes readable in them. */
async function overwritingDeleted(db: AnyKysely, work: () => Promise<void>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return work();
  const before = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(db);
  const previous = before.rows[0]?.secure_delete ?? 0;
  await sql`pragma secure_delete = on`.execute(db);
  try {
    await work();
  } finally {
    await sql.raw(`pragma secure_delete = ${previous === 1 ? 'on' : previous === 2 ? 'fast' : 'off'}`).execute(db);
  }
}
