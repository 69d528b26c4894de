import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction } from '../../../shared/audit-actions.js';
import type {
  CreateIncidentInput,
  Incident,
  IncidentList,
  IncidentListQuery,
  UpdateIncidentInput,
} from '../../../shared/incidents.schema.js';
import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import { isoNow } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { decodeCursor, pageOf } from '../cases/page-cursor.js';
import { checkIncidentFacts, incidentColumns, incidentParts } from './incident-input.js';
import { incidentWork } from './incident-work.js';
import { presentIncident, datedOf } from './incident-present.js';
import * as q from './incidents.queries.js';
import { indexIncidentTitle, openIncidentField, sealIncidentField } from './incidents.seal.js';

export type IncidentDeps = Pick<RouteDeps, 'db' | 'keyring' | 'clock'>;

function audit(trx: Kysely<Database>, deps: IncidentDeps, actor: Subject, action: AuditAction, id: string | null) {
  return appendAudit(
    trx,
    { actorId: actor.userId, action, objectType: id === null ? null : 'incident', objectId: id, outcome: 'success' },
    deps.clock,
  );
}

async function sealText(
  trx: Kysely<Database>,
  deps: IncidentDeps,
  incidentId: string,
  input: { title: string; description: string | null },
) {
  return {
    title_sealed: await sealIncidentField(trx, deps.keyring, incidentId, 'title', input.title),
    description_sealed:
      input.description === null
        ? null
        : await sealIncidentField(trx, deps.keyring, incidentId, 'description', input.description),
  };
}

/**
 * Records an incident with its acts, victims and perpetrators, linked to the
 * cases named, in one transaction; title and description sealed under the
 * incident's own key. Audited as `incident.create`.
 */
export async function createIncident(
  deps: IncidentDeps,
  actor: Subject,
  input: CreateIncidentInput,
): Promise<Incident> {
  const incidentId = crypto.randomUUID();
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await checkIncidentFacts(trx, input);
    const caseIds = [...new Set(input.caseIds)];
    const found = await q.existingCases(trx, caseIds);
    const missing = input.caseIds.flatMap((id, index) => (found.has(id) ? [] : [`caseIds.${String(index)}`]));
    if (missing.length > 0) throw validationError(missing.map((path) => ({ path, message: 'names no such case' })));
    await q.insertIncident(trx, {
      id: incidentId,
      ...(await sealText(trx, deps, incidentId, input)),
      ...incidentColumns(input),
      version: 1,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    await q.replaceParts(trx, incidentId, incidentParts(incidentId, input));
    await q.insertCaseLinks(trx, incidentId, caseIds, at);
    await indexIncidentTitle(trx, deps.keyring, { id: incidentId, created_at: at }, input.title);
    await audit(trx, deps, actor, 'incident.create', incidentId);
    const row = await q.selectIncident(trx, incidentId);
    if (row === undefined) throw new Error('the incident just written is gone');
    return presentIncident(trx, deps.keyring, actor, row);
  });
}

/**
 * Replaces an incident's content with the form's, if no other edit came since
 * the version it was made from (CONFLICT otherwise, nothing written). The
 * incident row is locked first, so of two edits from one version exactly one
 * lands. Audited as `incident.update`.
 */
export function updateIncident(
  deps: IncidentDeps,
  actor: Subject,
  incidentId: string,
  input: UpdateIncidentInput,
): Promise<Incident> {
  return incidentWork(deps, actor, incidentId, 'incident.record', async ({ trx, row, q: bound }) => {
    if (row.version !== input.version) throw new AppError('CONFLICT', 'The incident was changed meanwhile: reload it.');
    await checkIncidentFacts(trx, input);
    const written = await bound.updateIncidentAtVersion(incidentId, input.version, {
      ...(await sealText(trx, deps, incidentId, input)),
      ...incidentColumns(input),
      updated_at: isoNow(deps.clock),
    });
    if (!written) throw new AppError('CONFLICT', 'The incident was changed meanwhile: reload it.');
    await bound.replaceParts(incidentId, incidentParts(incidentId, input));
    await indexIncidentTitle(trx, deps.keyring, row, input.title);
    await audit(trx, deps, actor, 'incident.update', incidentId);
    const updated = await bound.selectIncident(incidentId);
    if (updated === undefined) throw new Error('the incident just written is gone');
    return presentIncident(trx, deps.keyring, actor, updated);
  });
}

