import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { forShare, forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import type { SourcesTable } from '../../db/schema-incidents.js';

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
