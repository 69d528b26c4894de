import { sql } from 'kysely';
import { binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

/**
 * The case list sorted by its columns, and saved filters:
 * - indexes that walk the list in each sort order as its keyset cursor does
 *   (the column, then the id): number is unique and indexed already, opened
 *   has cases_opened_idx; stage and region (no region sorting as '') here;
 * - `saved_filters`: a user's named case-list filters. The filter values are
 *   vocabulary codes and ids (plain JSON); the name is the user's own text,
 *   which may hold a region or a person's name, so it is sealed (under the
 *   system "saved_filters" data key, bound to the row).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.createIndex('cases_stage_sort_idx').on('cases').columns(['stage', 'id']).execute();
  await db.schema
    .createIndex('cases_region_sort_idx')
    .on('cases')
    .expression(sql`coalesce(region, ''), id`)
    .execute();
  await db.schema
    .createTable('saved_filters')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('user_id', 'varchar(36)', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name_sealed', binaryType(dialectOf(db)), (col) => col.notNull())
    .addColumn('filters', 'text', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('saved_filters_user_idx')
    .on('saved_filters')
    .columns(['user_id', 'created_at'])
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('saved_filters').execute();
  await db.schema.dropIndex('cases_region_sort_idx').execute();
  await db.schema.dropIndex('cases_stage_sort_idx').execute();
}
