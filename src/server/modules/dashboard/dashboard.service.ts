import type { Kysely } from 'kysely';
import type { Subject } from '../../auth/access.js';
import { IDLE_TIMEOUT_MS } from '../../auth/sessions.js';
import type { Database } from '../../db/schema.js';
import type { DatabaseDialect } from '../../../shared/health.js';
import type {
  AdminDashboard,
  CoordinatorDashboard,
  IntakeDashboard,
  WorkDashboard,
} from '../../../shared/home.schema.js';
import { ROLES } from '../../../shared/roles.js';
import { VERSION } from '../../version.js';
import { auditCase, type CaseDeps } from '../cases/case-common.js';
import { caseScope } from '../cases/list.service.js';
import { openCaseField } from '../cases/sealing.js';
import { openTasksOf } from '../cases/tasks.service.js';
import {
  accountCounts,
  activeSessionCount,
  auditHeadSeq,
  lastProcedureAt,
  myOpenCases,
  myTaskCounts,
  openCasesByStage,
  overdueByAssignee,
  queueByUrgency,
  queueWaiting,
  unassignedCases,
  type CaseLinkRow,
} from './dashboard.queries.js';

/** Items listed on a dashboard beside its counts: a glance, with the full lists a link away. */
const LISTED = 5;
const DAY_MS = 86_400_000;

const day = (at: Date, offsetDays = 0) => new Date(at.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** Case numbers and titles for the links; every title's data key is read in one go. */
async function caseLinks(trx: Kysely<Database>, deps: CaseDeps, rows: readonly CaseLinkRow[]) {
  await deps.keyring.prefetch(
    trx,
    rows.map((row) => row.title_sealed),
  );
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      number: row.number,
      stage: row.stage,
      title: await openCaseField(
        trx,
        deps.keyring,
        { table: 'cases', rowId: row.id, field: 'title' },
        row.title_sealed,
      ),
    })),
  );
}

/** A caseworker's or lawyer's home: my tasks and my open cases; opens titles, so it is audited as a listing. */
export function workDashboard(deps: CaseDeps, actor: Subject): Promise<WorkDashboard> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const scope = caseScope(actor);
    const tasks = await myTaskCounts(
      trx,
      actor.userId,
      { today: day(now), weekEnd: day(now, 7) },
      scope.kind !== 'all',
    );
    const upcoming = await openTasksOf(trx, deps, actor.userId, scope, LISTED);
    const casesByStage = await openCasesByStage(trx, actor.userId);
    const mine = await myOpenCases(trx, actor.userId, LISTED);
    const cases = await caseLinks(trx, deps, mine.slice(0, LISTED));
    await auditCase(trx, deps, actor.userId, 'dashboard.work', null);
    return { tasks, upcoming, casesByStage, cases, moreCases: mine.length > LISTED };
  });
}

const times = (now: Date) => ({
  dayAgo: new Date(now.getTime() - DAY_MS).toISOString(),
  weekAgo: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
});

/** An intake volunteer's home: counts only, no request is opened. */
export async function intakeDashboard(deps: CaseDeps): Promise<IntakeDashboard> {
  const byUrgency = await queueByUrgency(deps.db);
  const { waiting } = await queueWaiting(deps.db, times(deps.clock()));
  return { byUrgency, waiting };
}

/** A coordinator's home: what is not taken, the open cases by stage, the team's overdue tasks. */
export function coordinatorDashboard(deps: CaseDeps, actor: Subject): Promise<CoordinatorDashboard> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const queue = await queueWaiting(trx, times(now));
    const unassigned = await unassignedCases(trx, LISTED);
    const casesByStage = await openCasesByStage(trx, undefined);
    const overdueTasks = await overdueByAssignee(trx, day(now), LISTED);
    const cases = await caseLinks(trx, deps, unassigned.rows);
    await auditCase(trx, deps, actor.userId, 'dashboard.coordination', null);
    return {
      requests: { unassigned: queue.unassigned, critical: queue.critical, waiting: queue.waiting },
      unassignedCases: { count: unassigned.count, cases },
      casesByStage,
      overdueTasks,
    };
  });
}

/** An administrator's home: accounts, sessions, the audit log, the last backup and checkpoint, the server. */
export async function adminDashboard(deps: CaseDeps, dialect: DatabaseDialect): Promise<AdminDashboard> {
  const now = deps.clock();
  const accounts = await accountCounts(deps.db);
  const byRole = ROLES.flatMap((role) => {
    const row = accounts.find((r) => r.role === role);
    return row === undefined ? [] : [{ role, count: Number(row.active) }];
  });
  return {
    accounts: {
      active: accounts.reduce((sum, row) => sum + Number(row.active), 0),
      disabled: accounts.reduce((sum, row) => sum + Number(row.disabled), 0),
      byRole,
    },
    sessions: {
      active: await activeSessionCount(deps.db, {
        now: now.toISOString(),
        idleSince: new Date(now.getTime() - IDLE_TIMEOUT_MS).toISOString(),
      }),
    },
    audit: {
      entries: await auditHeadSeq(deps.db),
      lastCheckpointAt: await lastProcedureAt(deps.db, 'audit.checkpoint'),
    },
    backup: { lastAt: await lastProcedureAt(deps.db, 'backup.create') },
    health: { database: dialect, version: VERSION },
  };
}
