import type { Kysely } from 'kysely';
import { can, type Action, type Subject } from '../../auth/access.js';
import { personLinkedToGrantedCase } from '../../auth/grants.queries.js';
import { forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { unitOfWork, type UnitOfWork } from '../../db/unit-of-work.js';
import { AppError } from '../../http/errors.js';
import * as peopleQueries from './people.queries.js';
import type { PersonRow } from './people.queries.js';

export interface PersonWork extends UnitOfWork<PersonRow, typeof peopleQueries> {
  access: {
    /** The person is linked to a case the actor holds a grant on. */
    linkedToGrantedCase: boolean;
    /** Whose grants limit the cases shown with the person: null shows them all (coordinators). */
    casesOf: string | null;
  };
}

/**
 * The unit of work on one person: one transaction that reads the person
 * (locked when the work writes, so two changes run one after the other and
 * each sees the other's result), checks the actor's access again under that
 * lock, and hands the work the module's queries.
 */
export function personWork<T>(
  db: Kysely<Database>,
  actor: Subject,
  personId: string,
  action: Extract<Action, 'person.read' | 'person.write'>,
  work: (unit: PersonWork) => Promise<T>,
): Promise<T> {
  return unitOfWork(
    db,
    {
      load: (trx) => {
        const query = trx.selectFrom('people').selectAll().where('id', '=', personId);
        return (action === 'person.write' ? forUpdate(trx, query) : query).executeTakeFirst();
      },
      missing: () => new AppError('NOT_FOUND'),
      queries: peopleQueries,
    },
    async (unit) => {
      const linkedToGrantedCase = await personLinkedToGrantedCase(unit.trx, actor.userId, personId);
      if (!can(actor, action, { type: 'person', id: personId, linkedToGrantedCase })) throw new AppError('NOT_FOUND');
      const casesOf = actor.role === 'coordinator' ? null : actor.userId;
      return work({ ...unit, access: { linkedToGrantedCase, casesOf } });
    },
  );
}
