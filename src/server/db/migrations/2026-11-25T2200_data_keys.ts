import { binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    // 'case', 'intake' or 'system': whose records this key seals.
    .addColumn('owner_type', 'varchar(16)', (col) => col.notNull())
    .addColumn('owner_id', 'varchar(64)', (col) => col.notNull())
    // Which master key wrapped it (an id derived from the key, not the key).
    .addColumn('master_key_id', 'varchar(32)', (col) => col.notNull())
    .addColumn('wrapped', binaryType(dialectOf(db)), (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addUniqueConstraint('data_keys_owner_unique', ['owner_type', 'owner_id'])
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('data_keys').execute();
}
