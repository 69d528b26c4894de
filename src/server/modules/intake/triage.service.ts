import { appendAudit } from '../../audit/audit.js';
import { can, type IntakeObject, type Subject } from '../../auth/access.js';
import type { IntakeStatus, Urgency } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { SearchQueryError } from '../../search/errors.js';
import { loadSearchKey } from '../../search/search-key.js';
import { search } from '../../search/search.js';
import {
  caseNumbers,
  findIntake,
  intakeAccessRows,
  listIntake,
  pendingIntakeIds,
  updateOpenIntake,
  type IntakeRow,
} from './intake.queries.js';
import type { IntakeDetail, IntakeSummary } from './intake.schema.js';
import { openIntakeText, type IntakeDeps } from './intake.service.js';

const PAGE = 50;
const PREVIEW = 140;
const MAX_MATCH_WORDS = 8;
/** The newest this many open requests are what a volunteer's matches look among. */
const MAX_PENDING_MATCHED = 2000;

/** The access facts of a request: a request that went into a case is the case's. */
export function intakeObject(row: Pick<IntakeRow, 'id' | 'status' | 'case_id'>): IntakeObject {
  return {
    type: 'intake',
    id: row.id,
    triagedIntoCase: row.case_id !== null || row.status === 'opened' || row.status === 'attached',
  };
}

/**
 * Of `ids`, the intake requests `subject` may read: for any other listing of
 * requests (search results), so that a request that became a case shows to
 * no one without a right to the case.
 */
export async function readableIntakeIds(
  db: IntakeDeps['db'],
  subject: Subject,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await intakeAccessRows(db, ids);
  return new Set(rows.filter((row) => can(subject, 'intake.work', intakeObject(row))).map((row) => row.id));
}

/**
 * A refusal answers NOT_FOUND, like any foreign object, and is remembered:
 * committed before the error is thrown.
 */
async function refuseIntake(deps: Pick<IntakeDeps, 'db' | 'clock'>, actorId: string, intakeId: string): Promise<never> {
  await deps.db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { actorId, action: 'intake.read', objectType: 'intake', objectId: intakeId, outcome: 'denied' },
        deps.clock,
      ),
    );
  throw new AppError('NOT_FOUND');
}

/** A request's codes and age, as lists show them (no text: nothing sealed is opened). */
export function summary(row: IntakeRow, now: Date) {
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
  subject: Subject,
  query: { status?: IntakeStatus | undefined; urgency?: Urgency | undefined; cursor?: string | undefined },
): Promise<{ requests: IntakeSummary[]; nextCursor: string | null }> {
  const { db, clock } = deps;
  const actorId = subject.userId;
  const offset = Number(query.cursor ?? '0');
  return db.transaction().execute(async (trx) => {
    const found = await listIntake(trx, query, offset, PAGE + 1);
    // A status filter may name requests that became cases: those the subject may not read are not listed.
    const rows = found.filter((row) => can(subject, 'intake.work', intakeObject(row)));
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
    return { requests, nextCursor: found.length > PAGE ? String(offset + PAGE) : null };
  });
}

/** Words worth looking up in people and cases: the handle's, and capitalized words of the text. */
function matchWords(handle: string | null, text: string): string[] {
  const handleWords = (handle ?? '').split(/[^\p{L}]+/u).filter((w) => w.length >= 3);
  const named = text.match(/(?<![\p{L}])\p{Lu}\p{Ll}{2,}/gu) ?? [];
  return [...new Set([...handleWords, ...named].map((w) => w.toLowerCase()))].slice(0, MAX_MATCH_WORDS);
}

interface MatchRecord {
  recordType: 'person' | 'case' | 'intake';
  id: string;
}

