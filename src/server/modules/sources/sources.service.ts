import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditAction } from '../../../shared/audit-actions.js';
import type {
  CaseSources,
  Source,
  SourceInput,
  SourceList,
  SourceListQuery,
  SourceSummary,
  UpdateSourceInput,
} from '../../../shared/sources.schema.js';
import { appendAudit } from '../../audit/audit.js';
import type { Subject } from '../../auth/access.js';
import { isoNow } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { auditCase } from '../cases/case-common.js';
import { caseWork } from '../cases/case-work.js';
import { decodeCursor, pageOf } from '../cases/page-cursor.js';
import { incidentWork } from '../incidents/incident-work.js';
import { existingCases, existingPeople } from '../incidents/incidents.queries.js';
import type { IncidentDeps } from '../incidents/incidents.service.js';
import { TermCheck } from '../incidents/term-check.js';
import * as q from './sources.queries.js';
import { openSourceText, sealSourceText } from './sources.seal.js';

function audit(trx: Kysely<Database>, deps: IncidentDeps, actor: Subject, action: AuditAction, id: string) {
  return appendAudit(
    trx,
    { actorId: actor.userId, action, objectType: 'source', objectId: id, outcome: 'success' },
    deps.clock,
  );
}

/** Checks a source's codes, its person, incidents and cases (kept from going until the transaction ends). */
async function checkSource(trx: Kysely<Database>, input: SourceInput): Promise<void> {
  const check = new TermCheck(trx);
  await check.term('source_kind', input.kind, 'kind');
  await check.term('reliability', input.reliability, 'reliability');
  await check.term('knowledge_basis', input.knowledgeBasis, 'knowledgeBasis');
  if (input.personId !== null && !(await existingPeople(trx, [input.personId])).has(input.personId)) {
    check.problem('personId', 'names no such person');
  }
  const incidents = await q.existingIncidents(trx, input.incidentIds);
  input.incidentIds.forEach((id, index) => {
    if (!incidents.has(id)) check.problem(`incidentIds.${String(index)}`, 'names no such incident');
  });
  const cases = await existingCases(trx, input.caseIds);
  input.caseIds.forEach((id, index) => {
    if (!cases.has(id)) check.problem(`caseIds.${String(index)}`, 'names no such case');
  });
  check.done();
}

function plainColumns(input: SourceInput) {
  return {
    kind: input.kind,
    reliability: input.reliability,
    published_date: input.publishedDate,
    language: input.language,
    person_id: input.personId,
    knowledge_basis: input.knowledgeBasis,
  };
}

