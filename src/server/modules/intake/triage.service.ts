import { appendAudit } from '../../audit/audit.js';
import { can, type Subject } from '../../auth/access.js';
import type { IntakeStatus, Urgency } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { SearchQueryError } from '../../search/errors.js';
import { loadSearchKey } from '../../search/search-key.js';
import { search } from '../../search/search.js';
import { caseNumbers, findIntake, listIntake, updateOpenIntake, type IntakeRow } from './intake.queries.js';
import type { IntakeDetail, IntakeSummary } from './intake.schema.js';
import { openIntakeText, type IntakeDeps } from './intake.service.js';

const PAGE = 50;
const PREVIEW = 140;
const MAX_MATCH_WORDS = 8;

function summary(row: IntakeRow, now: Date) {
  return {
    id: row.id,
    status: row.status,
    urgency: row.urgency,
    channel: row.channel,
    requesterRole: row.requester_role,
    groupSize: row.group_size,
    region: row.region,
    createdAt: row.created_at,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(row.created_at)) / 1000)),
  };
}

/** The triage queue, one page; opening the previews is a read of personal data, audited once. */
export async function listIntakeQueue(
  deps: IntakeDeps,
  actorId: string,
  query: { status?: IntakeStatus | undefined; urgency?: Urgency | undefined; cursor?: string | undefined },
): Promise<{ requests: IntakeSummary[]; nextCursor: string | null }> {
  const { db, clock } = deps;
  const offset = Number(query.cursor ?? '0');
  return db.transaction().execute(async (trx) => {
    const rows = await listIntake(trx, query, offset, PAGE + 1);
    const now = clock();
    const requests: IntakeSummary[] = [];
    for (const row of rows.slice(0, PAGE)) {
      const opened = await openIntakeText({ db: trx, keyring: deps.keyring }, row.id);
      requests.push({ ...summary(row, now), preview: Array.from(opened.text).slice(0, PREVIEW).join('') });
    }
    await appendAudit(
      trx,
      { actorId, action: 'intake.read', objectType: 'intake', objectId: null, outcome: 'success' },
      clock,
    );
    return { requests, nextCursor: rows.length > PAGE ? String(offset + PAGE) : null };
  });
}

/** Words worth looking up in people and cases: the handle's, and capitalized words of the text. */
function matchWords(handle: string | null, text: string): string[] {
  const handleWords = (handle ?? '').split(/[^\p{L}]+/u).filter((w) => w.length >= 3);
  const named = text.match(/(?<![\p{L}])\p{Lu}\p{Ll}{2,}/gu) ?? [];
  return [...new Set([...handleWords, ...named].map((w) => w.toLowerCase()))].slice(0, MAX_MATCH_WORDS);
}

async function possibleMatches(deps: IntakeDeps, subject: Subject, handle: string | null, text: string) {
  const searchKey = await loadSearchKey(deps.db, deps.keyring);
  const found = new Map<string, { recordType: 'person' | 'case'; id: string }>();
  for (const word of matchWords(handle, text)) {
    try {
      const results = await search(deps.db, searchKey, { query: word, recordTypes: ['person', 'case'], limit: 20 });
      for (const hit of results.results) {
        const recordType = hit.recordType === 'case' ? 'case' : 'person';
        found.set(`${recordType}:${hit.recordId}`, { recordType, id: hit.recordId });
      }
    } catch (error) {
      if (!(error instanceof SearchQueryError)) throw error;
    }
  }
  const all = [...found.values()];
  const counts = {
    people: all.filter((r) => r.recordType === 'person').length,
    cases: all.filter((r) => r.recordType === 'case').length,
  };
  // Intake volunteers never see cases: a count tells them to ask a coordinator.
  if (!can(subject, 'case.list_all')) return counts;
  const numbers = new Map(
    (
      await caseNumbers(
        deps.db,
        all.filter((r) => r.recordType === 'case').map((r) => r.id),
      )
    ).map((c) => [c.id, c.number]),
  );
  return { ...counts, records: all.map((r) => ({ ...r, number: numbers.get(r.id) ?? null })) };
}

/** One request, opened, with its follow-ups and possible matches. Audited as `intake.read`. */
export async function getIntakeDetail(deps: IntakeDeps, subject: Subject, intakeId: string): Promise<IntakeDetail> {
  const opened = await openIntakeText(deps, intakeId);
  const { row } = opened;
  await deps.db.transaction().execute((trx) =>
    appendAudit(
      trx,
      {
        actorId: subject.userId,
        action: 'intake.read',
        objectType: 'intake',
        objectId: intakeId,
        outcome: 'success',
      },
      deps.clock,
    ),
  );
  return {
    ...summary(row, deps.clock()),
    serviceCategory: row.service_category,
    force: row.force,
    locationType: row.location_type,
    consentDocumentation: row.consent_documentation === 1,
    consentStatistics: row.consent_statistics === 1,
    declineReason: row.decline_reason,
    caseId: row.case_id,
    triagedAt: row.triaged_at,
    handle: opened.handle,
    contact: opened.contact,
    text: opened.text,
    messages: opened.messages,
    possibleMatches: await possibleMatches(deps, subject, opened.handle, opened.text),
  };
}

/** Changes an open request: declines it, or sets urgency / takes it into triage. CONFLICT once triaged. */
export async function changeIntake(
  deps: IntakeDeps,
  actorId: string,
  intakeId: string,
  change: { decline: string } | { urgency?: Urgency | undefined; status?: 'in_triage' | undefined },
): Promise<void> {
  const { db, clock } = deps;
  await db.transaction().execute(async (trx) => {
    const at = clock().toISOString();
    const set =
      'decline' in change
        ? { status: 'declined' as const, decline_reason: change.decline, triaged_by: actorId, triaged_at: at }
        : {
            ...(change.urgency === undefined ? {} : { urgency: change.urgency }),
            ...(change.status === undefined ? {} : { status: change.status }),
          };
    if ((await updateOpenIntake(trx, intakeId, { ...set, updated_at: at })) === 0) {
      if ((await findIntake(trx, intakeId)) === undefined) throw new AppError('NOT_FOUND');
      throw new AppError('CONFLICT', 'This request has been triaged already.');
    }
    const action = 'decline' in change ? 'intake.decline' : 'intake.update';
    await appendAudit(trx, { actorId, action, objectType: 'intake', objectId: intakeId, outcome: 'success' }, clock);
  });
}