/** One incident as its reader may see it. Audited as `incident.read`. */
export function readIncident(deps: IncidentDeps, actor: Subject, incidentId: string): Promise<Incident> {
  return incidentWork(deps, actor, incidentId, 'incident.read', async ({ trx, row }) => {
    await audit(trx, deps, actor, 'incident.read', incidentId);
    return presentIncident(trx, deps.keyring, actor, row);
  });
}

/** Links an incident to a case (NOT_FOUND for a case that is not there). Audited as `incident.link`. */
export function linkCase(deps: IncidentDeps, actor: Subject, incidentId: string, caseId: string): Promise<void> {
  return incidentWork(deps, actor, incidentId, 'incident.record', async ({ trx, q: bound }) => {
    if (!(await bound.existingCases([caseId])).has(caseId)) throw new AppError('NOT_FOUND');
    await bound.insertCaseLinks(incidentId, [caseId], isoNow(deps.clock));
    await audit(trx, deps, actor, 'incident.link', incidentId);
  });
}

export function unlinkCase(deps: IncidentDeps, actor: Subject, incidentId: string, caseId: string): Promise<void> {
  return incidentWork(deps, actor, incidentId, 'incident.record', async ({ trx, q: bound }) => {
    if (!(await bound.deleteCaseLink(incidentId, caseId))) throw new AppError('NOT_FOUND');
    await audit(trx, deps, actor, 'incident.unlink', incidentId);
  });
}

/** Records that the incident led to another. Audited as `incident.link`. */
export function linkIncident(deps: IncidentDeps, actor: Subject, incidentId: string, otherId: string): Promise<void> {
  if (otherId === incidentId) {
    return Promise.reject(validationError([{ path: 'otherId', message: 'an incident cannot lead to itself' }]));
  }
  return incidentWork(deps, actor, incidentId, 'incident.record', async ({ trx, q: bound }) => {
    if ((await bound.selectIncident(otherId)) === undefined) throw new AppError('NOT_FOUND');
    await bound.insertIncidentLink(incidentId, otherId, isoNow(deps.clock));
    await audit(trx, deps, actor, 'incident.link', incidentId);
  });
}

export function unlinkIncident(deps: IncidentDeps, actor: Subject, incidentId: string, otherId: string): Promise<void> {
  return incidentWork(deps, actor, incidentId, 'incident.record', async ({ trx, q: bound }) => {
    if (!(await bound.deleteIncidentLink(incidentId, otherId))) throw new AppError('NOT_FOUND');
    await audit(trx, deps, actor, 'incident.unlink', incidentId);
  });
}

/**
 * A page of the incidents the actor may read, newest first, with their
 * titles: every one for a coordinator, those linked to a granted case for a
 * caseworker or lawyer. Audited as `incident.list`.
 */
export async function listIncidentsFor(
  deps: IncidentDeps,
  actor: Subject,
  query: IncidentListQuery,
): Promise<IncidentList> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await q.listIncidents(
      trx,
      { ...query, grantedTo: actor.role === 'coordinator' ? null : actor.userId },
      query.limit,
      after,
    );
    const page = pageOf(rows, query.limit, (row) => ({ at: row.created_at, id: row.id }));
    const { acts } = await q.selectParts(
      trx,
      page.rows.map((row) => row.id),
    );
    await deps.keyring.prefetch(
      trx,
      page.rows.map((row) => row.title_sealed),
    );
    const incidents = [];
    for (const row of page.rows) {
      incidents.push({
        id: row.id,
        title: (await openIncidentField(trx, deps.keyring, row.id, 'title', row.title_sealed)) ?? '',
        start: datedOf(row.start_date, row.start_precision),
        end: datedOf(row.end_date, row.end_precision),
        place: row.place,
        region: row.region,
        confidentiality: row.confidentiality,
        actTypes: [...new Set(acts.filter((act) => act.incident_id === row.id).map((act) => act.act_type))],
        createdAt: row.created_at,
      });
    }
    await audit(trx, deps, actor, 'incident.list', null);
    return { incidents, next: page.nextCursor };
  });
}
