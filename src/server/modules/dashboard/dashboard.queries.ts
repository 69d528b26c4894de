import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../auth/auth.queries.js';
import type { Database } from '../../db/schema.js';
import { taskOnGrantedCase } from '../notifications/notifications.queries.js';

/**
 * The dashboards' counts: each one statement over plain columns (codes, ids,
 * dates), grouped in the database, so a home page costs the same few queries
 * however much data there is.
 */

const n = (value: string | number | bigint | null | undefined) => Number(value ?? 0);

function grantedTo(userId: string) {
  return (eb: ExpressionBuilder<Database, 'cases'>) =>
    eb.exists(
      eb
        .selectFrom('case_grants as mine')
        .select('mine.case_id')
        .whereRef('mine.case_id', '=', 'cases.id')
        .where('mine.user_id', '=', userId),
    );
}

/** A user's open tasks by when they are due; `granted` keeps to cases they hold a grant on. */
export async function myTaskCounts(db: Db, userId: string, days: { today: string; weekEnd: string }, granted: boolean) {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('tasks.due_date', '<', days.today).as('overdue'),
      eb.fn.countAll<string>().filterWhere('tasks.due_date', '=', days.today).as('dueToday'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w('tasks.due_date', '>', days.today), w('tasks.due_date', '<=', days.weekEnd)]))
        .as('dueThisWeek'),
      eb.fn.countAll<string>().filterWhere('tasks.due_date', 'is', null).as('undated'),
    ])
    .where('tasks.assignee_id', '=', userId)
    .where('tasks.done_at', 'is', null)
    .$if(granted, (q) => q.where(taskOnGrantedCase(userId)))
    .executeTakeFirst();
  return {
    overdue: n(row?.overdue),
    dueToday: n(row?.dueToday),
    dueThisWeek: n(row?.dueThisWeek),
    undated: n(row?.undated),
  };
}

/** Open cases by stage: a user's granted ones, or all (coordinators' view of the team). */
export async function openCasesByStage(db: Db, grantee: string | undefined) {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['cases.stage', eb.fn.countAll<string>().as('count')])
    .where('cases.closed_at', 'is', null)
    .$if(grantee !== undefined, (q) => q.where(grantedTo(grantee ?? '')))
    .groupBy('cases.stage')
    .orderBy('cases.stage')
    .execute();
  return rows.map((row) => ({ stage: row.stage, count: n(row.count) }));
}

const CASE_LINK = ['cases.id', 'cases.number', 'cases.stage', 'cases.title_sealed'] as const;

/** A user's open cases, most recently changed first; one more than `limit` tells there are more. */
export function myOpenCases(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(CASE_LINK)
    .where('cases.closed_at', 'is', null)
    .where(grantedTo(userId))
    .orderBy('cases.updated_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit + 1)
    .execute();
}

const noGrant = (eb: ExpressionBuilder<Database, 'cases'>) =>
  eb.not(
    eb.exists(
      eb.selectFrom('case_grants').select('case_grants.case_id').whereRef('case_grants.case_id', '=', 'cases.id'),
    ),
  );

/** Open cases nobody holds a grant on: how many, and the longest waiting of them. */
export async function unassignedCases(db: Db, limit: number) {
  const counted = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('cases.closed_at', 'is', null)
    .where(noGrant)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('cases')
    .select(CASE_LINK)
    .where('cases.closed_at', 'is', null)
    .where(noGrant)
    .orderBy('cases.opened_at')
    .orderBy('cases.id')
    .limit(limit)
    .execute();
  return { count: n(counted?.count), rows };
}

export type CaseLinkRow = Awaited<ReturnType<typeof myOpenCases>>[number];

const OPEN_QUEUE = ['new', 'in_triage'] as const;

/** The open queue (new and in triage, not yet a case) by urgency, with its oldest request. */
export async function queueByUrgency(db: Db) {
  const rows = await db
    .selectFrom('intake_requests')
    .select((eb) => ['urgency', eb.fn.countAll<string>().as('count'), eb.fn.min('created_at').as('oldestAt')])
    .where('status', 'in', OPEN_QUEUE)
    .where('case_id', 'is', null)
    .groupBy('urgency')
    .execute();
  return rows.map((row) => ({ urgency: row.urgency, count: n(row.count), oldestAt: row.oldestAt }));
}

/** The open queue by how long it has waited, how much of it is critical, and how much is assigned to nobody. */
export async function queueWaiting(db: Db, times: { dayAgo: string; weekAgo: string }) {
  const row = await db
    .selectFrom('intake_requests')
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn.countAll<string>().filterWhere('created_at', '<', times.dayAgo).as('overDay'),
      eb.fn.countAll<string>().filterWhere('created_at', '<', times.weekAgo).as('overWeek'),
      eb.fn.countAll<string>().filterWhere('assignee_id', 'is', null).as('unassigned'),
      eb.fn.countAll<string>().filterWhere('urgency', '=', 'critical').as('critical'),
    ])
    .where('status', 'in', OPEN_QUEUE)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  return {
    waiting: { total: n(row?.total), overDay: n(row?.overDay), overWeek: n(row?.overWeek) },
    unassigned: n(row?.unassigned),
    critical: n(row?.critical),
  };
}

/** Overdue open tasks across the team, by assignee (most first), and in all. */
export async function overdueByAssignee(db: Db, today: string, limit: number) {
  const total = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('done_at', 'is', null)
    .where('due_date', '<', today)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('tasks')
    .leftJoin('users', 'users.id', 'tasks.assignee_id')
    .select((eb) => ['tasks.assignee_id as userId', 'users.username', eb.fn.countAll<string>().as('count')])
    .where('tasks.done_at', 'is', null)
    .where('tasks.due_date', '<', today)
    .groupBy(['tasks.assignee_id', 'users.username'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('users.username')
    .limit(limit)
    .execute();
  return {
    total: n(total?.count),
    byAssignee: rows.map((row) => ({ userId: row.userId, username: row.username, count: n(row.count) })),
  };
}

/** Accounts by role and whether they are disabled. */
export async function accountCounts(db: Db) {
  return db
    .selectFrom('users')
    .select((eb) => [
      'role',
      eb.fn.countAll<string>().filterWhere('disabled_at', 'is', null).as('active'),
      eb.fn.countAll<string>().filterWhere('disabled_at', 'is not', null).as('disabled'),
    ])
    .groupBy('role')
    .orderBy('role')
    .execute();
}

/** Sessions neither expired nor idle past the limit. */
export async function activeSessionCount(db: Db, times: { now: string; idleSince: string }) {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('expires_at', '>', times.now)
    .where('last_seen_at', '>', times.idleSince)
    .executeTakeFirst();
  return n(row?.count);
}

/** The audit log's length (its head), and when an operator procedure (`backup.create`, `audit.checkpoint`) last ran. */
export async function auditHeadSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_head').select('seq').executeTakeFirst();
  return n(row?.seq);
}

export async function lastProcedureAt(db: Db, action: string): Promise<string | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('at')
    .where('action', '=', action)
    .where('outcome', '=', 'success')
    .orderBy('action')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}
