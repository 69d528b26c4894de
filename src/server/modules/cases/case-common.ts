import type { AuditAction } from '../../../shared/audit-actions.js';
import type { Kysely } from 'kysely';
import type { RouteDeps } from '../../app.js';
import { appendAudit } from '../../audit/audit.js';
import type { Db } from '../../auth/auth.queries.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { findCase, type CaseRow } from './cases.queries.js';

export type CaseDeps = Pick<RouteDeps, 'db' | 'keyring' | 'clock'>;

/** Audits one action on a case (or a listing, with no case), in the action's transaction; ids only. */
export function auditCase(
  trx: Kysely<Database>,
  deps: CaseDeps,
  actorId: string,
  action: AuditAction,
  caseId: string | null,
): Promise<unknown> {
  return appendAudit(
    trx,
    { actorId, action, objectType: caseId === null ? null : 'case', objectId: caseId, outcome: 'success' },
    deps.clock,
  );
}

/** The case, or NOT_FOUND (a coordinator passes the access check for any id). */
export async function requireCase(db: Db, caseId: string): Promise<CaseRow> {
  const row = await findCase(db, caseId);
  if (row === undefined) throw new AppError('NOT_FOUND');
  return row;
}
