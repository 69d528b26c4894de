import type { AnyKysely } from '../dialect.js';

/**
 * `case_events.subject_id`: the task a task event is about, so the timeline
 * can name it ("marked «Appeal» done"); null for every other kind and for
 * older task events. Ids only: the title stays sealed in `tasks`.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('case_events').addColumn('subject_id', 'varchar(36)').execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('case_events').dropColumn('subject_id').execute();
}
