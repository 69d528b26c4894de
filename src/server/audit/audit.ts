import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { dialectOf, isoNow } from '../db/dialect.js';
import type { AuditAction, AuditObjectType } from '../../shared/audit-actions.js';
import type { AuditRow, Database } from '../db/schema.js';

/**
 * The tamper-evident audit log.
 *
 * Each entry carries the SHA-256 of its own content and the hash of the entry
 * before it, so that altering, removing or reordering an entry breaks the
 * chain (`verify.ts`). The chain has no secret: someone who can write to the
 * database can rewrite it consistently from any entry onward, which is what
 * signed checkpoints held by an outside witness catch (`checkpoint.ts`).
 *
 * The log holds ids only, never names, contacts or free text: it is kept for
 * ever and cannot be edited, so personal data written into it could never be
 * purged. The patterns below enforce that shape; names shown in the audit
 * viewer are joined in at read time (`audit.queries.ts`).
 */

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEntry {
  /** The user who acted; null for the system or an anonymous visitor. */
  actorId: string | null;
  /** Dotted lower-case name of what happened, such as `session.login` or `case.read`: one of the shared list. */
  action: AuditAction;
  objectType: AuditObjectType | null;
  objectId: string | null;
  outcome: AuditOutcome;
}

/** The `prev_hash` of entry 1, and the head's hash while the log is empty. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: every column but the hash itself. */
export type HashedAuditFields = Omit<AuditRow, 'hash'>;

const ACTION = /^[a-z][a-z0-9_.]{1,63}$/;
const OBJECT_TYPE = /^[a-z_]{1,32}$/;
const OBJECT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** actor_id is varchar(36): a user id. */
const ACTOR_ID = /^[A-Za-z0-9_.:-]{1,36}$/;
const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>(['success', 'failure', 'denied']);

/**
 * The canonical encoding that an entry's hash is taken over: a JSON array in a
 * fixed order, led by a format tag so that a later encoding cannot be confused
 * with this one. JSON.stringify of strings, integers and nulls is exact and the
 * same on every Node version, so a verifier elsewhere can reproduce it.
 */
export function canonicalAuditEncoding(fields: HashedAuditFields): string {
  return JSON.stringify([
    'homeward-audit/1',
    fields.seq,
    fields.at,
    fields.actor_id,
    fields.action,
    fields.object_type,
    fields.object_id,
    fields.outcome,
    fields.prev_hash,
  ]);
}

/** SHA-256 (lower-case hex) of an entry's canonical encoding. */
export function auditEntryHash(fields: HashedAuditFields): string {
  return crypto.createHash('sha256').update(canonicalAuditEncoding(fields), 'utf8').digest('hex');
}

/** A programming error: an entry that does not have the shape the log allows. */
export class AuditEntryError extends Error {
  constructor(field: keyof AuditEntry) {
    // The value is left out on purpose: if it is personal data, it must not
    // reach the logs through this message either.
    super(`Invalid audit entry: ${field} does not have the allowed form (ids only, never names or free text)`);
    this.name = 'AuditEntryError';
  }
}

function checkEntry(entry: AuditEntry): void {
  if (!ACTION.test(entry.action)) throw new AuditEntryError('action');
  if (!OUTCOMES.has(entry.outcome)) throw new AuditEntryError('outcome');
  if (entry.actorId !== null && !ACTOR_ID.test(entry.actorId)) throw new AuditEntryError('actorId');
  if (entry.objectType !== null && !OBJECT_TYPE.test(entry.objectType)) throw new AuditEntryError('objectType');
  if (entry.objectId !== null && !OBJECT_ID.test(entry.objectId)) throw new AuditEntryError('objectId');
}

/**
 * Appends an entry to the log and moves the head, inside the caller's
 * transaction (`db` must be a Transaction<Database>): the entry then commits or
 * rolls back with the action it records. It refuses to run outside one, since
 * then two writers could read the same head and fork the chain.
 *
 * On PostgreSQL the head row is locked (SELECT … FOR UPDATE) so that concurrent
 * writers queue up; SQLite serializes writers by itself. The time is read
 * after the lock, so that `at` follows `seq`.
 */
export async function appendAudit(
  db: Kysely<Database>,
  entry: AuditEntry,
  clock: () => Date = () => new Date(),
): Promise<AuditRow> {
  checkEntry(entry);
  if (!db.isTransaction) {
    throw new Error('appendAudit must run inside the transaction of the action it records');
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .$if(dialectOf(db) === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  if (head === undefined) throw new Error('The audit_head row is missing: run "homeward migrate"');

  const fields: HashedAuditFields = {
    seq: head.seq + 1,
    at: isoNow(clock),
    actor_id: entry.actorId,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId,
    outcome: entry.outcome,
    prev_hash: head.hash,
  };
  const row: AuditRow = { ...fields, hash: auditEntryHash(fields) };
  await db.insertInto('audit_log').values(row).execute();
  const moved = await db
    .updateTable('audit_head')
    .set({ seq: row.seq, hash: row.hash })
    .where('id', '=', 1)
    .where('seq', '=', head.seq)
    .executeTakeFirst();
  // Cannot happen under the lock; if it ever does, fail the caller's transaction.
  if (moved.numUpdatedRows !== 1n) throw new Error('The audit head moved during an append');
  return row;
}
