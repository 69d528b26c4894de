import type { Db } from './auth.queries.js';

/** Whether a user holds a grant on a case, and whether an active break-glass grant covers it. */
export async function caseAccessFacts(
  db: Db,
  userId: string,
  caseId: string,
  now: string,
): Promise<{ granted: boolean; breakGlass: boolean }> {
  const grant = await db
    .selectFrom('case_grants')
    .select('case_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const glass = await db
    .selectFrom('break_glass')
    .select('id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return { granted: grant !== undefined, breakGlass: glass !== undefined };
}

/** The id of the case numbered `number` (2026-0001), if there is one. */
export async function caseIdOfNumber(db: Db, number: string): Promise<string | undefined> {
  const row = await db.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id;
}

/** Whether a person is linked to some case the user holds a grant on. */
export async function personLinkedToGrantedCase(db: Db, userId: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_people')
    .innerJoin('case_grants', 'case_grants.case_id', 'case_people.case_id')
    .select('case_people.case_id')
    .where('case_people.person_id', '=', personId)
    .where('case_grants.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The ids of the cases a user holds a grant on (for lists and search of non-coordinators). */
export async function grantedCaseIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_grants').select('case_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.case_id);
}
