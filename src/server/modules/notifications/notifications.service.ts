import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { can, type Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import {
  NOTIFICATIONS_PAGE,
  UNREAD_CAP,
  type NotificationList,
  type NotificationOut,
  type UnreadCount,
} from '../../../shared/home.schema.js';
import type { CaseDeps } from '../cases/case-common.js';
import { decodeCursor, pageOf } from '../cases/page-cursor.js';
import { openCaseField } from '../cases/sealing.js';
import { intakeObject } from '../intake/triage.service.js';
import { notify } from './notify.js';
import {
  casesByIds,
  dueTasksOf,
  existingOnceKeys,
  grantedAmong,
  intakesByIds,
  markAllRead,
  markRead,
  ownsNotification,
  selectNotifications,
  tasksByIds,
  type NotificationRow,
} from './notifications.queries.js';

export type NotificationDeps = CaseDeps;

/** Tasks looked at per read for due notices: a user's own open tasks due by tomorrow. */
const DUE_SCAN = 200;

function day(date: Date, offset = 0): string {
  return new Date(date.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * "Due tomorrow" and "overdue" notices, derived from the user's tasks when
 * they look: each made once per task, due date and kind (a unique key), so
 * two reads at once, or a read every minute, make one. No timer runs.
 */
async function deriveDueNotices(trx: Kysely<Database>, deps: NotificationDeps, actor: Subject): Promise<void> {
  if (!can(actor, 'case.list')) return;
  const now = deps.clock();
  const days = { today: day(now), tomorrow: day(now, 1) };
  const tasks = await dueTasksOf(trx, actor.userId, days, {
    allCases: can(actor, 'case.list_all'),
    limit: DUE_SCAN,
  });
  const notices = tasks.map((task) => {
    const kind = task.due_date === days.tomorrow ? ('task_due_tomorrow' as const) : ('task_overdue' as const);
    return { kind, taskId: task.id, onceKey: `${kind}:${task.id}:${task.due_date ?? ''}` };
  });
  const existing = await existingOnceKeys(
    trx,
    actor.userId,
    notices.map((n) => n.onceKey),
  );
  for (const notice of notices.filter((n) => !existing.has(n.onceKey))) {
    await notify(trx, {
      kind: notice.kind,
      objectType: 'task',
      objectId: notice.taskId,
      userIds: [actor.userId],
      onceKey: notice.onceKey,
      at: now.toISOString(),
    });
  }
}

/**
 * The notifications of a page as the reader may see them now: a notification
 * about a case (or a task of a case, or a request) the reader can no longer
 * read, or that is gone, is left out. `withText` opens the case and task
 * titles (a read of case data); the unread count needs only the access.
 */
async function visible(
  trx: Kysely<Database>,
  deps: NotificationDeps,
  actor: Subject,
  rows: readonly NotificationRow[],
  withText: boolean,
): Promise<NotificationOut[]> {
  const idsOf = (type: NotificationRow['object_type']) =>
    rows.filter((row) => row.object_type === type).map((row) => row.object_id);
  const tasks = new Map((await tasksByIds(trx, idsOf('task'))).map((task) => [task.id, task]));
  const intakes = new Map((await intakesByIds(trx, idsOf('intake'))).map((row) => [row.id, row]));
  const caseIds = [...new Set([...idsOf('case'), ...[...tasks.values()].map((task) => task.case_id)])];
  const cases = new Map((await casesByIds(trx, caseIds)).map((row) => [row.id, row]));
  const granted = await grantedAmong(trx, actor.userId, caseIds);
  const readable = (caseId: string) =>
    cases.has(caseId) &&
    can(actor, 'case.read', { type: 'case', id: caseId, granted: granted.has(caseId), breakGlass: false });
  if (withText) {
    await deps.keyring.prefetch(trx, [
      ...[...cases.values()].map((row) => row.title_sealed),
      ...[...tasks.values()].map((row) => row.title_sealed),
    ]);
  }
  const caseOut = async (caseId: string) => {
    const row = cases.get(caseId);
    if (row === undefined) return null;
    const title = withText
      ? await openCaseField(trx, deps.keyring, { table: 'cases', rowId: row.id, field: 'title' }, row.title_sealed)
      : '';
    return { id: row.id, number: row.number, title };
  };
  const out: NotificationOut[] = [];
  for (const row of rows) {
    const base = { id: row.id, kind: row.kind, createdAt: row.created_at, read: row.read_at !== null };
    if (row.object_type === 'case' && readable(row.object_id)) {
      out.push({ ...base, case: await caseOut(row.object_id), task: null, intake: null });
    }
    const task = row.object_type === 'task' ? tasks.get(row.object_id) : undefined;
    if (task !== undefined && readable(task.case_id)) {
      const title = withText
        ? await openCaseField(trx, deps.keyring, { table: 'tasks', rowId: task.id, field: 'title' }, task.title_sealed)
        : '';
      out.push({
        ...base,
        case: await caseOut(task.case_id),
        task: { id: task.id, title, dueDate: task.due_date },
        intake: null,
      });
    }
    const intake = row.object_type === 'intake' ? intakes.get(row.object_id) : undefined;
    if (intake !== undefined && can(actor, 'intake.work', intakeObject(intake))) {
      out.push({
        ...base,
        case: null,
        task: null,
        intake: { id: intake.id, urgency: intake.urgency, createdAt: intake.created_at },
      });
    }
  }
  return out;
}

/** How many unread notifications the reader may see, up to UNREAD_CAP; no case data is opened. */
export async function unreadCount(deps: NotificationDeps, actor: Subject): Promise<UnreadCount> {
  return deps.db.transaction().execute(async (trx) => {
    await deriveDueNotices(trx, deps, actor);
    const rows = await selectNotifications(trx, actor.userId, { limit: UNREAD_CAP + 1, unreadOnly: true });
    const shown = await visible(trx, deps, actor, rows, false);
    return { unread: Math.min(shown.length, UNREAD_CAP), capped: shown.length > UNREAD_CAP };
  });
}

/** One page of the reader's notifications, newest first, worded by the web app; audited as a read of case data. */
export async function listNotifications(
  deps: NotificationDeps,
  actor: Subject,
  cursor: string | undefined,
): Promise<NotificationList> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  return deps.db.transaction().execute(async (trx) => {
    await deriveDueNotices(trx, deps, actor);
    const page = pageOf(
      await selectNotifications(trx, actor.userId, { limit: NOTIFICATIONS_PAGE + 1, after }),
      NOTIFICATIONS_PAGE,
      (row) => ({ at: row.created_at, id: row.id }),
    );
    const notifications = await visible(trx, deps, actor, page.rows, true);
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'notification.list', objectType: null, objectId: null, outcome: 'success' },
      deps.clock,
    );
    return { notifications, nextCursor: page.nextCursor };
  });
}

/** Marks one of the reader's own notifications read (again is fine); another's answers NOT_FOUND. */
export async function readNotification(deps: NotificationDeps, actor: Subject, id: string): Promise<void> {
  const changed = await markRead(deps.db, actor.userId, id, deps.clock().toISOString());
  if (changed === 0 && !(await ownsNotification(deps.db, actor.userId, id))) throw new AppError('NOT_FOUND');
}

/** Marks every notification the reader has by now read; one arriving meanwhile stays unread. */
export async function readAllNotifications(deps: NotificationDeps, actor: Subject): Promise<void> {
  await markAllRead(deps.db, actor.userId, deps.clock().toISOString());
}
