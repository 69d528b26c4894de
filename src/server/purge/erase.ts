import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

/**
 * Tables that hold data keys or ciphertexts. On PostgreSQL a plain VACUUM
 * marks a dead row's space free but leaves its bytes in the page when the row
 * sat next to the page's free space (measured on PostgreSQL 15: a deleted last
 * row of a page survives VACUUM, not VACUUM FULL), so these are rewritten.
 */
export const SEALED_TABLES = [
  'data_keys',
  'cases',
  'case_events',
  'tasks',
  'people',
  'intake_requests',
  'intake_messages',
  'files',
  'evidence',
  'search_records',
] as const satisfies readonly (keyof Database)[];

/** Tables a purge deletes from that hold ids and keyed tokens only: a plain VACUUM, no exclusive lock. */
export const INDEX_TABLES = [
  'search_postings',
  'search_token_counts',
  'case_people',
  'case_grants',
  'break_glass',
] as const satisfies readonly (keyof Database)[];

/**
 * The purge's transaction id on PostgreSQL (undefined on SQLite): a session
 * whose snapshot is older than it still sees the purged rows, and VACUUM FULL
 * copies rows that some snapshot can see into the new table file.
 */
export type PurgeHorizon = bigint | undefined;

/** Read inside the purge's transaction: its id, the line older snapshots are measured against. */
export async function purgeHorizon(trx: Kysely<Database>): Promise<PurgeHorizon> {
  if (dialectOf(trx) === 'sqlite') return undefined;
  // The 32-bit xid that backend_xmin is compared with (txid_current carries an epoch above it).
  const row = (await sql<{ xid: string }>`select (txid_current() % 4294967296)::text as xid`.execute(trx)).rows[0];
  return row === undefined ? undefined : BigInt(row.xid);
}

/** Sessions of this database, other than ours, whose snapshot is older than the purge. */
async function olderSnapshots(db: Kysely<Database>, horizon: bigint): Promise<number> {
  const result = await sql<{ n: string }>`
    select count(*)::text as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and backend_xmin is not null
      and age(backend_xmin) >= age(${horizon.toString()}::xid)`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** How long the erasure waits for sessions older than the purge to end before vacuuming anyway. */
export const SNAPSHOT_WAIT_MS = 10_000;
const SNAPSHOT_POLL_MS = 50;

/** Waits until no session's snapshot is older than the purge, or the wait is over; the count left. */
async function waitForOlderSnapshots(db: Kysely<Database>, horizon: bigint, waitMs: number): Promise<number> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const left = await olderSnapshots(db, horizon);
    if (left === 0 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_POLL_MS));
  }
}

/** Whether the freed space is already unreadable on disk, and if not, why (ids and SQL states only). */
export interface ErasureReport {
  complete: boolean;
  detail: string;
}

const INSUFFICIENT_PRIVILEGE = '42501';

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/**
 * Makes the space a purge freed unreadable, after its commit (VACUUM cannot
 * run in a transaction).
 *
 * SQLite runs with `secure_delete` (database.ts), which zeroes deleted cells
 * and freed pages, but the WAL still holds the pages as they were before the
 * purge: a TRUNCATE checkpoint copies the zeroed pages into the main file and
 * empties the WAL. It waits (busy timeout) for readers on an older snapshot;
 * if one is still there, the WAL is emptied at the next checkpoint or close.
 *
 * PostgreSQL: VACUUM FULL of the tables holding keys and ciphertexts (a new
 * file is written, the old one unlinked), VACUUM of the rest, then a
 * CHECKPOINT so the table files on disk are the vacuumed ones; that needs
 * superuser or pg_checkpoint, without it the server's own next checkpoint
 * (checkpoint_timeout) does it. WAL segments keep the old bytes until recycled:
 * docs/SECURITY.md.
 *
 * A session whose snapshot is older than the purge (`horizon`) would keep the
 * purged rows through VACUUM FULL: the erasure waits for such sessions to end
 * (at most `waitMs`), and if one is still open it vacuums what it can and
 * reports the erasure incomplete rather than claiming it.
 */
export async function eraseFreedSpace(
  db: Kysely<Database>,
  horizon?: PurgeHorizon,
  waitMs = SNAPSHOT_WAIT_MS,
): Promise<ErasureReport> {
  if (dialectOf(db) === 'sqlite') {
    const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return result.rows[0]?.busy === 0
      ? { complete: true, detail: 'WAL checkpointed and truncated' }
      : { complete: false, detail: 'a reader kept the WAL; it is emptied at the next checkpoint or close' };
  }
  const olderLeft = horizon === undefined ? 0 : await waitForOlderSnapshots(db, horizon, waitMs);
  for (const table of SEALED_TABLES) await sql`vacuum full ${sql.table(table)}`.execute(db);
  await sql`vacuum ${sql.join(INDEX_TABLES.map((table) => sql.table(table)))}`.execute(db);
  try {
    await sql`checkpoint`.execute(db);
  } catch (error) {
    if (errorCode(error) !== INSUFFICIENT_PRIVILEGE) throw error;
    return { complete: false, detail: "vacuumed; table files are rewritten at the server's next checkpoint" };
  }
  if (olderLeft > 0) {
    return {
      complete: false,
      detail: `vacuumed, but ${String(olderLeft)} session(s) older than the purge kept its rows; the next purge's VACUUM FULL erases them`,
    };
  }
  return { complete: true, detail: 'vacuumed and checkpointed' };
}

/** eraseFreedSpace, reporting a failure instead of throwing it: the purge it follows has committed. */
export async function tryEraseFreedSpace(db: Kysely<Database>, horizon: PurgeHorizon): Promise<ErasureReport> {
  try {
    return await eraseFreedSpace(db, horizon);
  } catch (error) {
    const code = errorCode(error);
    return { complete: false, detail: `erasure failed${typeof code === 'string' ? ` (${code})` : ''}` };
  }
}
