import type { Insertable } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import type { BreakGlassTable } from '../../db/schema.js';
import { CASE_NUMBER } from '../../../shared/break-glass.js';

export function listCaseGrants(db: Db, caseId: string) {
  return db
    .selectFrom('case_grants')
    .innerJoin('users', 'users.id', 'case_grants.user_id')
    .select([
      'case_grants.user_id as userId',
      'users.username',
      'users.role',
      'case_grants.granted_at as grantedAt',
      'case_grants.granted_by as grantedBy',
    ])
    .where('case_grants.case_id', '=', caseId)
    .orderBy('users.username_key')
    .execute();
}

export async function insertCaseGrant(
  db: Db,
  grant: { case_id: string; user_id: string; granted_by: string; granted_at: string },
): Promise<boolean> {
  const result = await db
    .insertInto('case_grants')
    .values(grant)
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteCaseGrant(db: Db, caseId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('case_grants')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Break-glass grants, newest first, the last 200, with the number of their case. */
export function listBreakGlass(db: Db) {
  return db
    .selectFrom('break_glass')
    .innerJoin('users', 'users.id', 'break_glass.user_id')
    .leftJoin('cases', 'cases.id', 'break_glass.case_id')
    .select([
      'break_glass.id',
      'break_glass.user_id as userId',
      'users.username',
      'break_glass.case_id as caseId',
      'cases.number as caseNumber',
      'break_glass.reason_code as reason',
      'break_glass.note_sealed as noteSealed',
      'break_glass.created_at as createdAt',
      'break_glass.expires_at as expiresAt',
      'break_glass.ended_at as endedAt',
    ])
    .orderBy('break_glass.created_at', 'desc')
    .orderBy('break_glass.id')
    .limit(200)
    .execute();
}

/** A case by the number users see (2026-0012) or by its id. */
export function findCaseByReference(db: Db, reference: string) {
  const column = CASE_NUMBER.test(reference) ? 'number' : 'id';
  return db.selectFrom('cases').select(['id', 'number']).where(column, '=', reference).executeTakeFirst();
}

export async function insertBreakGlass(db: Db, grant: Insertable<BreakGlassTable>): Promise<void> {
  await db.insertInto('break_glass').values(grant).execute();
}

/** Ends an active grant; the case it was on, or undefined when there is no such active grant. */
export async function endBreakGlass(db: Db, id: string, at: string): Promise<string | undefined> {
  const row = await db
    .updateTable('break_glass')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .returning('case_id')
    .executeTakeFirst();
  return row?.case_id;
}
