import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { can, type Subject } from '../../auth/access.js';
import { forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { unitOfWork, type UnitOfWork } from '../../db/unit-of-work.js';
import { AppError } from '../../http/errors.js';
import * as incidentQueries from './incidents.queries.js';
import type { IncidentRow } from './incidents.queries.js';

export type IncidentWork = UnitOfWork<IncidentRow, typeof incidentQueries>;

/**
 * The unit of work on one incident: one transaction that reads the incident
 * (locked when the work records, so two edits run one after the other and the
 * second sees the first's version), checks the actor's access again under that
 * lock, and hands the work the module's queries. An incident the actor may not
 * read does not exist for them (NOT_FOUND), and the refusal is audited as
 * `denied` with the incident's id.
 */
export async function incidentWork<T>(
  deps: { db: Kysely<Database>; clock: () => Date },
  actor: Subject,
  incidentId: string,
  action: 'incident.read' | 'incident.record',
  work: (unit: IncidentWork) => Promise<T>,
): Promise<T> {
  const refused = { yes: false };
  try {
    return await unitOfWork(
      deps.db,
      {
        load: (trx) => {
          const query = trx.selectFrom('incidents').selectAll().where('id', '=', incidentId);
          return (action === 'incident.record' ? forUpdate(trx, query) : query).executeTakeFirst();
        },
        missing: () => new AppError('NOT_FOUND'),
        queries: incidentQueries,
      },
      async (unit) => {
        const linkedToGrantedCase =
          actor.role === 'coordinator'
            ? true
            : await incidentQueries.linkedToGrantedCase(unit.trx, actor.userId, incidentId);
        if (!can(actor, action, { type: 'incident', id: incidentId, linkedToGrantedCase })) {
          refused.yes = true;
          throw new AppError('NOT_FOUND');
        }
        return work(unit);
      },
    );
  } catch (error) {
    // The refusal is recorded as a case's or person's is (guard.ts), after the work's transaction rolled back.
    if (refused.yes) {
      await deps.db
        .transaction()
        .execute((trx) =>
          appendAudit(
            trx,
            { actorId: actor.userId, action, objectType: 'incident', objectId: incidentId, outcome: 'denied' },
            deps.clock,
          ),
        );
    }
    throw error;
  }
}
