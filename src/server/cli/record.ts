import type { AuditAction, AuditObjectType } from '../../shared/audit-actions.js';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import type { Database } from '../db/schema.js';

/**
 * Records an operator's procedure run from the command line (key rotation,
 * backup, restore, checkpoint) in the audit log: the system acts (no user is
 * signed in), and the entry names ids only, as every entry does.
 */
export async function recordProcedure(
  db: Kysely<Database>,
  entry: { action: AuditAction; objectType: AuditObjectType; objectId: string | null },
): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, { actorId: null, outcome: 'success', ...entry }));
}
