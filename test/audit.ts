import type { Kysely } from 'kysely';
import { AUDIT_GENESIS_HASH, appendAudit, auditEntryHash, type AuditEntry } from '../src/server/audit/audit.js';
import type { AuditRow, Database } from '../src/server/db/schema.js';

/** Audit-log test helpers: building a log, and tampering with it the ways an attacker would. */

/** A clock that moves `stepMs` forward on every reading. */
export function steppingClock(start = '2026-12-01T10:00:00.000Z', stepMs = 1000): () => Date {
  let time = Date.parse(start) - stepMs;
  return () => new Date((time += stepMs));
}

/** Appends `count` entries, each in its own transaction as a caller would. */
export async function appendEntries(
  db: Kysely<Database>,
  count: number,
  options: { clock?: () => Date; entry?: (index: number) => Partial<AuditEntry> } = {},
): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  for (let index = 0; index < count; index += 1) {
    const entry: AuditEntry = {
      actorId: 'u-1',
      action: 'case.read',
      objectType: 'case',
      objectId: `case-${index}`,
      outcome: 'success',
      ...options.entry?.(index),
    };
    rows.push(await db.transaction().execute((trx) => appendAudit(trx, entry, options.clock)));
  }
  return rows;
}

/** Empties the log and resets the head, so that tests can share one database. */
export async function resetAuditLog(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('audit_log').execute();
  await db.updateTable('audit_head').set({ seq: 0, hash: AUDIT_GENESIS_HASH }).where('id', '=', 1).execute();
}

export async function readLog(db: Kysely<Database>): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

/**
 * The attack a hash chain alone cannot catch: change entry `fromSeq` and
 * recompute every hash from there on, and the head, so the chain is consistent.
 */
export async function rewriteLogFrom(db: Kysely<Database>, fromSeq: number, action: string): Promise<void> {
  const rows = await readLog(db);
  let prevHash = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? AUDIT_GENESIS_HASH;
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    const fields = { ...row, action: row.seq === fromSeq ? action : row.action, prev_hash: prevHash };
    const hash = auditEntryHash(fields);
    await db
      .updateTable('audit_log')
      .set({ action: fields.action, prev_hash: prevHash, hash })
      .where('seq', '=', row.seq)
      .execute();
    prevHash = hash;
  }
  await db.updateTable('audit_head').set({ hash: prevHash }).where('id', '=', 1).execute();
}

/** Deletes entries from `fromSeq` on; with `moveHead`, points the head at the new last entry as a careful attacker would. */
export async function cutLogTail(db: Kysely<Database>, fromSeq: number, moveHead: boolean): Promise<void> {
  await db.deleteFrom('audit_log').where('seq', '>=', fromSeq).execute();
  if (!moveHead) return;
  const last = await db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  await db
    .updateTable('audit_head')
    .set({ seq: last?.seq ?? 0, hash: last?.hash ?? AUDIT_GENESIS_HASH })
    .where('id', '=', 1)
    .execute();
}
