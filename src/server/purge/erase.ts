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
 */
export async function eraseFreedSpace(db: Kysely<Database>): Promise<ErasureReport> {
  if (dialectOf(db) === 'sqlite') {
    const result = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    return result.rows[0]?.busy === 0
      ? { complete: true, detail: 'WAL checkpointed and truncated' }
      : { complete: false, detail: 'a reader kept the WAL; it is emptied at the next checkpoint or close' };
  }
  for (const table of SEALED_TABLES) await sql`vacuum full ${sql.table(table)}`.execute(db);
  await sql`vacuum ${sql.join(INDEX_TABLES.map((table) => sql.table(table)))}`.execute(db);
  try {
    await sql`checkpoint`.execute(db);
  } catch (error) {
    if (errorCode(error) !== INSUFFICIENT_PRIVILEGE) throw error;
    return { complete: false, detail: "vacuumed; table files are rewritten at the server's next checkpoint" };
  }
  return { complete: true, detail: 'vacuumed and checkpointed' };
}

/** eraseFreedSpace, reporting a failure instead of throwing it: the purge it follows has committed. */
export async function tryEraseFreedSpace(db: Kysely<Database>): Promise<ErasureReport> {
  try {
    return await eraseFreedSpace(db);
  } catch (error) {
    const code = errorCode(error);
    return { complete: false, detail: `erasure failed${typeof code === 'string' ? ` (${code})` : ''}` };
  }
}