/** The records the words of a request match, among `recordTypes` (and only `restrictTo`, when given). */
async function matchingRecords(
  deps: IntakeDeps,
  words: readonly string[],
  scope: { recordTypes: readonly string[]; restrictTo?: readonly string[] | undefined; exceptId: string },
): Promise<MatchRecord[]> {
  if (scope.restrictTo?.length === 0) return [];
  const searchKey = await loadSearchKey(deps.db, deps.keyring);
  const found = new Map<string, MatchRecord>();
  for (const word of words) {
    try {
      const request = { query: word, recordTypes: scope.recordTypes, restrictTo: scope.restrictTo, limit: 20 };
      for (const hit of (await search(deps.db, searchKey, request)).results) {
        if (hit.recordId === scope.exceptId) continue;
        const recordType = hit.recordType === 'case' || hit.recordType === 'intake' ? hit.recordType : 'person';
        found.set(`${recordType}:${hit.recordId}`, { recordType, id: hit.recordId });
      }
    } catch (error) {
      if (!(error instanceof SearchQueryError)) throw error;
    }
  }
  return [...found.values()];
}

/**
 * Coordinators see matching people, cases and other requests. Intake
 * volunteers see only other open requests, found among those alone: an
 * answer that counted or even ranked case records would let anyone who can
 * plant a request through the public form ask whether a name is in a case.
 */
async function possibleMatches(
  deps: IntakeDeps,
  subject: Subject,
  intakeId: string,
  handle: string | null,
  text: string,
) {
  const words = matchWords(handle, text);
  if (!can(subject, 'case.list_all')) {
    const pending = await pendingIntakeIds(deps.db, intakeId, MAX_PENDING_MATCHED);
    const found = await matchingRecords(deps, words, {
      recordTypes: ['intake'],
      restrictTo: pending,
      exceptId: intakeId,
    });
    return { requests: found.length, records: found.map((r) => ({ ...r, number: null })) };
  }
  const all = await matchingRecords(deps, words, { recordTypes: ['person', 'case', 'intake'], exceptId: intakeId });
  const count = (type: MatchRecord['recordType']) => all.filter((r) => r.recordType === type).length;
  const numbers = new Map(
    (
      await caseNumbers(
        deps.db,
        all.filter((r) => r.recordType === 'case').map((r) => r.id),
      )
    ).map((c) => [c.id, c.number]),
  );
  return {
    requests: count('intake'),
    people: count('person'),
    cases: count('case'),
    records: all.map((r) => ({ ...r, number: numbers.get(r.id) ?? null })),
  };
}

/** One request, opened, with its follow-ups and possible matches. Audited as `intake.read`. */
export async function getIntakeDetail(deps: IntakeDeps, subject: Subject, intakeId: string): Promise<IntakeDetail> {
  const found = await findIntake(deps.db, intakeId);
  if (found === undefined) throw new AppError('NOT_FOUND');
  if (!can(subject, 'intake.work', intakeObject(found))) return refuseIntake(deps, subject.userId, intakeId);
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
    possibleMatches: await possibleMatches(deps, subject, intakeId, opened.handle, opened.text),
  };
}

/** Changes an open request: declines it, or sets urgency / takes it into triage. CONFLICT once triaged. */
export async function changeIntake(
  deps: IntakeDeps,
  subject: Subject,
  intakeId: string,
  change: { decline: string } | { urgency?: Urgency | undefined; status?: 'in_triage' | undefined },
): Promise<void> {
  const { db, clock } = deps;
  const actorId = subject.userId;
  const refused = await db.transaction().execute(async (trx) => {
    const at = clock().toISOString();
    const set =
      'decline' in change
        ? { status: 'declined' as const, decline_reason: change.decline, triaged_by: actorId, triaged_at: at }
        : {
            ...(change.urgency === undefined ? {} : { urgency: change.urgency }),
            ...(change.status === undefined ? {} : { status: change.status }),
          };
    if ((await updateOpenIntake(trx, intakeId, { ...set, updated_at: at })) === 0) {
      const found = await findIntake(trx, intakeId);
      if (found === undefined) throw new AppError('NOT_FOUND');
      // "Triaged already" would tell a volunteer what became of a request they may no longer see.
      if (!can(subject, 'intake.work', intakeObject(found))) return true;
      throw new AppError('CONFLICT', 'This request has been triaged already.');
    }
    const action = 'decline' in change ? 'intake.decline' : 'intake.update';
    await appendAudit(trx, { actorId, action, objectType: 'intake', objectId: intakeId, outcome: 'success' }, clock);
    return false;
  });
  if (refused) await refuseIntake(deps, actorId, intakeId);
}
