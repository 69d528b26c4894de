import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { indexRecord } from '../../search/indexing.js';
import { loadSearchKey } from '../../search/search-key.js';
import { activeUsersOf, caseWorkers, notify } from '../notifications/notify.js';
import { assertOfferedTerm } from '../vocabularies/vocabularies.service.js';
import {
  findIntake,
  findIntakeIdByContent,
  findIntakeIdByReceipt,
  findIntakeIdBySubmission,
  insertIntake,
  insertMessage,
  listMessages,
  updateOpenIntake,
  type IntakeRow,
} from './intake.queries.js';
import { LIMITS, type IntakeInput } from './intake.schema.js';
import { looksLikeReceiptCode, newReceiptCode, receiptHash } from './receipt.js';

/** What the intake service needs. */
export interface IntakeDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  clock: () => Date;
}

type SealedField = 'handle' | 'contact' | 'text';

const owner = (id: string) => ({ type: 'intake', id }) as const;
const ref = (id: string, field: SealedField) => ({ table: 'intake_requests', rowId: id, field });
const messageRef = (id: string) => ({ table: 'intake_messages', rowId: id, field: 'body' });

/** Codes checked against their vocabularies; VALIDATION_FAILED names the field. */
async function checkVocabulary(db: Kysely<Database>, input: IntakeInput & { channel: string }): Promise<void> {
  await assertOfferedTerm(db, 'channel', { code: input.channel }, 'channel');
  await assertOfferedTerm(db, 'requester_role', { code: input.requesterRole }, 'requesterRole');
  const optional = [
    ['region', input.region, 'region'],
    ['service_category', input.serviceCategory, 'serviceCategory'],
    ['force', input.force, 'force'],
    ['location_type', input.locationType, 'locationType'],
  ] as const;
  for (const [vocabulary, code, field] of optional) {
    if (code != null) await assertOfferedTerm(db, vocabulary, { code }, field);
  }
}

const blank = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

/**
 * Stores a request from any channel. Handle, contact and text are sealed under
 * the request's own data key; plain columns hold only vocabulary codes,
 * counts, flags and times. Returns the receipt code, which is stored only as
 * its SHA-256 and must be shown to the requester once. With a submission key
 * (the public form's, as an HMAC) a key already used answers CONFLICT and
 * stores nothing, however many posts of one form arrive at once; so does a
 * content key (the same visitor's same story, sent from a new rendering of
 * the form) already used. The unique indexes decide races on both databases.
 */
export async function createIntakeRequest(
  deps: IntakeDeps,
  input: IntakeInput,
  source: IntakeSource,
): Promise<{ id: string; receiptCode: string }> {
  const id = crypto.randomUUID();
  const receiptCode = newReceiptCode();
  const searchKey = await loadSearchKey(deps.db, deps.keyring);
  const submitted = () => submissionReceived(deps, source);
  const alreadyReceived = () => new AppError('CONFLICT', 'This form has been received already.');
  if (await submitted()) throw alreadyReceived();
  try {
    await deps.db
      .transaction()
      .execute((trx) => storeRequest(trx, deps, { id, receiptCode, searchKey }, input, source));
  } catch (error) {
    // The unique index decides a race: the loser's insert fails and its transaction rolls back whole.
    if (await submitted()) throw alreadyReceived();
    throw error;
  }
  return { id, receiptCode };
}

export interface IntakeSource {
  channel: string;
  apiTokenId?: string | undefined;
  /** The public form's one-time submission key, as an HMAC (src/public/form-guard.ts). */
  submissionHash?: string | undefined;
  /** The public form's visitor-and-content key, as an HMAC (`contentHash` in src/public/form-guard.ts). */
  contentHash?: string | undefined;
  /**
   * Runs in the request's transaction once its row (and so its submission
   * key) is written: the public form counts the request against its throttle
   * here, so a repeat that loses the key's race counts nothing, and a refusal
   * (a thrown error) leaves nothing stored.
   */
  admit?: ((trx: Kysely<Database>) => Promise<void>) | undefined;
}