async function present(trx: Kysely<Database>, deps: IncidentDeps, row: q.SourceRow): Promise<Source> {
  return {
    id: row.id,
    kind: row.kind,
    reliability: row.reliability,
    ...(await openSourceText(trx, deps.keyring, row)),
    publishedDate: row.published_date,
    language: row.language,
    personId: row.person_id,
    knowledgeBasis: row.knowledge_basis,
    ...(await q.selectLinks(trx, row.id)),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function reread(trx: Kysely<Database>, deps: IncidentDeps, sourceId: string): Promise<Source> {
  const row = await q.selectSource(trx, sourceId);
  if (row === undefined) throw new Error('the source just written is gone');
  return present(trx, deps, row);
}

/**
 * Records a source, its text sealed under its own key, linked to the
 * incidents and cases named, in one transaction. The server stores a media
 * report's address and never fetches it. Audited as `source.create`.
 */
export function createSource(deps: IncidentDeps, actor: Subject, input: SourceInput): Promise<Source> {
  const sourceId = crypto.randomUUID();
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    await checkSource(trx, input);
    await q.insertSource(trx, {
      id: sourceId,
      ...plainColumns(input),
      ...(await sealSourceText(trx, deps.keyring, sourceId, input)),
      version: 1,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    await q.replaceLinks(trx, sourceId, input, at);
    await audit(trx, deps, actor, 'source.create', sourceId);
    return reread(trx, deps, sourceId);
  });
}

/** Replaces a source as edited from `version` (CONFLICT when another edit came first). Audited as `source.update`. */
export function updateSource(
  deps: IncidentDeps,
  actor: Subject,
  sourceId: string,
  input: UpdateSourceInput,
): Promise<Source> {
  const at = isoNow(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const row = await q.selectSource(trx, sourceId, true);
    if (row === undefined) throw new AppError('NOT_FOUND');
    const stale = () => new AppError('CONFLICT', 'The source was changed meanwhile: reload it.');
    if (row.version !== input.version) throw stale();
    await checkSource(trx, input);
    const written = await q.updateSourceAtVersion(trx, sourceId, input.version, {
      ...plainColumns(input),
      ...(await sealSourceText(trx, deps.keyring, sourceId, input)),
      updated_at: at,
    });
    if (!written) throw stale();
    await q.replaceLinks(trx, sourceId, input, at);
    await audit(trx, deps, actor, 'source.update', sourceId);
    return reread(trx, deps, sourceId);
  });
}

/** One source, opened. Audited as `source.read`. */
export function readSource(deps: IncidentDeps, actor: Subject, sourceId: string): Promise<Source> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await q.selectSource(trx, sourceId);
    if (row === undefined) throw new AppError('NOT_FOUND');
    await audit(trx, deps, actor, 'source.read', sourceId);
    return present(trx, deps, row);
  });
}

async function summarize(trx: Kysely<Database>, deps: IncidentDeps, rows: q.SourceRow[]): Promise<SourceSummary[]> {
  const summaries: SourceSummary[] = [];
  for (const row of rows) {
    const text = await openSourceText(trx, deps.keyring, row, ['title', 'outlet']);
    summaries.push({
      id: row.id,
      kind: row.kind,
      reliability: row.reliability,
      title: text.title,
      outlet: text.outlet,
      publishedDate: row.published_date,
    });
  }
  return summaries;
}

/**
 * The sources linked to a case, for those the case is granted to (its rule
 * checked again in the transaction). Audited as `source.list` on the case.
 */
export function listCaseSources(deps: IncidentDeps, actor: Subject, caseId: string): Promise<CaseSources> {
  return caseWork(deps, actor, caseId, 'case.read', async ({ trx }) => {
    const sources = await summarize(trx, deps, await q.selectCaseSources(trx, caseId));
    await auditCase(trx, deps, actor.userId, 'source.list', caseId);
    return { sources };
  });
}

/** A page of the organization's sources, newest first (coordinators). Audited as `source.list`. */
export function listSources(deps: IncidentDeps, actor: Subject, query: SourceListQuery): Promise<SourceList> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  return deps.db.transaction().execute(async (trx) => {
    const page = pageOf(await q.listSources(trx, query.limit, after), query.limit, (row) => ({
      at: row.created_at,
      id: row.id,
    }));
    const sources = await summarize(trx, deps, page.rows);
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'source.list', objectType: null, objectId: null, outcome: 'success' },
      deps.clock,
    );
    return { sources, next: page.nextCursor };
  });
}

/**
 * Links an existing source to an incident (NOT_FOUND for a source that is not
 * there). Linking again changes nothing and succeeds; of two at once, one link
 * is written. Audited as `source.link` when the link is new.
 */
export function linkSourceToIncident(
  deps: IncidentDeps,
  actor: Subject,
  incidentId: string,
  sourceId: string,
): Promise<void> {
  return incidentWork(deps, actor, incidentId, 'incident.record', async ({ trx }) => {
    if ((await q.selectSource(trx, sourceId, true)) === undefined) throw new AppError('NOT_FOUND');
    if (await q.insertIncidentLink(trx, sourceId, incidentId, isoNow(deps.clock))) {
      await audit(trx, deps, actor, 'source.link', sourceId);
    }
  });
}
