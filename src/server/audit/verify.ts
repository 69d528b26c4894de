import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { AUDIT_GENESIS_HASH, auditEntryHash } from './audit.js';

/**
 * Why a log fails verification:
 * - `gap`: an entry number is missing (an entry was removed);
 * - `broken_link`: an entry's prev_hash is not the hash of the entry before it
 *   (entries were reordered, or the one before was altered and re-hashed);
 * - `altered`: an entry's hash does not match its content;
 * - `head_mismatch`: the head row does not name the last entry (the tail was
 *   cut off, or the head edited);
 * - `empty`: the log has no entries although the installation has accounts,
 *   whose creation is always audited (the log and its head were wiped).
 */
export type AuditVerifyReason = 'gap' | 'broken_link' | 'altered' | 'head_mismatch' | 'empty';

export interface AuditVerifyOk {
  ok: true;
  count: number;
  /** 0 and the genesis hash while the log is empty. */
  headSeq: number;
  headHash: string;
}

export interface AuditVerifyFailure {
  ok: false;
  /**
   * The first entry number at which the log differs from an intact chain: for
   * a gap, the missing number; for a broken link, the entry whose prev_hash
   * does not match; for a head mismatch, the first entry the head and the log
   * disagree about.
   */
  firstBadSeq: number;
  reason: AuditVerifyReason;
}

export type AuditVerifyResult = AuditVerifyOk | AuditVerifyFailure;

/** Rows read per query: a long log is checked without holding it in memory. */
export const VERIFY_PAGE_SIZE = 1000;

/**
 * Runs `read` on one consistent snapshot of the database, so that entries
 * appended by a running server while it reads do not look like a head
 * mismatch. PostgreSQL needs REPEATABLE READ for that; a SQLite transaction
 * (WAL) reads one snapshot already. Inside a caller's transaction, that one is
 * used as it is.
 */
export function readSnapshot<T>(db: Kysely<Database>, read: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return read(db);
  const builder = db.transaction();
  const snapshot =
    dialectOf(db) === 'postgres'
      ? builder.setIsolationLevel('repeatable read').setAccessMode('read only')
      : // Read only: on SQLite it begins deferred, not holding a running server's writer lock.
        builder.setAccessMode('read only');
  return snapshot.execute(read);
}

/** Checks the whole chain, oldest entry first, and then the head. */
export function verifyAuditLog(db: Kysely<Database>, pageSize = VERIFY_PAGE_SIZE): Promise<AuditVerifyResult> {
  return readSnapshot(db, (trx) => verifyIn(trx, pageSize));
}

async function verifyIn(db: Kysely<Database>, pageSize: number): Promise<AuditVerifyResult> {
  let lastSeq = 0;
  let lastHash = AUDIT_GENESIS_HASH;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const expected = lastSeq + 1;
      if (row.seq !== expected) return { ok: false, firstBadSeq: expected, reason: 'gap' };
      if (row.prev_hash !== lastHash) return { ok: false, firstBadSeq: row.seq, reason: 'broken_link' };
      if (auditEntryHash(row) !== row.hash) return { ok: false, firstBadSeq: row.seq, reason: 'altered' };
      lastSeq = row.seq;
      lastHash = row.hash;
    }
    if (rows.length < pageSize) break;
  }

  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (head?.seq !== lastSeq || head.hash !== lastHash) {
    const headSeq = head?.seq ?? lastSeq;
    // Equal numbers with another hash: the head itself was edited.
    const firstBadSeq = headSeq === lastSeq ? Math.max(lastSeq, 1) : Math.min(headSeq, lastSeq) + 1;
    return { ok: false, firstBadSeq, reason: 'head_mismatch' };
  }
  // An empty chain is consistent by itself; only the data around it shows it was wiped.
  if (lastSeq === 0 && (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined) {
    return { ok: false, firstBadSeq: 1, reason: 'empty' };
  }
  return { ok: true, count: lastSeq, headSeq: lastSeq, headHash: lastHash };
}
