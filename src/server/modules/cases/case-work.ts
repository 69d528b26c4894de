import { can, type Action, type Subject } from '../../auth/access.js';
import { caseAccessFacts } from '../../auth/grants.queries.js';
import { forUpdate } from '../../db/dialect.js';
import { unitOfWork, type UnitOfWork } from '../../db/unit-of-work.js';
import { AppError } from '../../http/errors.js';
import type { CaseDeps } from './case-common.js';
import * as caseQueries from './cases.queries.js';
import type { CaseRow } from './cases.queries.js';

export interface CaseWork extends UnitOfWork<CaseRow, typeof caseQueries> {
  /** The actor's grant and break-glass on this case, read once, under the lock. */
  access: { granted: boolean; breakGlass: boolean };
}

/**
 * The unit of work on one case. Writes (`case.write`, `case.grant`) lock the
 * case row first, so a change decided from what was read cannot be undone by
 * one committed meanwhile: two stage moves from one stage run one after the
 * other, and the second sees where the first left the case. The actor's access
 * is checked again inside the transaction: a grant revoked after the route's
 * check no longer lets the work through (NOT_FOUND, as the route answers).
 */
export function caseWork<T>(
  deps: CaseDeps,
  actor: Subject,
  caseId: string,
  action: Extract<Action, 'case.read' | 'case.write' | 'case.grant'>,
  work: (unit: CaseWork) => Promise<T>,
): Promise<T> {
  const writes = action !== 'case.read';
  return unitOfWork(
    deps.db,
    {
      load: (trx) => {
        const query = trx.selectFrom('cases').selectAll().where('id', '=', caseId);
        return (writes ? forUpdate(trx, query) : query).executeTakeFirst();
      },
      missing: () => new AppError('NOT_FOUND'),
      queries: caseQueries,
    },
    async (unit) => {
      const access = await caseAccessFacts(unit.trx, actor.userId, caseId, deps.clock().toISOString());
      if (!can(actor, action, { type: 'case', id: caseId, ...access })) throw new AppError('NOT_FOUND');
      return work({ ...unit, access });
    },
  );
}
