import { sql } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import { can } from '../../auth/access.js';
import { URGENCY_RANK } from '../intake/intake.queries.js';
import type { CaseScope } from './cases.queries.js';

const TASK_COLUMNS = [
  'tasks.id',
  'tasks.case_id as caseId',
  'tasks.title_sealed as titleSealed',
  'tasks.due_date as dueDate',
  'tasks.assignee_id as assigneeId',
  'users.username as assigneeUsername',
  'tasks.done_at as doneAt',
  'tasks.done_by as doneById',
  'done_by_user.username as doneByUsername',
  'tasks.created_at as createdAt',
] as const;

/** Every task of one case (a case's own tasks are few; the case page shows them all). */
export function selectCaseTasks(db: Db, caseId: string) {
  return db
    .selectFrom('tasks')
    .leftJoin('users', 'users.id', 'tasks.assignee_id')
    .leftJoin('users as done_by_user', 'done_by_user.id', 'tasks.done_by')
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
    .leftJoin('users as done_by_user', 'done_by_user.id', 'tasks.done_by')
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

/**
 * Whether a user may be given a task on the case: one who may work on it
 * (access.ts decides: an active coordinator, or a caseworker or lawyer holding
 * a grant on it).
 */
export async function canBeAssigned(db: Db, caseId: string, userId: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select('role')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (user === undefined) return false;
  const grant = await db
    .selectFrom('case_grants')
    .select('user_id')
    .where('case_id', '=', caseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return can({ userId, role: user.role }, 'case.write', {
    type: 'case',
    id: caseId,
    granted: grant !== undefined,
    breakGlass: false,
  });
}

/**
 * The cases a user holds a grant on, open ones, each with its next deadline
 * (the earliest due date of its open tasks): soonest first, those with none
 * last (most recently changed first), at most `limit`.
 */
export function selectMyCases(db: Db, userId: string, limit: number) {
  const nextDue = sql<
    string | null
  >`(select min(open_task.due_date) from tasks open_task where open_task.case_id = cases.id and open_task.done_at is null)`;
  return db
    .selectFrom('cases')
    .innerJoin('case_grants', (join) =>
      join.onRef('case_grants.case_id', '=', 'cases.id').on('case_grants.user_id', '=', userId),
    )
    .selectAll('cases')
    .select(nextDue.as('nextDueDate'))
    .where('cases.closed_at', 'is', null)
    .orderBy(sql`${nextDue} is null`)
    .orderBy(nextDue)
    .orderBy('cases.updated_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute();
}

/** The open intake requests assigned to a user: most urgent first, oldest first within, at most `limit`. */
export function selectRequestsWaitingFor(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('intake_requests')
    .innerJoin('users', 'users.id', 'intake_requests.assignee_id')
    .selectAll('intake_requests')
    .select('users.username as assigneeUsername')
    .where('intake_requests.assignee_id', '=', userId)
    .where('intake_requests.status', 'in', ['new', 'in_triage'])
    .orderBy(URGENCY_RANK)
    .orderBy('intake_requests.created_at')
    .orderBy('intake_requests.id')
    .limit(limit)
    .execute();
}
