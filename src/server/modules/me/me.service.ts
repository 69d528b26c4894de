import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/audit.js';
import { findUserById, markSessionEnrolled, setTotpLastStep } from '../../auth/auth.queries.js';
import type { Actor } from '../../auth/sessions.js';
import { newTotpSecret, totpEnrolment, verifyTotp, type TotpEnrolment } from '../../auth/totp.js';
import { openTotpSecret, sealTotpSecret } from '../../auth/totp-secrets.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import { issueRecoveryCodes } from '../session/session.service.js';

/**
 * Starts (or restarts) second-factor enrolment: a new secret, not yet
 * confirmed. Only a session that is still enrolling may do this, so a stolen
 * session of an enrolled user cannot swap the factor.
 */
export async function startEnrolment(
  db: Kysely<Database>,
  keyring: Keyring,
  actor: Actor,
  now: Date,
): Promise<TotpEnrolment> {
  if (!actor.session.factorPending) throw new AppError('CONFLICT', 'The second factor is already set up.');
  const secret = newTotpSecret();
  await db
    .updateTable('users')
    .set({
      totp_secret: await sealTotpSecret(db, keyring, actor.userId, secret),
      totp_confirmed_at: null,
      totp_last_step: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', actor.userId)
    .execute();
  return totpEnrolment(secret, actor.username);
}

/** Confirms enrolment with a first code; the session becomes a full one and ten recovery codes are issued. */
export async function confirmEnrolment(
  db: Kysely<Database>,
  keyring: Keyring,
  actor: Actor,
  code: string,
  now: Date,
): Promise<string[]> {
  if (!actor.session.factorPending) throw new AppError('CONFLICT', 'The second factor is already set up.');
  const user = await findUserById(db, actor.userId);
  if (user?.totp_secret == null) throw new AppError('CONFLICT', 'Start the enrolment first.');
  const sealed = user.totp_secret;
  const step = await verifyTotp(await openTotpSecret(db, keyring, user.id, sealed), code, user.totp_last_step, now);
  if (step === undefined) throw new AppError('INVALID_CODE');
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    await trx
      .updateTable('users')
      .set({ totp_confirmed_at: at, totp_last_step: step, updated_at: at })
      .where('id', '=', actor.userId)
      .where('totp_secret', '=', sealed)
      .execute();
    await markSessionEnrolled(trx, actor.session.tokenHash);
    const codes = await issueRecoveryCodes(trx, actor.userId);
    await appendAudit(
      trx,
      { actorId: actor.userId, action: 'totp.enrol', objectType: 'user', objectId: actor.userId, outcome: 'success' },
      () => now,
    );
    return codes;
  });
}

/** New recovery codes, after a current TOTP code proves the factor is at hand. */
export async function regenerateRecoveryCodes(
  db: Kysely<Database>,
  keyring: Keyring,
  actor: Actor,
  code: string,
  now: Date,
): Promise<string[]> {
  const user = await findUserById(db, actor.userId);
  if (user?.totp_secret == null || user.totp_confirmed_at === null) throw new AppError('INVALID_CODE');
  const secret = await openTotpSecret(db, keyring, user.id, user.totp_secret);
  const step = await verifyTotp(secret, code, user.totp_last_step, now);
  if (step === undefined) throw new AppError('INVALID_CODE');
  return db.transaction().execute(async (trx) => {
    await setTotpLastStep(trx, actor.userId, step, now.toISOString());
    const codes = await issueRecoveryCodes(trx, actor.userId);
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
    return codes;
  });
}
