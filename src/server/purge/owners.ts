import type { Transaction } from 'kysely';
import { forUpdate } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { lockIncidentsNaming } from './incidents.js';
import type { PurgeReason, PurgeRequest } from './purge.js';

/** The intake requests opened as or attached to the case, locked so that a follow-up is purged or refused. */
export async function intakeRequestsOf(trx: Transaction<Database>, caseId: string): Promise<string[]> {
  const query = trx.selectFrom('intake_requests').select('id').where('case_id', '=', caseId).orderBy('id');
  return (await forUpdate(trx, query).execute()).map((row) => row.id);
}

/** What goes with an intake request: its follow-up messages, its row and its search record. */
export function intakePurgeRequest(intakeId: string, actorId: string, reason: PurgeReason): PurgeRequest {
  return {
    owner: { type: 'intake', id: intakeId },
    actorId,
    reason,
    searchRecords: [{ recordType: 'intake', recordIds: [intakeId] }],
    deleteRows: async (trx) => {
      await trx.deleteFrom('intake_messages').where('intake_id', '=', intakeId).execute();
      await trx.deleteFrom('intake_requests').where('id', '=', intakeId).execute();
    },
  };
}

/** What goes with a person: the row, the pointers of people merged into it, and its search record. */
export function personPurgeRequest(personId: string, actorId: string, reason: PurgeReason): PurgeRequest {
  return {
    owner: { type: 'person', id: personId },
    actorId,
    reason,
    searchRecords: [{ recordType: 'person', recordIds: [personId] }],
    deleteRows: async (trx) => {
      await trx.deleteFrom('case_people').where('person_id', '=', personId).execute();
      await trx.deleteFrom('people').where('merged_into', '=', personId).execute();
      await trx.deleteFrom('people').where('id', '=', personId).execute();
    },
  };
}

/**
 * The people linked to `caseId` and to no other case: a purge of the case
 * takes them too, since nothing else in the records refers to them. Someone
 * linked to another case stays, for that case; only the link goes.
 */
export async function peopleOnlyIn(trx: Transaction<Database>, caseId: string): Promise<string[]> {
  // Their incidents first, in the order an edit locks (incident, then the people it names).
  await lockIncidentsNaming(trx, { caseId });
  // Locked first: a link to another case committed before counts below, one after waits and finds no person.
  await forUpdate(
    trx,
    trx
      .selectFrom('people')
      .select('id')
      .where('id', 'in', trx.selectFrom('case_people').select('person_id').where('case_id', '=', caseId)),
  ).execute();
  const rows = await trx
    .selectFrom('case_people as mine')
    .select('mine.person_id')
    .where('mine.case_id', '=', caseId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_people as other')
            .select('other.case_id')
            .whereRef('other.person_id', '=', 'mine.person_id')
            .where('other.case_id', '<>', caseId),
        ),
      ),
    )
    .orderBy('mine.person_id')
    .execute();
  return rows.map((row) => row.person_id);
}
