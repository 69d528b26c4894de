import { binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

/**
 * Intake requests, cases, people and their links, the case timeline, tasks,
 * and API tokens for other intake channels. Vocabulary values are stored by
 * term code. Plain columns hold only what statistics and lists need (types,
 * stages, regions, dates, counts); everything personal is a `*_sealed` column
 * sealed under the owner's data key (crypto/keyring.ts).
 */
export async function up(db: AnyKysely): Promise<void> {
  const blob = binaryType(dialectOf(db));

  await db.schema
    .createTable('intake_requests')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    // SHA-256 of the requester's receipt code: the code itself is shown once and never stored.
    .addColumn('receipt_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('channel', 'varchar(64)', (col) => col.notNull())
    .addColumn('requester_role', 'varchar(64)', (col) => col.notNull())
    .addColumn('group_size', 'integer', (col) => col.notNull())
    .addColumn('region', 'varchar(64)')
    .addColumn('service_category', 'varchar(64)')
    .addColumn('force', 'varchar(64)')
    .addColumn('location_type', 'varchar(64)')
    .addColumn('urgency', 'varchar(16)', (col) => col.notNull())
    .addColumn('consent_documentation', 'integer', (col) => col.notNull())
    .addColumn('consent_statistics', 'integer', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('decline_reason', 'varchar(32)')
    .addColumn('case_id', 'varchar(36)')
    .addColumn('api_token_id', 'varchar(36)')
    .addColumn('handle_sealed', blob)
    .addColumn('contact_sealed', blob)
    .addColumn('text_sealed', blob, (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    .addColumn('triaged_by', 'varchar(36)')
    .addColumn('triaged_at', timeType)
    .execute();
  await db.schema.createIndex('intake_status_idx').on('intake_requests').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('intake_messages')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('intake_id', 'varchar(36)', (col) => col.notNull().references('intake_requests.id').onDelete('cascade'))
    .addColumn('body_sealed', blob, (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('intake_messages_intake_idx').on('intake_messages').column('intake_id').execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    // Human-facing number such as 2026-0042: a sequence, not a name.
    .addColumn('number', 'varchar(16)', (col) => col.notNull().unique())
    .addColumn('case_type', 'varchar(64)', (col) => col.notNull())
    .addColumn('stage', 'varchar(64)', (col) => col.notNull())
    .addColumn('outcome', 'varchar(64)')
    .addColumn('region', 'varchar(64)')
    .addColumn('is_group', 'integer', (col) => col.notNull())
    .addColumn('group_size', 'integer', (col) => col.notNull())
    .addColumn('title_sealed', blob, (col) => col.notNull())
    .addColumn('summary_sealed', blob)
    .addColumn('opened_at', timeType, (col) => col.notNull())
    .addColumn('closed_at', timeType)
    .addColumn('created_by', 'varchar(36)', (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('cases_stage_idx').on('cases').columns(['stage', 'opened_at']).execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('person_role', 'varchar(64)', (col) => col.notNull())
    .addColumn('service_category', 'varchar(64)')
    .addColumn('force', 'varchar(64)')
    .addColumn('unit', 'varchar(64)')
    .addColumn('region', 'varchar(64)')
    .addColumn('name_cyrillic_sealed', blob)
    .addColumn('name_latin_sealed', blob)
    // JSON { date, precision: 'day' | 'month' | 'year' | 'estimate' }, sealed.
    .addColumn('birth_sealed', blob)
    .addColumn('contacts_sealed', blob)
    .addColumn('merged_into', 'varchar(36)')
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('case_people')
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('person_id', 'varchar(36)', (col) => col.notNull().references('people.id'))
    .addColumn('role', 'varchar(64)', (col) => col.notNull())
    .addColumn('is_spokesperson', 'integer', (col) => col.notNull())
    .addColumn('added_at', timeType, (col) => col.notNull())
    .addPrimaryKeyConstraint('case_people_pk', ['case_id', 'person_id'])
    .execute();
  await db.schema.createIndex('case_people_person_idx').on('case_people').column('person_id').execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull().references('cases.id').onDelete('cascade'))
    // note, stage, outcome, close, reopen, task, person, grant, opened
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('actor_id', 'varchar(36)')
    .addColumn('stage_from', 'varchar(64)')
    .addColumn('stage_to', 'varchar(64)')
    .addColumn('body_sealed', blob)
    .addColumn('at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('title_sealed', blob, (col) => col.notNull())
    .addColumn('due_date', 'varchar(10)')
    .addColumn('assignee_id', 'varchar(36)')
    .addColumn('done_at', timeType)
    .addColumn('created_by', 'varchar(36)', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee_id', 'due_date']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    // What the token is for, as the admin names it ("Telegram bot"); never a person's name.
    .addColumn('label', 'varchar(100)', (col) => col.notNull())
    .addColumn('scope', 'varchar(32)', (col) => col.notNull())
    .addColumn('token_hash', 'varchar(64)', (col) => col.notNull().unique())
    .addColumn('created_by', 'varchar(36)', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('last_used_at', timeType)
    .addColumn('revoked_at', timeType)
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of [
    'api_tokens',
    'tasks',
    'case_events',
    'case_people',
    'people',
    'cases',
    'intake_messages',
    'intake_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
