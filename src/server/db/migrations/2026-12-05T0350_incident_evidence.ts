import { sql } from 'kysely';
import { binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

/**
 * Evidence files of incidents as well as cases: an evidence row belongs to
 * exactly one owner, a case (`case_id`) or an incident (`incident_id`), and its
 * files are sealed under that owner's data key. A purged case takes its own
 * rows only; an incident's rows stay with the incident. SQLite cannot drop a
 * NOT NULL, so there the table is rebuilt (nothing references it); existing
 * rows keep their values.
 */
export async function up(db: AnyKysely): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await db.schema
      .alterTable('evidence')
      .alterColumn('case_id', (col) => col.dropNotNull())
      .execute();
    await db.schema
      .alterTable('evidence')
      .addColumn('incident_id', 'varchar(36)', (col) => col.references('incidents.id'))
      .execute();
    await db.schema
      .alterTable('evidence')
      .addCheckConstraint('evidence_one_owner', sql`(case_id is null) <> (incident_id is null)`)
      .execute();
  } else {
    await rebuildSqlite(db, true);
  }
  await db.schema.createIndex('evidence_incident_idx').on('evidence').columns(['incident_id', 'uploaded_at']).execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('evidence_incident_idx').execute();
  // An incident's files have no case to go back to: their rows go (the sealed files stay with the incident's key).
  await db.deleteFrom('evidence').where('case_id', 'is', null).execute();
  if (dialectOf(db) === 'postgres') {
    await db.schema.alterTable('evidence').dropConstraint('evidence_one_owner').execute();
    await db.schema.alterTable('evidence').dropColumn('incident_id').execute();
    await db.schema
      .alterTable('evidence')
      .alterColumn('case_id', (col) => col.setNotNull())
      .execute();
  } else {
    await rebuildSqlite(db, false);
  }
}

const COMMON = [
  'id',
  'case_id',
  'kind',
  'media_type',
  'original_file_id',
  'working_file_id',
  'name_sealed',
  'description_sealed',
  'uploaded_by',
  'uploaded_at',
];

/** SQLite: the evidence table made again, with (withIncident) or without the incident owner. */
async function rebuildSqlite(db: AnyKysely, withIncident: boolean): Promise<void> {
  const dialect = dialectOf(db);
  let table = db.schema
    .createTable('evidence_next')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('case_id', 'varchar(36)', (col) =>
      withIncident ? col.references('cases.id') : col.notNull().references('cases.id'),
    );
  if (withIncident) table = table.addColumn('incident_id', 'varchar(36)', (col) => col.references('incidents.id'));
  table = table
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('media_type', 'varchar(128)', (col) => col.notNull())
    .addColumn('original_file_id', 'varchar(64)', (col) => col.notNull().unique().references('files.id'))
    .addColumn('working_file_id', 'varchar(64)', (col) => col.unique().references('files.id'))
    .addColumn('name_sealed', binaryType(dialect), (col) => col.notNull())
    .addColumn('description_sealed', binaryType(dialect))
    .addColumn('uploaded_by', 'varchar(36)', (col) => col.notNull().references('users.id'))
    .addColumn('uploaded_at', timeType, (col) => col.notNull());
  if (withIncident)
    table = table.addCheckConstraint('evidence_one_owner', sql`(case_id is null) <> (incident_id is null)`);
  await table.execute();
  const columns = sql.join(COMMON.map((name) => sql.ref(name)));
  await sql`insert into evidence_next (${columns}) select ${columns} from evidence`.execute(db);
  await db.schema.dropTable('evidence').execute();
  await db.schema.alterTable('evidence_next').renameTo('evidence').execute();
  await db.schema.createIndex('evidence_case_idx').on('evidence').columns(['case_id', 'uploaded_at']).execute();
}
