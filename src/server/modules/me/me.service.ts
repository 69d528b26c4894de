import type { AuditAction, AuditObjectType } from '../../../shared/audit-actions.js';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { claimTotpStep, deleteUserSessions, findUserById } from '../../auth/auth.queries.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { createSession, type Actor, type NewSession } from '../../auth/sessions.js';
import { forgetTries, POLICIES, takeAttempt, type ThrottleDeps } from '../../auth/throttle.js';
import { newTotpSecret, totpEnrolment, verifyTotp, type TotpEnrolment } from '../../auth/totp.js';
import { openTotpSecret, sealTotpSecret } from '../../auth/totp-secrets.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database, UserRow } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';
import { checkNewPassword, issueRecoveryCodes } from '../session/session.service.js';

/**
 * Starts (or restarts) second-factor enrolment: a new secret, not yet
 * confirmed. Only a session that is still enrolling may do this, and only
 * while the factor is unconfirmed, so a stolen session of an enrolled user
 * (or another enrolling session left over) cannot swap the factor.
 */
export async function startEnrolment(
  db: Kysely<Database>,
  keyring: Keyring,
  actor: Actor,
  now: Date,
): Promise<TotpEnrolment> {
  if (!actor.session.factorPending) throw new AppError('CONFLICT', 'The second factor is already set up.');
  const secret = newTotpSecret();
  const result = await db
    .updateTable('users')
    .set({
      totp_secret: await sealTotpSecret(db, keyring, actor.userId, secret),
      totp_confirmed_at: null,
      totp_last_step: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', actor.userId)
    .where('totp_confirmed_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('CONFLICT', 'The second factor is already set up.');
  return totpEnrolment(secret, actor.username);
}

export interface Enrolled {
  recoveryCodes: string[];
  /** The session that replaces the enrolling one: a new id and cookie. */
  session: NewSession;
  user: UserRow;
}

/**
 * Confirms enrolment with a first code. The session is renewed: every
 * session of the user ends (the enrolling one included, and any other left
 * enrolling) and a new full one is made, so a token seen before the factor
 * existed is worth nothing after. Ten recovery codes are issued.
 */
export async function confirmEnrolment(
  deps: ThrottleDeps,
  actor: Actor,
  code: string,
  facts: { now: Date; userAgent: string | undefined },
): Promise<Enrolled> {
  const { db, keyring } = deps;
  const { now } = facts;
  if (!actor.session.factorPending) throw new AppError('CONFLICT', 'The second factor is already set up.');
  const user = await findUserById(db, actor.userId);
  if (user?.totp_secret == null) throw new AppError('CONFLICT', 'Start the enrolment first.');
  const counted = await takeAttempt(deps, POLICIES.totp, actor.userId, now);
  const sealed = user.totp_secret;
  const step = await verifyTotp(await openTotpSecret(db, keyring, user.id, sealed), code, user.totp_last_step, now);
  const outcome =
    step === undefined
      ? 'wrong'
      : await db.transaction().execute(async (trx): Promise<Enrolled | 'wrong'> => {
          const at = now.toISOString();
          // Only for the secret the code was checked against, once, and only if still unconfirmed.
          const confirmed = await trx
            .updateTable('users')
            .set({ totp_confirmed_at: at, totp_last_step: step, updated_at: at })
            .where('id', '=', actor.userId)
            .where('totp_secret', '=', sealed)
            .where('totp_confirmed_at', 'is', null)
            .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
            .executeTakeFirst();
          if (Number(confirmed.numUpdatedRows) === 0) return 'wrong';
          await forgetTries(trx, counted);
          await deleteUserSessions(trx, actor.userId);
          const session = await createSession(trx, actor.userId, {
            factorPending: false,
            userAgent: facts.userAgent,
            now,
          });
          const recoveryCodes = await issueRecoveryCodes(trx, actor.userId);
          const audit = (action: AuditAction, objectType: AuditObjectType, objectId: string) =>
            appendAudit(trx, { actorId: actor.userId, action, objectType, objectId, outcome: 'success' }, () => now);
          await audit('totp.enrol', 'user', actor.userId);
          await audit('session.renew', 'session', session.id);
          return { recoveryCodes, session, user: { ...user, totp_confirmed_at: at, totp_last_step: step } };
        });
  if (outcome === 'wrong') {
    await auditFailure(db, actor.userId, 'totp.enrol_failed', now);
    throw new AppError('INVALID_CODE');
  }
  return outcome;
}

/** New recovery codes, after a current TOTP code proves the factor is at hand. */
export async function regenerateRecoveryCodes(
  deps: ThrottleDeps,
  actor: Actor,
  code: string,
  now: Date,
): Promise<string[]> {
  const { db, keyring } = deps;
  const counted = await takeAttempt(deps, POLICIES.totp, actor.userId, now);
  const user = await findUserById(db, actor.userId);
  const step =
    user?.totp_secret == null || user.totp_confirmed_at === null
      ? undefined
      : await verifyTotp(await openTotpSecret(db, keyring, user.id, user.totp_secret), code, user.totp_last_step, now);
  const codes =
    step === undefined
      ? undefined
      : await db.transaction().execute(async (trx) => {
          if (!(await claimTotpStep(trx, actor.userId, step, now.toISOString()))) return undefined;
          await forgetTries(trx, counted);
          const fresh = await issueRecoveryCodes(trx, actor.userId);
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              action: 'recovery_codes.regenerate',
              objectType: 'user',
              objectId: actor.userId,
              outcome: 'success',
            },
            () => now,
          );
          return fresh;
        });
  if (codes === undefined) {
    await auditFailure(db, actor.userId, 'recovery_codes.regenerate_failed', now);
    throw new AppError('INVALID_CODE');
  }
  return codes;
}

/**
 * Changes a password after checking the current one; the user's other
 * sessions end. The new password is checked first (that reveals nothing),
 * then the try is counted, then the current password is verified.
 */
export async function changePassword(
  deps: ThrottleDeps,
  actor: { userId: string; tokenHash: string },
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  const { db } = deps;
  checkNewPassword(input.newPassword, 'newPassword');
  const counted = await takeAttempt(deps, POLICIES.password, actor.userId, now);
  const user = await findUserById(db, actor.userId);
  if (user === undefined || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await auditFailure(db, actor.userId, 'password.change_failed', now);
    throw validationError([{ path: 'currentPassword', message: 'is wrong', reason: 'incorrect' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where('id', '=', actor.userId)
      .execute();
    await forgetTries(trx, counted);
    await deleteUserSessions(trx, actor.userId, actor.tokenHash);
    await appendAudit(
      trx,
      {
        actorId: actor.userId,
        action: 'password.change',
        objectType: 'user',
        objectId: actor.userId,
        outcome: 'success',
      },
      () => now,
    );
  });
}

/** A wrong secret from a signed-in user is recorded: a stolen session probing the factor shows in the log. */
async function auditFailure(db: Kysely<Database>, userId: string, action: AuditAction, now: Date): Promise<void> {
  await db
    .transaction()
    .execute((trx) =>
      appendAudit(
        trx,
        { actorId: userId, action, objectType: 'user', objectId: userId, outcome: 'failure' },
        () => now,
      ),
    );
}
