import crypto from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Subject } from '../../auth/access.js';
import type { Database, TasksTable } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import type { CreateTaskInput, TaskEvent, TaskOut, UpdateTaskInput } from './cases.schema.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { caseWork } from './case-work.js';
import { insertEvent, type CaseScope } from './cases.queries.js';
import { openCaseField, sealCaseField } from './sealing.js';
import { canBeAssigned, findTask, selectCaseTasks, selectOpenTasksOf, type TaskRowOut } from './tasks.queries.js';
import { notify } from '../notifications/notify.js';

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(clock: () => Date): string {
  return clock().toISOString().slice(0, 10);
}

async function taskOut(db: Kysely<Database>, deps: CaseDeps, row: TaskRowOut): Promise<TaskOut> {
  const now = today(deps.clock);
  return {
    id: row.id,
    caseId: row.caseId,
    ...(row.caseNumber === undefined ? {} : { caseNumber: row.caseNumber }),
    title: await openCaseField(db, deps.keyring, { table: 'tasks', rowId: row.id, field: 'title' }, row.titleSealed),
    dueDate: row.dueDate,
    assigneeId: row.assigneeId,
    assigneeUsername: row.assigneeUsername,
    doneAt: row.doneAt,
    doneById: row.doneById,
    doneByUsername: row.doneByUsername,
    overdue: row.doneAt === null && row.dueDate !== null && row.dueDate < now,
    createdAt: row.createdAt,
  };
}

export async function listCaseTasks(db: Kysely<Database>, deps: CaseDeps, caseId: string): Promise<TaskOut[]> {
  return tasksOut(db, deps, await selectCaseTasks(db, caseId));
}

/** A user's open tasks on the cases of `scope`, soonest due first, undated last, at most `limit`. */
export async function openTasksOf(
  db: Kysely<Database>,
  deps: CaseDeps,
  userId: string,
  scope: CaseScope,
  limit: number,
): Promise<TaskOut[]> {
  return tasksOut(db, deps, await selectOpenTasksOf(db, userId, scope, limit));
}

/** Tasks as the API shows them, their titles' data keys read in one go. */
async function tasksOut(db: Kysely<Database>, deps: CaseDeps, rows: readonly TaskRowOut[]): Promise<TaskOut[]> {
  await deps.keyring.prefetch(
    db,
    rows.map((row) => row.titleSealed),
  );
  return Promise.all(rows.map((row) => taskOut(db, deps, row)));
}

/** VALIDATION_FAILED naming `path` unless `assigneeId` (when given) may hold a task on the case. */
async function checkAssignee(db: Kysely<Database>, caseId: string, assigneeId: string | undefined, path: string) {
  if (assigneeId === undefined) return;
  if (!(await canBeAssigned(db, caseId, assigneeId))) {
    throw validationError([
      {
        path,
        message: 'must be a coordinator, or a caseworker or lawyer holding a grant on this case',
        reason: 'invalid_value',
      },
    ]);
  }
}

export async function indexTask(trx: Kysely<Database>, deps: CaseDeps, task: TasksTable, title: string) {
  await indexRecord(trx, await loadSearchKey(trx, deps.keyring), {
    recordType: 'task',
    recordId: task.id,
    date: task.created_at,
    fields: [{ name: 'title', text: title, kind: 'text' }],
  });
}

export async function createTask(
  deps: CaseDeps,
  actor: Subject,
  caseId: string,
  input: CreateTaskInput,
): Promise<string> {
  // The one who creates a task may work on the case (caseWork checked): it is theirs unless they name another.
  return caseWork(deps, actor, caseId, 'case.write', ({ trx }) => addTask(trx, deps, caseId, input, actor.userId));
}

/**
 * Adds a task to a case in the caller's transaction, which holds the case:
 * sealed, on the timeline, indexed, its assignee told, audited. The assignee
 * (the actor unless named) is checked first; a refusal names
 * `${fieldPrefix}assigneeId`.
 */
