import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { GRANTABLE_ROLES } from '../../auth/access.js';
import { forUpdate } from '../../db/dialect.js';
import type { Database } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { isOpenStatus } from '../../../shared/intake.schema.js';
import { insertCaseGrant } from '../grants/grants.queries.js';
import { markIntakeTriaged } from '../intake/intake.service.js';
import type { IntakeRow } from '../intake/intake.queries.js';
import { insertEvent } from './cases.queries.js';
import { notify } from '../notifications/notify.js';

/**
 * The request a case is being opened from, locked until the case is made: of
 * two coordinators opening a case from it at once, the second waits here and
 * then finds it triaged (CONFLICT), before anything of its case is written.
 * An unknown request is bad input of this route: VALIDATION_FAILED naming
 * `intakeId`.
 */
export async function lockOpenIntake(trx: Kysely<Database>, intakeId: string): Promise<IntakeRow> {
  const row = await forUpdate(
    trx,
    trx.selectFrom('intake_requests').selectAll().where('id', '=', intakeId),
  ).executeTakeFirst();
  if (row === undefined) {
    throw validationError([{ path: 'intakeId', message: 'there is no such intake request', reason: 'not_found' }]);
  }
  if (!isOpenStatus(row.status)) throw new AppError('CONFLICT', 'This request has been triaged already.');
  return row;
}

/**
 * Marks an intake request as opened as, or attached to, a case, in the
 * caller's transaction (the intake module audits it). An unknown request is
 * bad input of this route: VALIDATION_FAILED naming `intakeId`.
 */
export async function triageIntakeInto(
  trx: Kysely<Database>,
  intakeId: string,
  change: { status: 'opened' | 'attached'; caseId: string; actorId: string; at: string },
): Promise<void> {
  try {
    await markIntakeTriaged(trx, intakeId, change);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw validationError([{ path: 'intakeId', message: 'there is no such intake request', reason: 'not_found' }]);
    }
    throw error;
  }
}

/**
 * Gives a new case to the people chosen on its form, in the case's
 * transaction: each must be an active caseworker, lawyer or coordinator
 * (VALIDATION_FAILED naming `assigneeIds.<n>` otherwise). Each grant is on the
 * case's timeline and in the audit log, like one given on the case page.
 */
export async function assignNewCase(
  trx: Kysely<Database>,
  caseId: string,
  userIds: readonly string[],
  actor: { actorId: string; at: string },
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const users = await trx
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', 'in', unique)
    .where('disabled_at', 'is', null)
    .execute();
  const eligible = new Set(users.filter((user) => GRANTABLE_ROLES.includes(user.role)).map((user) => user.id));
  const wrong = userIds.flatMap((id, index) =>
    eligible.has(id)
      ? []
      : [
          {
            path: `assigneeIds.${String(index)}`,
            message: 'is not an active caseworker, lawyer or coordinator',
            reason: 'not_found' as const,
          },
        ],
  );
  if (wrong.length > 0) throw validationError(wrong);
  for (const userId of unique) {
    await insertCaseGrant(trx, { case_id: caseId, user_id: userId, granted_by: actor.actorId, granted_at: actor.at });
    await insertEvent(trx, {
      id: crypto.randomUUID(),
      case_id: caseId,
      kind: 'grant',
      actor_id: actor.actorId,
      target_user_id: userId,
      detail: 'added',
      at: actor.at,
    });
    await notify(trx, { kind: 'case_assigned', objectType: 'case', objectId: caseId, userIds: [userId], ...actor });
    await appendAudit(
      trx,
      { actorId: actor.actorId, action: 'grant.add', objectType: 'case', objectId: caseId, outcome: 'success' },
      () => new Date(actor.at),
    );
  }
}
