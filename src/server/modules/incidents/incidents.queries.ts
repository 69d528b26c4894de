import { sql, type Insertable, type RawBuilder, type Kysely, type Selectable, type Updateable } from 'kysely';
import { forShare } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import type {
  IncidentActsTable,
  IncidentPerpetratorsTable,
  IncidentsTable,
  IncidentVictimsTable,
} from '../../db/schema-incidents.js';
import type { PagePosition } from '../cases/page-cursor.js';

type Db = Kysely<Database>;
export type IncidentRow = Selectable<IncidentsTable>;
export type ActRow = Selectable<IncidentActsTable>;
export type VictimRow = Selectable<IncidentVictimsTable>;
export type PerpetratorRow = Selectable<IncidentPerpetratorsTable>;

export async function insertIncident(db: Db, row: Insertable<IncidentsTable>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

/** Writes an edit made from `version`; false when another edit came first. */
export async function updateIncidentAtVersion(
  db: Db,
  incidentId: string,
  version: number,
  changes: Updateable<IncidentsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('incidents')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', incidentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The acts, victims and perpetrators of an incident: replaced whole by each edit. */
export interface IncidentParts {
  acts: Insertable<IncidentActsTable>[];
  victims: Insertable<IncidentVictimsTable>[];
  perpetrators: Insertable<IncidentPerpetratorsTable>[];
}

export async function replaceParts(db: Db, incidentId: string, parts: IncidentParts): Promise<void> {
  await db.deleteFrom('incident_perpetrators').where('incident_id', '=', incidentId).execute();
  // Victims go with their acts (on delete cascade).
  await db.deleteFrom('incident_acts').where('incident_id', '=', incidentId).execute();
  if (parts.acts.length > 0) await db.insertInto('incident_acts').values(parts.acts).execute();
  if (parts.victims.length > 0) await db.insertInto('incident_victims').values(parts.victims).execute();
  if (parts.perpetrators.length > 0) await db.insertInto('incident_perpetrators').values(parts.perpetrators).execute();
}

export async function selectParts(db: Db, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return { acts: [], victims: [], perpetrators: [] };
  const ids = [...incidentIds];
  const [acts, victims, perpetrators] = [
    await db.selectFrom('incident_acts').selectAll().where('incident_id', 'in', ids).orderBy('position').execute(),
    // In the order the form gave; rows from before positions are all 0 and come by id.
    await db
      .selectFrom('incident_victims')
      .selectAll()
      .where('incident_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('incident_perpetrators')
      .selectAll()
      .where('incident_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ];
  return { acts, victims, perpetrators };
}

/** The people of `ids` that exist, kept from a purge or merge until the transaction ends. */
export async function existingPeople(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const query = db
    .selectFrom('people')
    .select('id')
    .where('id', 'in', [...ids])
    // A record merged into another is no longer a person to name: its documentation moved to the kept one.
    .where('merged_into', 'is', null);
  return new Set((await forShare(db, query).execute()).map((row) => row.id));
}

/** The cases of `ids` that exist, kept from a purge until the transaction ends. */
export async function existingCases(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const query = db
    .selectFrom('cases')
    .select('id')
    .where('id', 'in', [...ids]);
  return new Set((await forShare(db, query).execute()).map((row) => row.id));
}

/** The plain categories of people, for counting them in the analyst's view. */
export async function peopleCategories(db: Db, ids: readonly string[]) {
  if (ids.length === 0)
    return new Map<string, { force: string | null; region: string | null; serviceCategory: string | null }>();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'force', 'region', 'service_category'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((row) => [row.id, { force: row.force, region: row.region, serviceCategory: row.service_category }]),
  );
}

export async function linkedToGrantedCase(db: Db, userId: string, incidentId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_cases')
    .innerJoin('case_grants', 'case_grants.case_id', 'incident_cases.case_id')
    .select('incident_cases.case_id')
    .where('incident_cases.incident_id', '=', incidentId)
    .where('case_grants.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The incidents linked to any of these cases (a caseworker's granted ones), for the search's access filter. */
export async function incidentsOfCases(db: Db, caseIds: readonly string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('incident_cases')
    .select('incident_id')
    .distinct()
    .where('case_id', 'in', [...caseIds])
    .execute();
  return rows.map((row) => row.incident_id);
}

/** The sealed titles of these incidents, by id (search results). */
export async function incidentTitles(db: Db, incidentIds: readonly string[]): Promise<Map<string, Buffer>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'title_sealed'])
    .where('id', 'in', [...incidentIds])
    .execute();
  return new Map(rows.map((row) => [row.id, row.title_sealed]));
}

/** The cases an incident is linked to; only those granted to `grantedTo` when given. */
export async function selectCaseIds(db: Db, incidentId: string, grantedTo: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_cases')
    .select('incident_cases.case_id')
    .where('incident_cases.incident_id', '=', incidentId)
    .$if(grantedTo !== null, (query) =>
      query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_grants')
            .select('case_grants.case_id')
            .whereRef('case_grants.case_id', '=', 'incident_cases.case_id')
            .where('case_grants.user_id', '=', grantedTo ?? ''),
        ),
      ),
    )
    .orderBy('incident_cases.created_at')
    .orderBy('incident_cases.case_id')
    .execute();
  return rows.map((row) => row.case_id);
}

