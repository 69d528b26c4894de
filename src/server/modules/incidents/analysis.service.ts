import type { Kysely } from 'kysely';
import type { AnalysisIncident, AnalysisList, IncidentListQuery } from '../../../shared/incidents.schema.js';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../cases/page-cursor.js';
import { actFacts, datedOf } from './incident-present.js';
import * as q from './incidents.queries.js';
import type { IncidentDeps } from './incidents.service.js';

/** Incidents at these levels stay out of the analyst's view altogether. */
export const KEPT_FROM_ANALYSIS = ['restricted'];

/**
 * The de-identified view of incidents: codes, dates, counts and categories,
 * never a title, description, name, contact, a person's id or a source's text.
 * A person among the victims counts as one, with the person's own plain
 * categories; a person among the perpetrators is "a person".
 */
async function deidentify(trx: Kysely<Database>, rows: q.IncidentRow[]): Promise<AnalysisIncident[]> {
  const ids = rows.map((row) => row.id);
  const { acts, victims, perpetrators } = await q.selectParts(trx, ids);
  const categories = await q.peopleCategories(trx, [
    ...new Set(victims.flatMap((victim) => (victim.person_id === null ? [] : [victim.person_id]))),
  ]);
  const sources = await q.selectSourcesOf(trx, ids);
  const cases = await q.countCases(trx, ids);
  return rows.map((row) => ({
    id: row.id,
    start: datedOf(row.start_date, row.start_precision),
    end: datedOf(row.end_date, row.end_precision),
    place: row.place,
    region: row.region,
    acts: acts
      .filter((act) => act.incident_id === row.id)
      .map((act) => ({
        ...actFacts(act),
        victims: victims
          .filter((victim) => victim.act_id === act.id)
          .map((victim) => {
            const person = victim.person_id === null ? undefined : categories.get(victim.person_id);
            return {
              count: victim.group_count ?? 1,
              force: person?.force ?? victim.force,
              region: person?.region ?? victim.region,
              serviceCategory: person?.serviceCategory ?? victim.service_category,
            };
          }),
      })),
    perpetrators: perpetrators
      .filter((perpetrator) => perpetrator.incident_id === row.id)
      .map((perpetrator) => ({
        kind: perpetrator.unit === null ? ('person' as const) : ('unit' as const),
        unit: perpetrator.unit,
        involvement: perpetrator.involvement,
      })),
    sourceReliabilities: sources.filter((source) => source.incident_id === row.id).map((source) => source.reliability),
    linkedCases: cases.get(row.id) ?? 0,
  }));
}

function audit(trx: Kysely<Database>, deps: IncidentDeps, actor: Subject, id: string | null) {
  return appendAudit(
    trx,
    {
      actorId: actor.userId,
      action: 'incident.analyse',
      objectType: id === null ? null : 'incident',
      objectId: id,
      outcome: 'success',
    },
    deps.clock,
  );
}

/** A page of de-identified incidents, newest first, with the list's filters. Audited as `incident.analyse`. */
export function analyseIncidents(
  deps: IncidentDeps,
  actor: Subject,
  query: Omit<IncidentListQuery, 'caseId'>,
): Promise<AnalysisList> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  return deps.db.transaction().execute(async (trx) => {
    const filter = { ...query, grantedTo: null, withoutConfidentiality: KEPT_FROM_ANALYSIS };
    const rows = await q.listIncidents(trx, filter, query.limit, after);
    const page = pageOf(rows, query.limit, (row) => ({ at: row.created_at, id: row.id }));
    await audit(trx, deps, actor, null);
    return { incidents: await deidentify(trx, page.rows), next: page.nextCursor };
  });
}

/** One de-identified incident; a restricted one does not exist in this view. */
export function analyseIncident(deps: IncidentDeps, actor: Subject, incidentId: string): Promise<AnalysisIncident> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await q.selectIncident(trx, incidentId);
    if (row === undefined || KEPT_FROM_ANALYSIS.includes(row.confidentiality)) throw new AppError('NOT_FOUND');
    await audit(trx, deps, actor, incidentId);
    const [incident] = await deidentify(trx, [row]);
    if (incident === undefined) throw new AppError('NOT_FOUND');
    return incident;
  });
}
