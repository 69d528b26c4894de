import { timeType, type AnyKysely } from '../dialect.js';

/**
 * Published statistics snapshots (issue 11). Each row is one publication, kept
 * as it was published: the figures after suppression (counts that are
 * multiples of k, or suppressed marks, and the terms' words of that day) as
 * JSON. No statement updates or deletes a row. Nothing here identifies a person.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('statistics_snapshots')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    // 1, 2, 3 … in publication order, given under the publication lock: "the one before" is seq - 1.
    .addColumn('seq', 'integer', (col) => col.notNull().unique())
    .addColumn('as_of', 'varchar(10)', (col) => col.notNull())
    .addColumn('published_at', timeType, (col) => col.notNull())
    .addColumn('published_by', 'varchar(36)', (col) => col.notNull().references('users.id'))
    .addColumn('k', 'integer', (col) => col.notNull())
    .addColumn('figures', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('statistics_snapshots').execute();
}