export async function addTask(
  trx: Kysely<Database>,
  deps: CaseDeps,
  caseId: string,
  input: CreateTaskInput,
  actorId: string,
  fieldPrefix = '',
): Promise<string> {
  await checkAssignee(trx, caseId, input.assigneeId, `${fieldPrefix}assigneeId`);
  const at = deps.clock().toISOString();
  const id = crypto.randomUUID();
  const task: TasksTable = {
    id,
    case_id: caseId,
    title_sealed: await sealCaseField(
      trx,
      deps.keyring,
      { caseId, table: 'tasks', rowId: id, field: 'title' },
      input.title,
    ),
    due_date: input.dueDate,
    assignee_id: input.assigneeId ?? actorId,
    done_at: null,
    done_by: null,
    created_by: actorId,
    created_at: at,
  };
  await trx.insertInto('tasks').values(task).execute();
  await taskEvent(trx, { caseId, taskId: id, actorId, at }, 'created', { target_user_id: task.assignee_id });
  await indexTask(trx, deps, task, input.title);
  await notifyAssignee(trx, task.id, task.assignee_id, actorId, at);
  await auditCase(trx, deps, actorId, 'case.task_create', caseId);
  return id;
}

/** The one a task is given to is told (not when they gave it to themselves), in the task's transaction. */
function notifyAssignee(trx: Kysely<Database>, taskId: string, assigneeId: string | null, actorId: string, at: string) {
  const userIds = assigneeId === null ? [] : [assigneeId];
  return notify(trx, { kind: 'task_assigned', objectType: 'task', objectId: taskId, userIds, actorId, at });
}

/**
 * Changes what `change` names of a task (only those columns), under its
 * case's lock, so parallel changes all land. Marking done a task already done
 * keeps who did it first and when.
 */
export async function updateTask(
  deps: CaseDeps,
  actor: Subject,
  caseId: string,
  taskId: string,
  change: UpdateTaskInput,
): Promise<void> {
  await caseWork(deps, actor, caseId, 'case.write', async ({ trx }) => {
    const task = await findTask(trx, caseId, taskId);
    if (task === undefined) throw new AppError('NOT_FOUND');
    await checkAssignee(trx, caseId, change.assigneeId, 'assigneeId');
    const at = deps.clock().toISOString();
    const ref = { caseId, table: 'tasks', rowId: taskId, field: 'title' } as const;
    const set: Updateable<TasksTable> = {};
    if (change.title !== undefined) set.title_sealed = await sealCaseField(trx, deps.keyring, ref, change.title);
    if (change.dueDate !== undefined) set.due_date = change.dueDate;
    if (change.assigneeId !== undefined) set.assignee_id = change.assigneeId;
    if (change.done === true && task.done_at === null) {
      set.done_at = at;
      set.done_by = actor.userId;
    }
    if (change.done === false) {
      set.done_at = null;
      set.done_by = null;
    }
    if (Object.keys(set).length > 0) await trx.updateTable('tasks').set(set).where('id', '=', taskId).execute();
    await recordTaskChanges(trx, { caseId, taskId, actorId: actor.userId, at }, task, set);
    if (change.title !== undefined) await indexTask(trx, deps, task, change.title);
    if (change.assigneeId !== undefined && change.assigneeId !== task.assignee_id) {
      await notifyAssignee(trx, taskId, change.assigneeId, actor.userId, at);
    }
    await auditCase(trx, deps, actor.userId, 'case.task_update', caseId);
  });
}

interface TaskEventAt {
  caseId: string;
  taskId: string;
  actorId: string;
  at: string;
}

function taskEvent(
  trx: Kysely<Database>,
  where: TaskEventAt,
  detail: TaskEvent,
  more: { target_user_id?: string | null; stage_from?: string | null; stage_to?: string | null } = {},
) {
  const { caseId, taskId, actorId, at } = where;
  const event = { id: crypto.randomUUID(), case_id: caseId, kind: 'task', actor_id: actorId, at } as const;
  return insertEvent(trx, { ...event, subject_id: taskId, detail, ...more });
}

/**
 * One timeline event for each change the task really took: given to another,
 * due on another day (the old and new days in the stage columns), done, or
 * not done any more. A new title writes none: the title is on the task.
 */
async function recordTaskChanges(
  trx: Kysely<Database>,
  where: TaskEventAt,
  before: TasksTable,
  set: Updateable<TasksTable>,
) {
  if (set.assignee_id !== undefined && set.assignee_id !== before.assignee_id) {
    await taskEvent(trx, where, 'reassigned', { target_user_id: set.assignee_id });
  }
  if (set.due_date !== undefined && set.due_date !== before.due_date) {
    await taskEvent(trx, where, 'due_changed', { stage_from: before.due_date, stage_to: set.due_date });
  }
  if (set.done_at !== undefined && set.done_at !== null) await taskEvent(trx, where, 'done');
  if (set.done_at === null && before.done_at !== null) await taskEvent(trx, where, 'reopened');
}
