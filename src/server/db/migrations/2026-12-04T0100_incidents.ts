import { SEED, seedRows } from '../../modules/vocabularies/seed/index.js';
import { binaryType, dialectOf, timeType, type AnyKysely } from '../dialect.js';

/** The vocabularies that came with incidents: seeded here on an installation made before them. */
const DOCUMENTATION_VOCABULARIES = [
  'involvement',
  'date_precision',
  'confidentiality',
  'source_kind',
  'reliability',
  'knowledge_basis',
] as const;

/**
 * Incidents ("who did what to whom", after the HURIDOCS Events Standard
 * Formats) and sources. An incident's title and description and a source's
 * outlet, address, title and description are sealed under the record's own
 * data key (owner `incident` or `source`), so they outlive the cases they are
 * linked to. Plain columns hold what statistics need: act types, criminal
 * articles, dates with their precision, places, regions, unit codes, counts
 * and categories of victims, degrees of involvement, reliability.
 *
 * A purged case takes its links (`incident_cases`, `source_cases`) with it;
 * the incidents and sources stay. A purged person takes the victim and
 * perpetrator rows that name them; a testimony keeps its source without them.
 */
export async function up(db: AnyKysely): Promise<void> {
  const blob = binaryType(dialectOf(db));
  const dated = (prefix: 'start' | 'end') =>
    [
      [`${prefix}_date`, 'varchar(10)'],
      [`${prefix}_precision`, 'varchar(64)'],
    ] as const;

  let incidents = db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('title_sealed', blob, (col) => col.notNull())
    .addColumn('description_sealed', blob);
  for (const [name, type] of [...dated('start'), ...dated('end')]) incidents = incidents.addColumn(name, type);
  await incidents
    .addColumn('place', 'varchar(64)')
    .addColumn('region', 'varchar(64)')
    .addColumn('confidentiality', 'varchar(64)', (col) => col.notNull())
    // Raised by every edit: an edit names the version it was made from (CONFLICT when stale).
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_by', 'varchar(36)', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('incidents_created_idx').on('incidents').columns(['created_at', 'id']).execute();

  let acts = db.schema
    .createTable('incident_acts')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('act_type', 'varchar(64)', (col) => col.notNull())
    .addColumn('criminal_article', 'varchar(16)')
    .addColumn('criminal_part', 'varchar(16)');
  for (const [name, type] of [...dated('start'), ...dated('end')]) acts = acts.addColumn(name, type);
  await acts.addColumn('place', 'varchar(64)').execute();
  await db.schema.createIndex('incident_acts_incident_idx').on('incident_acts').column('incident_id').execute();
  await db.schema
    .createIndex('incident_acts_type_idx')
    .on('incident_acts')
    .columns(['act_type', 'incident_id'])
    .execute();

  await db.schema
    .createTable('incident_victims')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('act_id', 'varchar(36)', (col) => col.notNull().references('incident_acts.id').onDelete('cascade'))
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    // A person from the registry, or a counted group with its categories.
    .addColumn('person_id', 'varchar(36)', (col) => col.references('people.id').onDelete('cascade'))
    .addColumn('group_count', 'integer')
    .addColumn('force', 'varchar(64)')
    .addColumn('region', 'varchar(64)')
    .addColumn('service_category', 'varchar(64)')
    .execute();
  await db.schema.createIndex('incident_victims_act_idx').on('incident_victims').column('act_id').execute();
  await db.schema.createIndex('incident_victims_incident_idx').on('incident_victims').column('incident_id').execute();
  await db.schema.createIndex('incident_victims_person_idx').on('incident_victims').column('person_id').execute();

  await db.schema
    .createTable('incident_perpetrators')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    // A person from the registry, or a `unit` term by its code.
    .addColumn('person_id', 'varchar(36)', (col) => col.references('people.id').onDelete('cascade'))
    .addColumn('unit', 'varchar(64)')
    .addColumn('involvement', 'varchar(64)', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('incident_perpetrators_incident_idx')
    .on('incident_perpetrators')
    .column('incident_id')
    .execute();
  await db.schema
    .createIndex('incident_perpetrators_person_idx')
    .on('incident_perpetrators')
    .column('person_id')
    .execute();
  await db.schema
    .createIndex('incident_perpetrators_unit_idx')
    .on('incident_perpetrators')
    .columns(['unit', 'incident_id'])
    .execute();

  await db.schema
    .createTable('incident_cases')
    .addColumn('incident_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('case_id', 'varchar(36)', (col) => col.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addPrimaryKeyConstraint('incident_cases_pk', ['incident_id', 'case_id'])
    .execute();
  await db.schema.createIndex('incident_cases_case_idx').on('incident_cases').column('case_id').execute();

  // One incident leading to another (`from` led to `to`).
  await db.schema
    .createTable('incident_links')
    .addColumn('from_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('to_id', 'varchar(36)', (col) => col.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addPrimaryKeyConstraint('incident_links_pk', ['from_id', 'to_id'])
    .execute();
  await db.schema.createIndex('incident_links_to_idx').on('incident_links').column('to_id').execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('kind', 'varchar(64)', (col) => col.notNull())
    .addColumn('reliability', 'varchar(64)', (col) => col.notNull())
    // A media report: outlet, address and title sealed; date and language plain.
    .addColumn('outlet_sealed', blob)
    .addColumn('url_sealed', blob)
    .addColumn('title_sealed', blob)
    .addColumn('published_date', 'varchar(10)')
    .addColumn('language', 'varchar(8)')
    // A testimony: who gave it and how they know.
    .addColumn('person_id', 'varchar(36)', (col) => col.references('people.id').onDelete('set null'))
    .addColumn('knowledge_basis', 'varchar(64)')
    .addColumn('description_sealed', blob)
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_by', 'varchar(36)', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sources_person_idx').on('sources').column('person_id').execute();

  for (const [table, column, target] of [
    ['source_incidents', 'incident_id', 'incidents.id'],
    ['source_cases', 'case_id', 'cases.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('source_id', 'varchar(36)', (col) => col.notNull().references('sources.id').onDelete('cascade'))
      .addColumn(column, 'varchar(36)', (col) => col.notNull().references(target).onDelete('cascade'))
      .addColumn('created_at', timeType, (col) => col.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['source_id', column])
      .execute();
    await db.schema.createIndex(`${table}_target_idx`).on(table).column(column).execute();
  }

  const at = new Date().toISOString();
  for (const vocabulary of DOCUMENTATION_VOCABULARIES) {
    const present = await db
      .selectFrom('vocabulary_terms')
      .select('id')
      .where('vocabulary', '=', vocabulary)
      .executeTakeFirst();
    // A new installation's vocabulary migration already seeded them from the same list.
    if (present !== undefined) continue;
    await db
      .insertInto('vocabulary_terms')
      .values(seedRows(vocabulary, SEED[vocabulary], at))
      .execute();
  }
}

export async function down(db: AnyKysely): Promise<void> {
  for (const table of [
    'source_cases',
    'source_incidents',
    'sources',
    'incident_links',
    'incident_cases',
    'incident_perpetrators',
    'incident_victims',
    'incident_acts',
    'incidents',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db
    .deleteFrom('vocabulary_terms')
    .where('vocabulary', 'in', [...DOCUMENTATION_VOCABULARIES])
    .execute();
}
