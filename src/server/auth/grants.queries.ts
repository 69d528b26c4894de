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