export async function countCases(db: Db, incidentIds: readonly string[]): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('incident_cases')
    .select(['incident_id', sql<number | string>`count(*)`.as('n')])
    .where('incident_id', 'in', [...incidentIds])
    .groupBy('incident_id')
    .execute();
  return new Map(rows.map((row) => [row.incident_id, Number(row.n)]));
}

export async function insertCaseLinks(db: Db, incidentId: string, caseIds: readonly string[], at: string) {
  if (caseIds.length === 0) return;
  await db
    .insertInto('incident_cases')
    .values(caseIds.map((caseId) => ({ incident_id: incidentId, case_id: caseId, created_at: at })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Whether the link was there. */
export async function deleteCaseLink(db: Db, incidentId: string, caseId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_cases')
    .where('incident_id', '=', incidentId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function selectIncidentLinks(db: Db, incidentId: string) {
  const leadsTo = await db
    .selectFrom('incident_links')
    .select('to_id')
    .where('from_id', '=', incidentId)
    .orderBy('created_at')
    .execute();
  const ledFrom = await db
    .selectFrom('incident_links')
    .select('from_id')
    .where('to_id', '=', incidentId)
    .orderBy('created_at')
    .execute();
  return { leadsTo: leadsTo.map((row) => row.to_id), ledFrom: ledFrom.map((row) => row.from_id) };
}

/** Whether the link is new. */
export async function insertIncidentLink(db: Db, fromId: string, toId: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('incident_links')
    .values({ from_id: fromId, to_id: toId, created_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteIncidentLink(db: Db, fromId: string, toId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_links')
    .where('from_id', '=', fromId)
    .where('to_id', '=', toId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function selectIncident(db: Db, incidentId: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
}

/** The last day a date written to the year or month can mean (as text: 2022 → 2022-12-31, 2022-10 → 2022-10-31). */
function latest(date: RawBuilder<unknown>, fallback: RawBuilder<unknown>) {
  const value = sql`coalesce(${date}, ${fallback})`;
  return sql<string>`case when length(${value}) = 4 then ${value} || '-12-31' when length(${value}) = 7 then ${value} || '-31' else ${value} end`;
}

function latestOf(date: string): string {
  return date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
}

export interface IncidentFilter {
  actType?: string;
  place?: string;
  unit?: string;
  /** Incidents not ended before `from` and not started after `to` (dates compare as text: 2022 < 2022-10). */
  from?: string;
  to?: string;
  caseId?: string;
  confidentiality?: string;
  personId?: string;
  /** Only incidents linked to a case granted to this user; null for all (coordinators). */
  grantedTo: string | null;
  /** Leave out incidents of these confidentiality levels (the analyst's view). */
  withoutConfidentiality?: string[];
}

/** One page of incidents, newest first, `limit + 1` rows so the caller knows whether there is another. */
export function listIncidents(db: Db, filter: IncidentFilter, limit: number, after: PagePosition | undefined) {
  return (
    db
      .selectFrom('incidents')
      .selectAll()
      .$if(filter.actType !== undefined, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('incident_acts')
              .select('incident_acts.id')
              .whereRef('incident_acts.incident_id', '=', 'incidents.id')
              .where('incident_acts.act_type', '=', filter.actType ?? ''),
          ),
        ),
      )
      .$if(filter.place !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('incidents.place', '=', filter.place ?? ''),
            eb.exists(
              eb
                .selectFrom('incident_acts')
                .select('incident_acts.id')
                .whereRef('incident_acts.incident_id', '=', 'incidents.id')
                .where('incident_acts.place', '=', filter.place ?? ''),
            ),
          ]),
        ),
      )
      .$if(filter.unit !== undefined, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('incident_perpetrators')
              .select('incident_perpetrators.id')
              .whereRef('incident_perpetrators.incident_id', '=', 'incidents.id')
              .where('incident_perpetrators.unit', '=', filter.unit ?? ''),
          ),
        ),
      )
      // An incident with no end ends where it starts; one with no dates at all matches no period. A date known
      // to the month or year reaches to that period's end (latest) or from its start (earliest, as written).
      .$if(filter.from !== undefined, (q) =>
        q.where(latest(sql.ref('incidents.end_date'), sql.ref('incidents.start_date')), '>=', filter.from ?? ''),
      )
      .$if(filter.to !== undefined, (q) => q.where('incidents.start_date', '<=', latestOf(filter.to ?? '')))
      .$if(filter.caseId !== undefined || filter.grantedTo !== null, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('incident_cases')
              .select('incident_cases.case_id')
              .whereRef('incident_cases.incident_id', '=', 'incidents.id')
              .$if(filter.caseId !== undefined, (sub) => sub.where('incident_cases.case_id', '=', filter.caseId ?? ''))
              .$if(filter.grantedTo !== null, (sub) =>
                sub.where((inner) =>
                  inner.exists(
                    inner
                      .selectFrom('case_grants')
                      .select('case_grants.case_id')
                      .whereRef('case_grants.case_id', '=', 'incident_cases.case_id')
                      .where('case_grants.user_id', '=', filter.grantedTo ?? ''),
                  ),
                ),
              ),
          ),
        ),
      )
      .$if(filter.personId !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('incident_victims')
                .select('incident_victims.id')
                .whereRef('incident_victims.incident_id', '=', 'incidents.id')
                .where('incident_victims.person_id', '=', filter.personId ?? ''),
            ),
            eb.exists(
              eb
                .selectFrom('incident_perpetrators')
                .select('incident_perpetrators.id')
                .whereRef('incident_perpetrators.incident_id', '=', 'incidents.id')
                .where('incident_perpetrators.person_id', '=', filter.personId ?? ''),
            ),
          ]),
        ),
      )
      .$if(filter.confidentiality !== undefined, (q) =>
        q.where('incidents.confidentiality', '=', filter.confidentiality ?? ''),
      )
      .$if((filter.withoutConfidentiality ?? []).length > 0, (q) =>
        q.where('incidents.confidentiality', 'not in', filter.withoutConfidentiality ?? []),
      )
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            eb('incidents.created_at', '<', after?.at ?? ''),
            eb.and([eb('incidents.created_at', '=', after?.at ?? ''), eb('incidents.id', '<', after?.id ?? '')]),
          ]),
        ),
      )
      .orderBy('incidents.created_at', 'desc')
      .orderBy('incidents.id', 'desc')
      .limit(limit + 1)
      .execute()
  );
}

/** The sources linked to incidents, with the incident each is linked to. */
export function selectSourcesOf(db: Db, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('source_incidents')
    .innerJoin('sources', 'sources.id', 'source_incidents.source_id')
    .selectAll('sources')
    .select('source_incidents.incident_id')
    .where('source_incidents.incident_id', 'in', [...incidentIds])
    .orderBy('source_incidents.created_at')
    .orderBy('sources.id')
    .execute();
}
