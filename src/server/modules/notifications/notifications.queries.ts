import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import type { Database } from '../../db/schema.js';
import type { PagePosition } from '../cases/page-cursor.js';

const NOTIFICATION_COLUMNS = ['id', 'kind', 'object_type', 'object_id', 'created_at', 'read_at'] as const;

/** A user's notifications, newest first, from after `after`; unread ones only when asked. */
export function selectNotifications(
  db: Db,
  userId: string,
  page: { limit: number; after?: PagePosition | undefined; unreadOnly?: boolean },
) {
  const after = page.after;
  return db
    .selectFrom('notifications')
    .select(NOTIFICATION_COLUMNS)
    .where('user_id', '=', userId)
    .$if(page.unreadOnly === true, (q) => q.where('read_at', 'is', null))
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('created_at', '<', after?.at ?? ''),
          eb.and([eb('created_at', '=', after?.at ?? ''), eb('id', '<', after?.id ?? '')]),
        ]),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
}

export type NotificationRow = Awaited<ReturnType<typeof selectNotifications>>[number];

/** The once-keys among `keys` a user's notifications already hold. */
export async function existingOnceKeys(db: Db, userId: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('notifications')
    .select('once_key')
    .where('user_id', '=', userId)
    .where('once_key', 'in', keys)
    .execute();
  return new Set(rows.map((row) => row.once_key ?? ''));
}

/** A task on a case the user holds a grant on. */
export function taskOnGrantedCase(userId: string) {
  return (eb: ExpressionBuilder<Database, 'tasks'>) =>
    eb.exists(
      eb
        .selectFrom('case_grants')
        .select('case_grants.case_id')
        .whereRef('case_grants.case_id', '=', 'tasks.case_id')
        .where('case_grants.user_id', '=', userId),
    );
}

/**
 * A user's open tasks due by `tomorrow` (overdue, or due tomorrow), on the cases
 * they hold a grant on unless `allCases`, at most `limit`: what due notices are made from.
 */
export function dueTasksOf(
  db: Db,
  userId: string,
  days: { today: string; tomorrow: string },
  options: { allCases: boolean; limit: number },
) {
  return db
    .selectFrom('tasks')
    .select(['tasks.id', 'tasks.due_date'])
    .where('tasks.assignee_id', '=', userId)
    .where('tasks.done_at', 'is', null)
    .where((eb) => eb.or([eb('tasks.due_date', '<', days.today), eb('tasks.due_date', '=', days.tomorrow)]))
    .$if(!options.allCases, (q) => q.where(taskOnGrantedCase(userId)))
    .orderBy('tasks.due_date')
    .orderBy('tasks.id')
    .limit(options.limit)
    .execute();
}

/** The objects a page of notifications names (the page is small: one statement each). */
export function tasksByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('tasks').select(['id', 'case_id', 'title_sealed', 'due_date']).where('id', 'in', ids).execute();
}

export function casesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('cases').select(['id', 'number', 'title_sealed']).where('id', 'in', ids).execute();
}

export function intakesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('intake_requests')
    .select(['id', 'status', 'case_id', 'urgency', 'created_at'])
    .where('id', 'in', ids)
    .execute();
}

/** Of `caseIds`, those the user holds a grant on. */
export async function grantedAmong(db: Db, userId: string, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_grants')
    .select('case_id')
    .where('user_id', '=', userId)
    .where('case_id', 'in', caseIds)
    .execute();
  return new Set(rows.map((row) => row.case_id));
}

/** Marks one of the user's notifications read; 0 when it is not theirs or was read already. */
export async function markRead(db: Db, userId: string, id: string, at: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function ownsNotification(db: Db, userId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks every unread notification of the user made by `at` read. */
export async function markAllRead(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .where('created_at', '<=', at)
    .execute();
}
