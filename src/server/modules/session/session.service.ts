import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionState } from '../../../shared/accounts.js';
import { appendAudit } from '../../audit/audit.js';
import {
  countUsers,
  deleteSetting,
  deleteUserSessions,
  findUserById,
  findUserByUsername,
  getSetting,
  putSetting,
  replaceRecoveryCodes,
  setTotpLastStep,
  useRecoveryCode,
  type Db,
} from '../../auth/auth.queries.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../../auth/passwords.js';
import { createSession, IDLE_TIMEOUT_MS, type NewSession } from '../../auth/sessions.js';
import { lockedFor, recordFailure, recordSuccess, throttleKeys } from '../../auth/throttle.js';
import {
  constantTimeEqual,
  looksLikeRecoveryCode,
  newRecoveryCodes,
  randomToken,
  recoveryCodeHash,
  sha256Hex,
} from '../../auth/tokens.js';
import { verifyTotp } from '../../auth/totp.js';
import { openTotpSecret } from '../../auth/totp-secrets.js';
import type { Keyring } from '../../crypto/keyring.js';
import type { Database, UserRow } from '../../db/schema.js';
import { AppError, validationError } from '../../http/errors.js';

const SETUP_TOKEN_KEY = 'setup_token_hash';

export interface RequestFacts {
  address: string;
  userAgent: string | undefined;
  now: Date;
}

export interface SignedIn {
  session: NewSession;
  state: SessionState;
}

export function sessionState(user: UserRow, session: NewSession, factorPending: boolean): SessionState {
  return {
    user: { id: user.id, username: user.username, role: user.role, factorEnrolled: user.totp_confirmed_at !== null },
    session: {
      id: session.id,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      idleExpiresAt: new Date(Date.parse(session.createdAt) + IDLE_TIMEOUT_MS).toISOString(),
    },
    enrolmentRequired: factorPending,
  };
}

/** Throws VALIDATION_FAILED naming `field` when a new password breaks the rules. */
export function checkNewPassword(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem !== undefined) throw validationError([{ path: field, message: problem }]);
}

/**
 * Signs a user in with password and second factor. Every failure answers the
 * same INVALID_CREDENTIALS, whether the account exists or not, and takes
 * about as long (an unknown name still costs one Argon2 verification).
 */
export async function login(
  db: Kysely<Database>,
  keyring: Keyring,
  input: { username: string; password: string; code?: string | undefined },
  facts: RequestFacts,
): Promise<SignedIn> {
  const keys = throttleKeys(input.username, facts.address);
  const wait = await lockedFor(db, keys, facts.now);
  if (wait > 0) throw new AppError('RATE_LIMITED', `Too many failed sign-ins. Try again in ${wait} seconds.`);

  const user = await findUserByUsername(db, input.username);
  const passwordOk =
    user === undefined
      ? await verifyAgainstDummy(input.password)
      : await verifyPassword(user.password_hash, input.password);

  // A failure is recorded (throttle and audit) and committed; the error is
  // thrown only after the transaction, or the record would roll back with it.
  const outcome = await db.transaction().execute(async (trx): Promise<SignedIn | 'failed'> => {
    const factor =
      user !== undefined && passwordOk && user.disabled_at === null
        ? await checkSecondFactor(trx, keyring, user, input.code, facts.now)
        : 'wrong';
    if (user === undefined || factor === 'wrong') {
      await recordFailure(trx, keys, facts.now);
      await appendAudit(
        trx,
        {
          actorId: user?.id ?? null,
          action: 'session.login_failed',
          objectType: null,
          objectId: null,
          outcome: 'failure',
        },
        () => facts.now,
      );
      return 'failed';
    }
    await recordSuccess(trx, keys);
    const factorPending = factor === 'not_enrolled';
    const session = await createSession(trx, user.id, { factorPending, userAgent: facts.userAgent, now: facts.now });
    await appendAudit(
      trx,
      { actorId: user.id, action: 'session.login', objectType: 'session', objectId: session.id, outcome: 'success' },
      () => facts.now,
    );
    return { session, state: sessionState(user, session, factorPending) };
  });
  if (outcome === 'failed') throw new AppError('INVALID_CREDENTIALS');
  return outcome;
}

