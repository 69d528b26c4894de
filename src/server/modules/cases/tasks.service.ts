import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, TasksTable } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import type { TaskOut, UpdateTaskInput } from './cases.schema.js';
import { auditCase, requireCase, type CaseDeps } from './case-common.js';
import { insertEvent } from './cases.queries.js';
import { openCaseField, sealCaseField } from './sealing.js';
import { canBeAssigned, findTask, selectCaseTasks, selectOpenTasksOf, type TaskRowOut } from './tasks.queries.js';

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(clock: () => Date): string {
  return clock().toISOString().slice(0, 10);
}

/**
 * The last day to appeal a garrison military court's decision: one month
 * after the decision (the day with the same number in the next month, or
 * that month's last day when it has no such day).
 */
export function appealDueDate(decisionDate: string): string {
  const [year, month, day] = decisionDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay))).toISOString().slice(0, 10);
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
    overdue: row.doneAt === null && row.dueDate !== null && row.dueDate < now,
    createdAt: row.createdAt,
  };
}

export async function listCaseTasks(db: Kysely<Database>, deps: CaseDeps, caseId: string): Promise<TaskOut[]> {
  const rows = await selectCaseTasks(db, caseId);
  return Promise.all(rows.map((row) => taskOut(db, deps, row)));
}

/** A user's open tasks on the given cases (every case when undefined), soonest due first, undated last. */
export async function openTasksOf(
  db: Kysely<Database>,
  deps: CaseDeps,
  userId: string,
  caseIds: readonly string[] | undefined,
): Promise<TaskOut[]> {
  const rows = await selectOpenTasksOf(db, userId, caseIds);
  rows.sort(
    (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.createdAt.localeCompare(b.createdAt),
  );
  return Promise.all(rows.map((row) => taskOut(db, deps, row)));
}

async function checkAssignee(db: Kysely<Database>, caseId: string, assigneeId: string | null | undefined) {
  if (assigneeId == null) return;
  if (!(await canBeAssigned(db, caseId, assigneeId))) {
    throw validationError([
      { path: 'assigneeId', message: 'must be a coordinator or a user holding a grant on this case' },
    ]);
  }
}

async function indexTask(trx: Kysely<Database>, deps: CaseDeps, task: TasksTable, title: string) {
  await indexRecord(trx, await loadSearchKey(trx, deps.keyring), {
    recordType: 'task',
    recordId: task.id,
    date: task.created_at,
    fields: [{ name: 'title', text: title, kind: 'text' }],
  });
}

export async function createTask(
  deps: CaseDeps,
  actorId: string,
  caseId: string,
  input: { title: string; dueDate?: string | undefined; assigneeId?: string | undefined },
): Promise<string> {
  return deps.db.transaction().execute(async (trx) => {
    await requireCase(trx, caseId);
    await checkAssignee(trx, caseId, input.assigneeId);
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
      due_date: input.dueDate ?? null,
      assignee_id: input.assigneeId ?? null,
      done_at: null,
      created_by: actorId,
      created_at: at,
    };
    await trx.insertInto('tasks').values(task).execute();
    await insertEvent(trx, { id: crypto.randomUUID(), case_id: caseId, kind: 'task', actor_id: actorId, at });
    await indexTask(trx, deps, task, input.title);
    await auditCase(trx, deps, actorId, 'case.task_create', caseId);
    return id;
  });
}

export async function updateTask(
  deps: CaseDeps,
  actorId: string,
  caseId: string,
  taskId: string,
  change: UpdateTaskInput,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const task = await findTask(trx, caseId, taskId);
    if (task === undefined) throw new AppError('NOT_FOUND');
    await checkAssignee(trx, caseId, change.assigneeId);
    const at = deps.clock().toISOString();
    const ref = { caseId, table: 'tasks', rowId: taskId, field: 'title' } as const;
    const next: TasksTable = {
      ...task,
      title_sealed:
        change.title === undefined ? task.title_sealed : await sealCaseField(trx, deps.keyring, ref, change.title),
      due_date: change.dueDate === undefined ? task.due_date : change.dueDate,
      assignee_id: change.assigneeId === undefined ? task.assignee_id : change.assigneeId,
      done_at: change.done === undefined ? task.done_at : change.done ? (task.done_at ?? at) : null,
    };
    await trx.updateTable('tasks').set(next).where('id', '=', taskId).execute();
    if (change.title !== undefined) await indexTask(trx, deps, next, change.title);
    await auditCase(trx, deps, actorId, 'case.task_update', caseId);
  });
}
