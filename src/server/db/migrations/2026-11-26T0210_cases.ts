import type { AnyKysely } from '../dialect.js';

/**
 * One counter row per year for case numbers (2026-0001, 2026-0002 …). Taken
 * with an upsert that increments in place, which both databases serialize
 * (PostgreSQL locks the row until the transaction ends; SQLite has one writer).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('case_number_counters')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('last', 'integer', (col) => col.notNull())
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('case_number_counters').execute();
}
