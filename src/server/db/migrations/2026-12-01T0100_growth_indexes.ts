import type { AnyKysely } from '../dialect.js';

/**
 * Indexes for queries that otherwise scan a table that grows with the data:
 * a case's tasks, an object's audit entries, the cases list (newest opened
 * first, id breaking ties, as its cursor walks it) and a timeline page
 * (newest first by time and id).
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.createIndex('tasks_case_idx').on('tasks').column('case_id').execute();
  await db.schema
    .createIndex('audit_log_object_idx')
    .on('audit_log')
    .columns(['object_type', 'object_id', 'seq'])
    .execute();
  await db.schema.createIndex('cases_opened_idx').on('cases').columns(['opened_at', 'id']).execute();
  await db.schema.createIndex('case_events_page_idx').on('case_events').columns(['case_id', 'at', 'id']).execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('case_events_page_idx').execute();
  await db.schema.dropIndex('cases_opened_idx').execute();
  await db.schema.dropIndex('audit_log_object_idx').execute();
  await db.schema.dropIndex('tasks_case_idx').execute();
}
