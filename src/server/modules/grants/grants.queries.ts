import type { Db } from '../../auth/auth.queries.js';

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

/** Break-glass grants, active ones first, then the last 200 ended or expired. */
export function listBreakGlass(db: Db) {
  return db
    .selectFrom('break_glass')
    .innerJoin('users', 'users.id', 'break_glass.user_id')
    .select([
      'break_glass.id',
      'break_glass.user_id as userId',
      'users.username',
      'break_glass.case_id as caseId',
      'break_glass.reason',
      'break_glass.created_at as createdAt',
      'break_glass.expires_at as expiresAt',
      'break_glass.ended_at as endedAt',
    ])
    .orderBy('break_glass.created_at', 'desc')
    .limit(200)
    .execute();
}
