import type { AnyKysely } from '../dialect.js';

/**
 * From request to case in one step:
 * - `intake_requests.assignee_id`: the intake volunteer (or coordinator) a
 *   request waits for, set from the queue; "My work" lists the requests
 *   waiting for the signed-in user from it (indexed with the status);
 * - `cases.service_category` and `cases.force`: codes carried over from the
 *   request a case is opened from, like its region.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('intake_requests').addColumn('assignee_id', 'varchar(36)').execute();
  await db.schema.createIndex('intake_assignee_idx').on('intake_requests').columns(['assignee_id', 'status']).execute();
  await db.schema.alterTable('cases').addColumn('service_category', 'varchar(64)').execute();
  await db.schema.alterTable('cases').addColumn('force', 'varchar(64)').execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('force').execute();
  await db.schema.alterTable('cases').dropColumn('service_category').execute();
  await db.schema.dropIndex('intake_assignee_idx').execute();
  await db.schema.alterTable('intake_requests').dropColumn('assignee_id').execute();
}
