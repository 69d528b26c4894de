import { sql } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import type { CaseScope } from './cases.queries.js';

const TASK_COLUMNS = [
  'tasks.id',
  'tasks.case_id as caseId',
  'tasks.title_sealed as titleSealed',
  'tasks.due_date as dueDate',
  'tasks.assignee_id as assigneeId',
  'users.username as assigneeUsername',
  'tasks.done_at as doneAt',
  'tasks.created_at as createdAt',
] as const;

/** Every task of one case (a case's own tasks are few; the case page shows them all). */
export function selectCaseTasks(db: Db, caseId: string) {
  return db
    .selectFrom('tasks')
    .leftJoin('users', 'users.id', 'tasks.assignee_id')
    .select(TASK_COLUMNS)
    .where('tasks.case_id', '=', caseId)
    .orderBy('tasks.done_at', 'desc')
    .orderBy('tasks.due_date')
    .orderBy('tasks.created_at')
    .execute();
}

/**
 * Open tasks assigned to a user, on the cases of `scope` (those they may still
 * work), with the case number; soonest due first, undated last, at most `limit`.
 */
export function selectOpenTasksOf(db: Db, userId: string, scope: CaseScope, limit: number) {
  let query = db
    .selectFrom('tasks')
    .leftJoin('users', 'users.id', 'tasks.assignee_id')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .select([...TASK_COLUMNS, 'cases.number as caseNumber'])
    .where('tasks.assignee_id', '=', userId)
    .where('tasks.done_at', 'is', null);
  if (scope.kind === 'none') query = query.where(sql<boolean>`1 = 0`);
  if (scope.kind === 'granted') {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_grants')
          .select('case_grants.case_id')
          .whereRef('case_grants.case_id', '=', 'tasks.case_id')
          .where('case_grants.user_id', '=', scope.userId),
      ),
    );
  }
  return query
    .orderBy(sql`tasks.due_date is null`)
    .orderBy('tasks.due_date')
    .orderBy('tasks.created_at')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
}

export type TaskRowOut = Awaited<ReturnType<typeof selectCaseTasks>>[number] & { caseNumber?: string };

export function findTask(db: Db, caseId: string, taskId: string) {
  return db.selectFrom('tasks').selectAll().where('id', '=', taskId).where('case_id', '=', caseId).executeTakeFirst();
}

/** Whether a user may be given a task on the case: an active coordinator, or holding a grant on it. */
export async function canBeAssigned(db: Db, caseId: string, userId: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select('role')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (user === undefined) return false;
  if (user.role === 'coordinator') return true;
  const grant = await db
    .selectFrom('case_grants')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return grant !== undefined;
}
