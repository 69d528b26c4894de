import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { forUpdate, isoNow } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { lockIncidentsNaming } from '../../purge/incidents.js';

type Db = Kysely<Database>;

/** What a merge locks before the people: the records naming the merged-away person. */
export interface NamingRecords {
  incidentIds: string[];
  sourceIds: string[];
}

/**
 * Locks the incidents and sources naming `personId`, in the order an edit of
 * one locks (the record, then the people it names), so a merge taking the
 * people after them never waits on an edit that waits on the merge.
 */
export async function lockRecordsNaming(trx: Transaction<Database>, personId: string): Promise<NamingRecords> {
  const incidentIds = await lockIncidentsNaming(trx, { personIds: [personId] });
  const sources = trx.selectFrom('sources').select('id').where('person_id', '=', personId).orderBy('id');
  const sourceIds = (await forUpdate(trx, sources).execute()).map((row) => row.id);
  return { incidentIds, sourceIds };
}

/**
 * Moves the documentation naming the merged-away person `from` to the kept
 * person `into`, inside the merge's transaction: their victims (an act that
 * already names both keeps the kept person's), their perpetrator entries (one
 * the incident already has for the kept person with the same involvement is
 * not doubled) and the testimonies they gave. Each record's version is
 * raised, so a form opened before the merge answers CONFLICT instead of
 * writing the merged-away person back; audited as `incident.merge_people`
 * and `source.merge_people`, ids only.
 */
export async function moveDocumentation(
  trx: Db,
  records: NamingRecords,
  people: { from: string; into: string },
  actorId: string,
  clock: () => Date,
): Promise<void> {
  const { from, into } = people;
  const at = isoNow(clock);
  if (records.incidentIds.length > 0) {
    await trx
      .deleteFrom('incident_victims')
      .where('person_id', '=', from)
      .where(
        'act_id',
        'in',
        trx.selectFrom('incident_victims as kept').select('kept.act_id').where('kept.person_id', '=', into),
      )
      .execute();
    await trx.updateTable('incident_victims').set({ person_id: into }).where('person_id', '=', from).execute();
    await trx
      .deleteFrom('incident_perpetrators')
      .where('person_id', '=', from)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('incident_perpetrators as kept')
            .select('kept.id')
            .where('kept.person_id', '=', into)
            .whereRef('kept.incident_id', '=', 'incident_perpetrators.incident_id')
            .whereRef('kept.involvement', '=', 'incident_perpetrators.involvement'),
        ),
      )
      .execute();
    await trx.updateTable('incident_perpetrators').set({ person_id: into }).where('person_id', '=', from).execute();
    await trx
      .updateTable('incidents')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
      .where('id', 'in', records.incidentIds)
      .execute();
  }
  if (records.sourceIds.length > 0) {
    await trx
      .updateTable('sources')
      .set((eb) => ({ person_id: into, version: eb('version', '+', 1), updated_at: at }))
      .where('id', 'in', records.sourceIds)
      .execute();
  }
  const audited = [
    ...records.incidentIds.map((id) => ({
      action: 'incident.merge_people' as const,
      objectType: 'incident' as const,
      id,
    })),
    ...records.sourceIds.map((id) => ({ action: 'source.merge_people' as const, objectType: 'source' as const, id })),
  ];
  for (const { action, objectType, id } of audited) {
    await appendAudit(trx, { actorId, action, objectType, objectId: id, outcome: 'success' }, clock);
  }
}