/** The request's rows, sealed fields, search record and audit entry, in the caller's transaction. */
async function storeRequest(
  trx: Kysely<Database>,
  deps: IntakeDeps,
  made: { id: string; receiptCode: string; searchKey: Awaited<ReturnType<typeof loadSearchKey>> },
  input: IntakeInput,
  source: IntakeSource,
): Promise<void> {
  const { keyring, clock } = deps;
  const { id, receiptCode, searchKey } = made;
  await checkVocabulary(trx, { ...input, channel: source.channel });
  const at = clock().toISOString();
  const handle = blank(input.handle);
  const contact = blank(input.contact);
  const seal = (field: SealedField, value: string) => keyring.seal(trx, owner(id), ref(id, field), value);
  await insertIntake(trx, {
    id,
    receipt_hash: receiptHash(receiptCode),
    channel: source.channel,
    requester_role: input.requesterRole,
    group_size: input.groupSize,
    region: input.region ?? null,
    service_category: input.serviceCategory ?? null,
    force: input.force ?? null,
    location_type: input.locationType ?? null,
    urgency: input.urgency,
    consent_documentation: input.consentDocumentation ? 1 : 0,
    consent_statistics: input.consentStatistics ? 1 : 0,
    status: 'new',
    decline_reason: null,
    case_id: null,
    api_token_id: source.apiTokenId ?? null,
    submission_hash: source.submissionHash ?? null,
    content_hash: source.contentHash ?? null,
    handle_sealed: handle === null ? null : await seal('handle', handle),
    contact_sealed: contact === null ? null : await seal('contact', contact),
    text_sealed: await seal('text', input.text),
    created_at: at,
    updated_at: at,
    triaged_by: null,
    triaged_at: null,
  });
  await source.admit?.(trx);
  if (input.urgency === 'critical') await notifyCritical(trx, id, at);
  await indexRecord(trx, searchKey, {
    recordType: 'intake',
    recordId: id,
    date: at,
    fields: [
      { name: 'text', text: input.text, kind: 'text' },
      ...(handle === null ? [] : [{ name: 'name', text: handle, kind: 'name' as const }]),
    ],
  });
  await appendAudit(
    trx,
    { actorId: null, action: 'intake.create', objectType: 'intake', objectId: id, outcome: 'success' },
    clock,
  );
}

/** A critical request waits: every active coordinator and intake volunteer is told, in the request's transaction. */
export async function notifyCritical(
  trx: Kysely<Database>,
  intakeId: string,
  at: string,
  actorId?: string,
): Promise<void> {
  const userIds = await activeUsersOf(trx, ['coordinator', 'intake']);
  await notify(trx, { kind: 'critical_request', objectType: 'intake', objectId: intakeId, userIds, actorId, at });
}

/**
 * Whether a public-form submission key, or the same visitor's same content
 * (each as its HMAC), has made a request already.
 */
export async function submissionReceived(
  deps: Pick<IntakeDeps, 'db'>,
  keys: Pick<IntakeSource, 'submissionHash' | 'contentHash'>,
): Promise<boolean> {
  const { submissionHash, contentHash } = keys;
  if (submissionHash !== undefined && (await findIntakeIdBySubmission(deps.db, submissionHash)) !== undefined) {
    return true;
  }
  return contentHash !== undefined && (await findIntakeIdByContent(deps.db, contentHash)) !== undefined;
}

/** The request a receipt code names, or undefined; a malformed code names none. */
export async function requestOfReceipt(deps: Pick<IntakeDeps, 'db'>, receiptCode: string): Promise<string | undefined> {
  // Hash even a malformed code, so both paths cost about the same.
  const found = await findIntakeIdByReceipt(deps.db, receiptHash(receiptCode));
  return found === undefined || !looksLikeReceiptCode(receiptCode) ? undefined : found.id;
}

/**
 * Adds the requester's follow-up message to the request their receipt code
 * names. A wrong code answers NOT_FOUND and nothing else: not whether the
 * request exists, was declined or became a case.
 */
