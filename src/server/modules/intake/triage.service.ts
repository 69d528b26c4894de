import { appendAudit } from '../../audit/audit.js';
import { can, type IntakeObject, type Subject } from '../../auth/access.js';
import type { Urgency } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { BulkIntakeResult, IntakeSort, SortOrder } from '../../../shared/intake.schema.js';
import { SearchQueryError } from '../../search/errors.js';
import { loadSearchKey } from '../../search/search-key.js';
import { search } from '../../search/search.js';
import {
  caseNumbers,
  findIntake,
  intakeAccessRows,
  listIntake,
  pendingIntakeIds,
  queueKey,
  updateOpenIntake,
  usersWithRoles,
  type IntakeFilter,
  type IntakeRow,
  type QueuePosition,
} from './intake.queries.js';
import type { BulkIntakeBody, IntakeDetail, IntakeSummary } from './intake.schema.js';
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
export function summary(row: IntakeRow, now: Date, assigneeUsername: string | null = null) {
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
    assigneeId: row.assignee_id,
    assigneeUsername,
  };
}

/** A page cursor of the queue: opaque to clients, bound to the sort it was made under. */
function encodeQueueCursor(sort: IntakeSort, order: SortOrder, position: QueuePosition): string {
  return Buffer.from(JSON.stringify([sort, order, position.key, position.createdAt, position.id])).toString(
    'base64url',
  );
}

function decodeQueueCursor(cursor: string, sort: IntakeSort, order: SortOrder): QueuePosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value[0] === sort && value[1] === order) {
      const [, , key, createdAt, id] = value as unknown[];
      const keyOk = typeof key === 'string' || typeof key === 'number' || key === null;
      if (keyOk && typeof createdAt === 'string' && typeof id === 'string') return { key, createdAt, id };
    }
  } catch {
    // Falls through to the validation error.
  }
  throw validationError([
    { path: 'cursor', message: 'is not a cursor of this list and sort: start again', reason: 'invalid_format' },
  ]);
}

/** The triage queue, one page; opening the previews is a read of personal data, audited once. */
export async function listIntakeQueue(
  deps: IntakeDeps,
  subject: Subject,
  query: IntakeFilter & { sort: IntakeSort; order: SortOrder; cursor?: string | undefined },
): Promise<{ requests: IntakeSummary[]; nextCursor: string | null }> {
  const { db, clock } = deps;
  const actorId = subject.userId;
  const { sort, order } = query;
  const after = query.cursor === undefined ? undefined : decodeQueueCursor(query.cursor, sort, order);
  return db.transaction().execute(async (trx) => {
    const found = await listIntake(trx, query, { sort, order, after }, PAGE + 1);
    const page = found.slice(0, PAGE);
    // A status filter may name requests that became cases: those the subject may not read are not listed.
    const rows = page.filter((row) => can(subject, 'intake.work', intakeObject(row)));
    const now = clock();
    const requests: IntakeSummary[] = [];
    for (const row of rows) {
      const opened = await openIntakeText({ db: trx, keyring: deps.keyring }, row.id);
      requests.push({
        ...summary(row, now, row.assignee_username),
        preview: Array.from(opened.text).slice(0, PREVIEW).join(''),
      });
    }
    await appendAudit(
      trx,
      { actorId, action: 'intake.read', objectType: 'intake', objectId: null, outcome: 'success' },
      clock,
    );
    const last = page.at(-1);
    const nextCursor =
      found.length > PAGE && last !== undefined
        ? encodeQueueCursor(sort, order, { key: queueKey(last, sort), createdAt: last.created_at, id: last.id })
        : null;
    return { requests, nextCursor };
  });
}

/** The roles whose users may work the queue, and so have a request wait for them. */
const INTAKE_ROLES: readonly Role[] = ROLES.filter((role) => can({ userId: '', role }, 'intake.work'));

/** Who a request can wait for: active intake volunteers and coordinators. */
export function intakeAssignees(db: IntakeDeps['db']) {
  return usersWithRoles(db, INTAKE_ROLES);
}

/** The assignee named, if one of those; VALIDATION_FAILED naming `path` otherwise. */
async function requireIntakeAssignee(db: IntakeDeps['db'], userId: string, path: string): Promise<void> {
  const users = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .where('role', 'in', [...INTAKE_ROLES])
    .executeTakeFirst();
  if (users === undefined) {
    throw validationError([{ path, message: 'is not an active intake volunteer or coordinator', reason: 'not_found' }]);
  }
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
  const assignee =
    row.assignee_id === null
      ? undefined
      : await deps.db.selectFrom('users').select('username').where('id', '=', row.assignee_id).executeTakeFirst();
  return {
    ...summary(row, deps.clock(), assignee?.username ?? null),
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

export type IntakeChange =
  | { decline: string }
  | { urgency?: Urgency | undefined; status?: 'in_triage' | undefined; assigneeId?: string | null | undefined };

/**
 * Changes an open request: declines it, or sets its urgency, takes it into
 * triage, or has it wait for someone (checked first). CONFLICT once triaged;
 * a request the subject may not see is refused as NOT_FOUND (and audited).
 */
export async function changeIntake(
  deps: IntakeDeps,
  subject: Subject,
  intakeId: string,
  change: IntakeChange,
): Promise<void> {
  if (!('decline' in change) && change.assigneeId != null) {
    await requireIntakeAssignee(deps.db, change.assigneeId, 'assigneeId');
  }
  await applyIntakeChange(deps, subject, intakeId, change);
}

async function applyIntakeChange(
  deps: IntakeDeps,
  subject: Subject,
  intakeId: string,
  change: IntakeChange,
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
            ...(change.assigneeId === undefined ? {} : { assignee_id: change.assigneeId }),
          };
    if ((await updateOpenIntake(trx, intakeId, { ...set, updated_at: at })) === 0) {
      const found = await findIntake(trx, intakeId);
      if (found === undefined) throw new AppError('NOT_FOUND');
      // "Triaged already" would tell a volunteer what became of a request they may no longer see.
      if (!can(subject, 'intake.work', intakeObject(found))) return true;
      throw new AppError('CONFLICT', 'This request has been triaged already.');
    }
    const action =
      'decline' in change ? 'intake.decline' : change.assigneeId !== undefined ? 'intake.assign' : 'intake.update';
    await appendAudit(trx, { actorId, action, objectType: 'intake', objectId: intakeId, outcome: 'success' }, clock);
    return false;
  });
  if (refused) await refuseIntake(deps, actorId, intakeId);
}

/**
 * One change to many requests, each in its own transaction: a request
 * triaged meanwhile (or not one the subject may see) is listed as failed with
 * why, and the others are changed all the same. Each is audited on its own.
 */
export async function bulkChangeIntake(
  deps: IntakeDeps,
  subject: Subject,
  body: BulkIntakeBody,
): Promise<BulkIntakeResult> {
  const { change } = body;
  if (change.kind === 'assign' && change.assigneeId !== null) {
    await requireIntakeAssignee(deps.db, change.assigneeId, 'change.assigneeId');
  }
  const each: IntakeChange =
    change.kind === 'decline'
      ? { decline: change.reason }
      : change.kind === 'urgency'
        ? { urgency: change.urgency }
        : { assigneeId: change.assigneeId };
  const result: BulkIntakeResult = { changed: [], failed: [] };
  for (const id of new Set(body.ids)) {
    try {
      await applyIntakeChange(deps, subject, id, each);
      result.changed.push(id);
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'CONFLICT' && error.code !== 'NOT_FOUND')) throw error;
      result.failed.push({ id, code: error.code });
    }
  }
  return result;
}
