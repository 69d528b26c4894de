import { seedVocabularies } from '../../modules/vocabularies/seed/index.js';
import { timeType, type AnyKysely } from '../dialect.js';

/**
 * Controlled vocabularies and the stage graph, seeded with the lists a new
 * installation starts from (src/server/modules/vocabularies/seed). Once this
 * migration has landed, the seed files are frozen with it: a later change to
 * the seeded data ships as a new migration.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .createTable('vocabulary_terms')
    .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
    .addColumn('vocabulary', 'varchar(32)', (col) => col.notNull())
    .addColumn('code', 'varchar(64)', (col) => col.notNull())
    .addColumn('parent_id', 'varchar(36)', (col) => col.references('vocabulary_terms.id'))
    .addColumn('label_ru', 'varchar(200)', (col) => col.notNull())
    .addColumn('label_en', 'varchar(200)', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .addColumn('retired_at', timeType)
    .addColumn('attributes', 'text', (col) => col.notNull())
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addColumn('updated_at', timeType, (col) => col.notNull())
    // Serves lookups by code (termByCode, assertOfferedTerm) and listings by vocabulary.
    .addUniqueConstraint('vocabulary_terms_code_unique', ['vocabulary', 'code'])
    .execute();
  await db.schema.createIndex('vocabulary_terms_parent_idx').on('vocabulary_terms').column('parent_id').execute();

  await db.schema
    .createTable('stage_transitions')
    .addColumn('from_id', 'varchar(36)', (col) => col.notNull().references('vocabulary_terms.id'))
    .addColumn('to_id', 'varchar(36)', (col) => col.notNull().references('vocabulary_terms.id'))
    .addColumn('created_at', timeType, (col) => col.notNull())
    .addPrimaryKeyConstraint('stage_transitions_pk', ['from_id', 'to_id'])
    .execute();
  await db.schema.createIndex('stage_transitions_to_idx').on('stage_transitions').column('to_id').execute();

  await seedVocabularies(db, new Date().toISOString());
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropTable('stage_transitions').execute();
  await db.schema.dropTable('vocabulary_terms').execute();
}
