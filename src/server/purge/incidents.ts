import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { forUpdate, isoNow } from '../db/dialect.js';
import type { Database } from '../db/schema.js';

/** Whose incidents: these people's, or those of every person linked to a case. */
export type PeopleNamed = { personIds: readonly string[] } | { caseId: string };

function naming(trx: Transaction<Database>, table: 'incident_victims' | 'incident_perpetrators', who: PeopleNamed) {
  const query = trx.selectFrom(table).select('incident_id');
  return 'personIds' in who
    ? query.where('person_id', 'in', [...who.personIds])
    : query.where(
        'person_id',
        'in',
        trx.selectFrom('case_people').select('person_id').where('case_id', '=', who.caseId),
      );
}

/**
 * The incidents naming these people as a victim or perpetrator, locked, so
 * an edit of one waits for the purge. A case purge takes them before it locks
 * the people, in the order an edit takes them (incident, then its people).
 */
export async function lockIncidentsNaming(trx: Transaction<Database>, who: PeopleNamed): Promise<string[]> {
  const query = trx
    .selectFrom('incidents')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('id', 'in', naming(trx, 'incident_victims', who)),
        eb('id', 'in', naming(trx, 'incident_perpetrators', who)),
      ]),
    )
    .orderBy('id');
  return (await forUpdate(trx, query).execute()).map((row) => row.id);
}

/**
 * Takes a purged person (and the records merged into them, which go with the
 * person's row; a merge moves their documentation, but one made before it did
 * may have left some) out of the incidents that survive them, before the
 * person row goes, rather than let the foreign keys delete it unseen: a victim stays counted, as an anonymous victim (a group of
 * one, no link, no categories); a perpetrator who was that person goes. Each
 * incident's version is raised, so an edit made from the old version answers
 * CONFLICT instead of writing the person back or overwriting the change, and
 * the audit log records `incident.purge_people` with the incident's id only.
 */
export async function releasePersonFromIncidents(
  trx: Transaction<Database>,
  personId: string,
  actorId: string,
  clock: () => Date,
): Promise<void> {
  const merged = await trx.selectFrom('people').select('id').where('merged_into', '=', personId).execute();
  const personIds = [personId, ...merged.map((row) => row.id)];
  const incidentIds = await lockIncidentsNaming(trx, { personIds });
  if (incidentIds.length === 0) return;
  await trx
    .updateTable('incident_victims')
    .set({ person_id: null, group_count: 1, force: null, region: null, service_category: null })
    .where('person_id', 'in', personIds)
    .execute();
  await trx.deleteFrom('incident_perpetrators').where('person_id', 'in', personIds).execute();
  await trx
    .updateTable('incidents')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: isoNow(clock) }))
    .where('id', 'in', incidentIds)
    .execute();
  for (const incidentId of incidentIds) {
    await appendAudit(
      trx,
      { actorId, action: 'incident.purge_people', objectType: 'incident', objectId: incidentId, outcome: 'success' },
      clock,
    );
  }
}