/** 'ok' for a good code, 'not_enrolled' when the user has no factor yet, else 'wrong'. */
async function checkSecondFactor(
  db: Kysely<Database>,
  keyring: Keyring,
  user: UserRow,
  code: string | undefined,
  now: Date,
): Promise<'ok' | 'not_enrolled' | 'wrong'> {
  if (user.totp_confirmed_at === null || user.totp_secret === null) return 'not_enrolled';
  if (code === undefined || code === '') return 'wrong';
  if (looksLikeRecoveryCode(code)) {
    return (await useRecoveryCode(db, user.id, recoveryCodeHash(code), now.toISOString())) ? 'ok' : 'wrong';
  }
  const secret = await openTotpSecret(db, keyring, user.id, user.totp_secret);
  const step = await verifyTotp(secret, code, user.totp_last_step, now);
  if (step === undefined) return 'wrong';
  await setTotpLastStep(db, user.id, step, now.toISOString());
  return 'ok';
}

/** Whether the installation still needs its first administrator. */
export async function setupNeeded(db: Db): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/**
 * On a new installation (no users), makes a one-time setup token, stores its
 * hash and returns it for the operator; otherwise returns undefined. Each
 * start replaces the previous token.
 */
export async function issueSetupToken(db: Kysely<Database>, now: Date): Promise<string | undefined> {
  if (!(await setupNeeded(db))) {
    await deleteSetting(db, SETUP_TOKEN_KEY);
    return undefined;
  }
  const token = randomToken().slice(0, 24);
  await putSetting(db, SETUP_TOKEN_KEY, sha256Hex(token), now.toISOString());
  return token;
}

/** Creates the first administrator with the setup token and signs them in to enrol their second factor. */
export async function completeSetup(
  db: Kysely<Database>,
  input: { token: string; username: string; password: string },
  facts: RequestFacts,
): Promise<SignedIn> {
  checkNewPassword(input.password, 'password');
  const keys = throttleKeys('setup', facts.address);
  const wait = await lockedFor(db, keys, facts.now);
  if (wait > 0) throw new AppError('RATE_LIMITED', `Too many wrong setup tokens. Try again in ${wait} seconds.`);
  const passwordHash = await hashPassword(input.password);
  const outcome = await db.transaction().execute(async (trx): Promise<SignedIn | 'wrong_token'> => {
    if (!(await setupNeeded(trx))) throw new AppError('SETUP_NOT_AVAILABLE');
    const stored = await getSetting(trx, SETUP_TOKEN_KEY);
    if (stored === undefined || !constantTimeEqual(stored, sha256Hex(input.token))) {
      // Committed before the error is thrown (see login).
      await recordFailure(trx, keys, facts.now);
      await appendAudit(
        trx,
        { actorId: null, action: 'setup.failed', objectType: null, objectId: null, outcome: 'failure' },
        () => facts.now,
      );
      return 'wrong_token';
    }
    const at = facts.now.toISOString();
    const user: UserRow = {
      id: crypto.randomUUID(),
      username: input.username,
      username_key: input.username.toLowerCase(),
      role: 'admin',
      password_hash: passwordHash,
      totp_secret: null,
      totp_confirmed_at: null,
      totp_last_step: null,
      disabled_at: null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('users').values(user).execute();
    await deleteSetting(trx, SETUP_TOKEN_KEY);
    const session = await createSession(trx, user.id, {
      factorPending: true,
      userAgent: facts.userAgent,
      now: facts.now,
    });
    const audit = (action: string, objectType: string, objectId: string) =>
      appendAudit(trx, { actorId: user.id, action, objectType, objectId, outcome: 'success' }, () => facts.now);
    await audit('setup.complete', 'user', user.id);
    await audit('session.login', 'session', session.id);
    return { session, state: sessionState(user, session, true) };
  });
  if (outcome === 'wrong_token') throw new AppError('INVALID_SETUP_TOKEN');
  return outcome;
}

/** Replaces a user's recovery codes with ten new ones and returns them (shown once). */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db, userId, codes.map(recoveryCodeHash));
  return codes;
}

/** Changes a password after checking the current one; the user's other sessions end. */
export async function changePassword(
  db: Kysely<Database>,
  actor: { userId: string; tokenHash: string },
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (user === undefined || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw validationError([{ path: 'currentPassword', message: 'is wrong' }]);
  }
  checkNewPassword(input.newPassword, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where('id', '=', actor.userId)
      .execute();
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
