import { can, type Subject } from '../../auth/access.js';
import { summary as requestSummary } from '../intake/triage.service.js';
import { auditCase, type CaseDeps } from './case-common.js';
import { MY_WORK_LIMIT, type MyWork } from './cases.schema.js';
import { caseScope, summaries } from './list.service.js';
import { selectMyCases, selectRequestsWaitingFor } from './tasks.queries.js';
import { openTasksOf } from './tasks.service.js';

/** The first MY_WORK_LIMIT of rows read one beyond it, and whether there were more. */
function bounded<T>(rows: readonly T[]): { shown: T[]; more: boolean } {
  return { shown: rows.slice(0, MY_WORK_LIMIT), more: rows.length > MY_WORK_LIMIT };
}

/**
 * My work: my open tasks on cases I may see (overdue first, then by due
 * date), my open cases with their next deadline (soonest first), and, for
 * one who may triage, the open intake requests assigned to me (most urgent
 * and oldest first). Opening case and task titles reads personal data, so the
 * view is audited once; the requests' text is not opened.
 */
export async function myWork(deps: CaseDeps, actor: Subject): Promise<MyWork> {
  return deps.db.transaction().execute(async (trx) => {
    const scope = caseScope(actor);
    const tasks = bounded(
      scope.kind === 'none' ? [] : await openTasksOf(trx, deps, actor.userId, scope, MY_WORK_LIMIT + 1),
    );
    const caseRows = bounded(scope.kind === 'none' ? [] : await selectMyCases(trx, actor.userId, MY_WORK_LIMIT + 1));
    const caseSummaries = await summaries(trx, deps, caseRows.shown);
    const now = deps.clock();
    const requests = bounded(
      can(actor, 'intake.work') ? await selectRequestsWaitingFor(trx, actor.userId, MY_WORK_LIMIT + 1) : [],
    );
    await auditCase(trx, deps, actor.userId, 'case.my_work', null);
    return {
      tasks: tasks.shown,
      moreTasks: tasks.more,
      cases: caseSummaries.map((shown, index) => ({
        ...shown,
        nextDueDate: caseRows.shown[index]?.nextDueDate ?? null,
      })),
      moreCases: caseRows.more,
      requests: requests.shown.map((row) => requestSummary(row, now, row.assigneeUsername)),
      moreRequests: requests.more,
    };
  });
}
