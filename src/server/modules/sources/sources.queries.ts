import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { forShare, forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import type { SourcesTable } from '../../db/schema-incidents.js';
import type { PagePosition } from '../cases/page-cursor.js';

type Db = Kysely<Database>;
export type SourceRow = Selectable<SourcesTable>;

export function selectSource(db: Db, sourceId: string, lock = false): Promise<SourceRow | undefined> {
  const query = db.selectFrom('sources').selectAll().where('id', '=', sourceId);
  return (lock ? forUpdate(db, query) : query).executeTakeFirst();
}

export async function insertSource(db: Db, row: Insertable<SourcesTable>): Promise<void> {
  await db.insertInto('sources').values(row).execute();
}

/** Writes an edit made from `version`; false when another edit came first. */
export async function updateSourceAtVersion(
  db: Db,
  sourceId: string,
  version: number,
  changes: Updateable<SourcesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('sources')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', sourceId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The incidents of `ids` that exist, kept from going until the transaction ends. */
export async function existingIncidents(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const query = db
    .selectFrom('incidents')
    .select('id')
    .where('id', 'in', [...ids]);
  return new Set((await forShare(db, query).execute()).map((row) => row.id));
}

/** Replaces the source's links to incidents and cases. */
export async function replaceLinks(
  db: Db,
  sourceId: string,
  links: { incidentIds: readonly string[]; caseIds: readonly string[] },
  at: string,
): Promise<void> {
  await db.deleteFrom('source_incidents').where('source_id', '=', sourceId).execute();
  await db.deleteFrom('source_cases').where('source_id', '=', sourceId).execute();
  const incidents = [...new Set(links.incidentIds)];
  const cases = [...new Set(links.caseIds)];
  if (incidents.length > 0) {
    await db
      .insertInto('source_incidents')
      .values(incidents.map((incidentId) => ({ source_id: sourceId, incident_id: incidentId, created_at: at })))
      .execute();
  }
  if (cases.length > 0) {
    await db
      .insertInto('source_cases')
      .values(cases.map((caseId) => ({ source_id: sourceId, case_id: caseId, created_at: at })))
      .execute();
  }
}

export async function selectLinks(db: Db, sourceId: string) {
  const incidents = await db
    .selectFrom('source_incidents')
    .select('incident_id')
    .where('source_id', '=', sourceId)
    .orderBy('created_at')
    .orderBy('incident_id')
    .execute();
  const cases = await db
    .selectFrom('source_cases')
    .select('case_id')
    .where('source_id', '=', sourceId)
    .orderBy('created_at')
    .orderBy('case_id')
    .execute();
  return { incidentIds: incidents.map((row) => row.incident_id), caseIds: cases.map((row) => row.case_id) };
}

/** The sources linked to a case, oldest link first. */
export function selectCaseSources(db: Db, caseId: string): Promise<SourceRow[]> {
  return db
    .selectFrom('source_cases')
    .innerJoin('sources', 'sources.id', 'source_cases.source_id')
    .selectAll('sources')
    .where('source_cases.case_id', '=', caseId)
    .orderBy('source_cases.created_at')
    .orderBy('sources.id')
    .execute();
}

/** `limit + 1` sources, newest first, after the position given (keyset paging). */
export function listSources(db: Db, limit: number, after: PagePosition | undefined): Promise<SourceRow[]> {
  return db
    .selectFrom('sources')
    .selectAll()
    .$if(after !== undefined, (query) =>
      query.where((eb) =>
        eb.or([
          eb('created_at', '<', after?.at ?? ''),
          eb.and([eb('created_at', '=', after?.at ?? ''), eb('id', '<', after?.id ?? '')]),
        ]),
      ),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Links a source to an incident; false when the link was already there (nothing written then). */
export async function insertIncidentLink(db: Db, sourceId: string, incidentId: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('source_incidents')
    .values({ source_id: sourceId, incident_id: incidentId, created_at: at })
    .onConflict((oc) => oc.columns(['source_id', 'incident_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