export async function addFollowUp(deps: IntakeDeps, receiptCode: string, message: string): Promise<void> {
  const { db, keyring, clock } = deps;
  const body = message.trim();
  if (body.length === 0 || body.length > LIMITS.message) {
    throw validationError([{ path: 'message', message: `must have 1 to ${LIMITS.message} characters` }]);
  }
  // Hash even a malformed code, so both paths cost about the same.
  const hash = receiptHash(receiptCode);
  const found = await findIntakeIdByReceipt(db, hash);
  if (found === undefined || !looksLikeReceiptCode(receiptCode)) throw new AppError('NOT_FOUND');
  const searchKey = await loadSearchKey(db, keyring);
  await db.transaction().execute(async (trx) => {
    const id = crypto.randomUUID();
    const at = clock().toISOString();
    await insertMessage(trx, {
      id,
      intake_id: found.id,
      body_sealed: await keyring.seal(trx, owner(found.id), messageRef(id), body),
      created_at: at,
    });
    await notifyFollowUp(trx, found.id, at);
    const opened = await openIntakeText({ db: trx, keyring }, found.id);
    await indexRecord(trx, searchKey, {
      recordType: 'intake',
      recordId: found.id,
      date: found.created_at,
      fields: [
        { name: 'text', text: opened.text, kind: 'text' },
        { name: 'message', text: opened.messages.map((m) => m.body).join('\n'), kind: 'text' },
        ...(opened.handle === null ? [] : [{ name: 'name', text: opened.handle, kind: 'name' as const }]),
      ],
    });
    await appendAudit(
      trx,
      { actorId: null, action: 'intake.follow_up', objectType: 'intake', objectId: found.id, outcome: 'success' },
      clock,
    );
  });
}

/**
 * A follow-up arrived: those working on it are told. On a request that became
 * a case, the users holding a grant on the case (the notice names the case);
 * on one still in the queue, the volunteer it is assigned to (or who took it
 * into triage), or while it is nobody's, every active intake volunteer and
 * coordinator.
 */
async function notifyFollowUp(trx: Kysely<Database>, intakeId: string, at: string): Promise<void> {
  const row = await findIntake(trx, intakeId);
  if (row === undefined) return;
  if (row.case_id !== null) {
    const userIds = await caseWorkers(trx, row.case_id);
    await notify(trx, { kind: 'follow_up', objectType: 'case', objectId: row.case_id, userIds, at });
    return;
  }
  const owner = row.assignee_id ?? row.triaged_by;
  const userIds = owner === null ? await activeUsersOf(trx, ['coordinator', 'intake']) : [owner];
  await notify(trx, { kind: 'follow_up', objectType: 'intake', objectId: intakeId, userIds, at });
}

export interface OpenedIntake {
  row: IntakeRow;
  handle: string | null;
  contact: string | null;
  text: string;
  messages: { id: string; body: string; createdAt: string }[];
}

/** Opens a request's sealed fields and its follow-ups. The caller audits the read. NOT_FOUND when missing. */
export async function openIntakeText(
  deps: Pick<IntakeDeps, 'db' | 'keyring'>,
  intakeId: string,
): Promise<OpenedIntake> {
  const { db, keyring } = deps;
  const row = await findIntake(db, intakeId);
  if (row === undefined) throw new AppError('NOT_FOUND');
  const openField = async (field: SealedField, sealed: Buffer | null) =>
    sealed === null ? null : keyring.openText(db, ref(intakeId, field), Buffer.from(sealed));
  const messages = await Promise.all(
    (await listMessages(db, intakeId)).map(async (m) => ({
      id: m.id,
      body: await keyring.openText(db, messageRef(m.id), Buffer.from(m.body_sealed)),
      createdAt: m.created_at,
    })),
  );
  return {
    row,
    handle: await openField('handle', row.handle_sealed),
    contact: await openField('contact', row.contact_sealed),
    text: (await openField('text', row.text_sealed)) ?? '',
    messages,
  };
}

/**
 * For the cases module: marks a request as turned into a case (`opened`) or
 * merged into one (`attached`), inside the caller's transaction. CONFLICT if
 * it was already triaged, NOT_FOUND if it does not exist. Audited as
 * `intake.triage` with the request's id.
 */
export async function markIntakeTriaged(
  trx: Kysely<Database>,
  intakeId: string,
  change: { status: 'opened' | 'attached'; caseId: string; actorId: string; at: string },
): Promise<void> {
  const updated = await updateOpenIntake(trx, intakeId, {
    status: change.status,
    case_id: change.caseId,
    triaged_by: change.actorId,
    triaged_at: change.at,
    updated_at: change.at,
  });
  if (updated === 0) {
    if ((await findIntake(trx, intakeId)) === undefined) throw new AppError('NOT_FOUND');
    throw new AppError('CONFLICT', 'This request has been triaged already.');
  }
  await appendAudit(
    trx,
    { actorId: change.actorId, action: 'intake.triage', objectType: 'intake', objectId: intakeId, outcome: 'success' },
    () => new Date(change.at),
  );
}
