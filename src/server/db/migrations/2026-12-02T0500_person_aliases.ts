import { binaryType, dialectOf, type AnyKysely } from '../dialect.js';

/**
 * The names a person was known by before a merge (the merged-away record's
 * names that the kept record did not take), sealed under the kept person's
 * data key as one JSON list. They stay in the blind index as name fields, so
 * a search for the old spelling still finds the person.
 *
 * The person page lists the intake requests of the person's cases: an index
 * on a request's case (and date, the order shown) keeps that a range read.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('aliases_sealed', binaryType(dialectOf(db)))
    .execute();
  await db.schema
    .createIndex('intake_requests_person_page_idx')
    .on('intake_requests')
    .columns(['case_id', 'created_at'])
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('intake_requests_person_page_idx').execute();
  await db.schema.alterTable('people').dropColumn('aliases_sealed').execute();
}
