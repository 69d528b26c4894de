import { timeType, type AnyKysely } from '../dialect.js';

/**
 * In-app notifications, one row per user and event: ids and codes only (what
 * happened, to which object); the words and the case's number and title are
 * looked up when the reader opens the list, with the reader's access checked
 * again. `once_key` makes a notification derived from the data (a task due
 * tomorrow, a task overdue) exist at most once per user, however many reads
 * race to create it.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('user_id', 'varchar(36)', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('object_type', 'varchar(16)', (col) => col.notNull())
    .addColumn('object_id', 'varchar(36)', (col) => col.notNull())
    .addColumn('once_key', 'varchar(128)')
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('read_at', timeType)
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_once_idx')
    .on('notifications')
    .columns(['user_id', 'once_key'])
    .unique()
    .execute();
  await db.schema.createIndex('notifications_object_idx').on('notifications').columns(['object_id']).execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
