import { sql } from 'kysely';
import { binaryType, dialectOf, type AnyKysely } from '../dialect.js';

/**
 * Break-glass reasons become a code from a fixed list (src/shared/break-glass.ts)
 * and an optional note sealed under the case's data key. The free-text reason
 * (a surname typed there was found on disk) is erased, not carried over: a
 * migration has no master key to seal it with. Old grants read as "other".
 *
 * The text is blanked before the column is dropped so that SQLite, running
 * with secure_delete, overwrites the cells in place, and the WAL is then
 * emptied; PostgreSQL keeps the old row versions until break_glass is
 * vacuumed (autovacuum, or `vacuum full break_glass`), which cannot run in the
 * migration's transaction.
 */
export async function up(db: AnyKysely): Promise<void> {
  const blob = binaryType(dialectOf(db));
  await db.schema
    .alterTable('break_glass')
    .addColumn('reason_code', 'varchar(32)', (col) => col.notNull().defaultTo('other'))
    .execute();
  await db.schema.alterTable('break_glass').addColumn('note_sealed', blob).execute();
  await db.updateTable('break_glass').set({ reason: '' }).execute();
  await db.schema.alterTable('break_glass').dropColumn('reason').execute();
  // The WAL still holds the pages as they were; SQLite runs migrations outside a transaction, so this can empty it.
  if (dialectOf(db) === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema
    .alterTable('break_glass')
    .addColumn('reason', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  // The sealed notes cannot be opened here (no master key): the code is what goes back.
  await db
    .updateTable('break_glass')
    .set({ reason: sql`reason_code` })
    .execute();
  await db.schema.alterTable('break_glass').dropColumn('note_sealed').execute();
  await db.schema.alterTable('break_glass').dropColumn('reason_code').execute();
}
