import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CaseEventsTable, CasePeopleTable, Database, PeopleTable } from '../../db/schema.js';
import { forShare, forUpdate } from '../../db/dialect.js';
import { chunked } from '../../search/search.queries.js';

type Db = Kysely<Database>;
export type PersonRow = Selectable<PeopleTable>;
export type CasePersonRow = Selectable<CasePeopleTable>;

export function selectPerson(db: Db, personId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
}

/**
 * A person about to be linked to a case, kept from being purged or merged
 * away until the link is written: a purge that got there first has removed
 * the row, and the link is refused as naming no such person.
 */
export function selectPersonToLink(db: Db, personId: string): Promise<PersonRow | undefined> {
  return forShare(db, db.selectFrom('people').selectAll().where('id', '=', personId)).executeTakeFirst();
}

export async function insertPerson(db: Db, row: Insertable<PeopleTable>): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function updatePersonRow(db: Db, personId: string, changes: Updateable<PeopleTable>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', personId).execute();
}

/** Locks people rows until the transaction ends, in id order (so two merges cannot deadlock). */
export async function lockPeople(db: Db, ids: readonly string[]): Promise<void> {
  await forUpdate(
    db,
    db
      .selectFrom('people')
      .select('id')
      .where('id', 'in', [...ids])
      .orderBy('id'),
  ).execute();
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

/** Only the person's links to cases `grantedTo` holds a grant on (null: every case, for coordinators). */
function visibleLinks(db: Db, personId: string, grantedTo: string | null) {
  let query = db.selectFrom('case_people').select('case_people.case_id').where('case_people.person_id', '=', personId);
  if (grantedTo !== null) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_grants')
          .select('case_grants.case_id')
          .whereRef('case_grants.case_id', '=', 'case_people.case_id')
          .where('case_grants.user_id', '=', grantedTo),
      ),
    );
  }
  return query;
}

/**
 * The person's cases the reader may see, newest first, at most `limit` (+1,
 * so the caller knows whether there are more); with `grantedTo`, only the
 * cases that user holds a grant on.
 */
export function casesOfPerson(db: Db, personId: string, grantedTo: string | null, limit: number) {
  return db
    .selectFrom('case_people')
    .innerJoin('cases', 'cases.id', 'case_people.case_id')
    .select([
      'cases.id as caseId',
      'cases.number',
      'cases.stage',
      'cases.title_sealed',
      'case_people.role',
      'case_people.is_spokesperson',
    ])
    .where('case_people.person_id', '=', personId)
    .where('case_people.case_id', 'in', visibleLinks(db, personId, grantedTo))
    .orderBy('cases.opened_at', 'desc')
    .orderBy('cases.id')
    .limit(limit + 1)
    .execute();
}

/** The intake requests of the person's visible cases, newest first, at most `limit` (+1). */
export function requestsOfPerson(db: Db, personId: string, grantedTo: string | null, limit: number) {
  return db
    .selectFrom('intake_requests')
    .innerJoin('cases', 'cases.id', 'intake_requests.case_id')
    .select([
      'intake_requests.id',
      'cases.id as caseId',
      'cases.number',
      'intake_requests.channel',
      'intake_requests.status',
      'intake_requests.urgency',
      'intake_requests.created_at',
    ])
    .where('intake_requests.case_id', 'in', visibleLinks(db, personId, grantedTo))
    .orderBy('intake_requests.created_at', 'desc')
    .orderBy('intake_requests.id')
    .limit(limit + 1)
    .execute();
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

/** The people not merged away among `ids` (sent in chunks: any number of ids). */
export async function peopleByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
  const rows: PersonRow[] = [];
  for (const chunk of chunked(ids)) {
    rows.push(
      ...(await db
        .selectFrom('people')
        .selectAll()
        .where('id', 'in', chunk)
        .where('merged_into', 'is', null)
        .execute()),
    );
  }
  return rows;
}
