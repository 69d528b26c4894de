import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CaseEventsTable, CasePeopleTable, Database, PeopleTable } from '../../db/schema.js';

type Db = Kysely<Database>;
export type PersonRow = Selectable<PeopleTable>;
export type CasePersonRow = Selectable<CasePeopleTable>;

export function selectPerson(db: Db, personId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
}

export async function insertPerson(db: Db, row: Insertable<PeopleTable>): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function updatePersonRow(db: Db, personId: string, changes: Updateable<PeopleTable>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', personId).execute();
}

export async function caseExists(db: Db, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

export function selectLink(db: Db, caseId: string, personId: string): Promise<CasePersonRow | undefined> {
  return db
    .selectFrom('case_people')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertLink(db: Db, row: Insertable<CasePeopleTable>): Promise<void> {
  await db.insertInto('case_people').values(row).execute();
}

export async function updateLink(db: Db, caseId: string, personId: string, changes: Updateable<CasePeopleTable>) {
  await db
    .updateTable('case_people')
    .set(changes)
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteLink(db: Db, caseId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('case_people')
    .where('case_id', '=', caseId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function linksOfPerson(db: Db, personId: string): Promise<CasePersonRow[]> {
  return db.selectFrom('case_people').selectAll().where('person_id', '=', personId).execute();
}

/** The person's cases with their numbers; `onlyCases` limits them to the ones the reader may see. */
export async function casesOfPerson(db: Db, personId: string, onlyCases: readonly string[] | null) {
  if (onlyCases?.length === 0) return [];
  let query = db
    .selectFrom('case_people')
    .innerJoin('cases', 'cases.id', 'case_people.case_id')
    .select(['cases.id as caseId', 'cases.number', 'case_people.role', 'case_people.is_spokesperson'])
    .where('case_people.person_id', '=', personId);
  if (onlyCases !== null) query = query.where('case_people.case_id', 'in', onlyCases);
  return query.orderBy('cases.opened_at', 'desc').execute();
}

export async function insertCaseEvent(db: Db, row: Insertable<CaseEventsTable>): Promise<void> {
  await db.insertInto('case_events').values(row).execute();
}

/** The newest people not merged away, for the duplicate scan. */
export function recentPeople(db: Db, limit: number): Promise<PersonRow[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('merged_into', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function peopleByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').selectAll().where('id', 'in', ids).where('merged_into', 'is', null).execute();
}
