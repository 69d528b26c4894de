import type { AuditAction, AuditObjectType } from '../../../shared/audit-actions.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionState } from '../../../shared/accounts.js';
import { appendAudit } from '../../audit/audit.js';
import {
  claimSetting,
  countUsers,
  deleteSetting,
  findUserByUsername,
  getSetting,
  putSetting,
  claimTotpStep,
  replaceRecoveryCodes,
  useRecoveryCode,
  type Db,
} from '../../auth/auth.queries.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from '../../auth/passwords.js';
import { createSession, IDLE_TIMEOUT_MS, type NewSession } from '../../auth/sessions.js';
import { forgetTries, giveBackTry, POLICIES, takeAttempt, type ThrottleDeps } from '../../auth/throttle.js';
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
import { retryingAborts } from '../../db/unit-of-work.js';
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
  if (problem !== undefined) throw validationError([{ path: field, ...problem }]);
}

/**
 * Signs a user in with password and second factor. Every failure answers the
 * same INVALID_CREDENTIALS, whether the account exists or not, and takes
 * about as long (an unknown name still costs one Argon2 verification). The
 * try is counted per address and per account before anything is checked,
 * so parallel guesses beyond the throttle's allowance never reach Argon2.
 */
export async function login(
  deps: ThrottleDeps,
  input: { username: string; password: string; code?: string | undefined },
  facts: RequestFacts,
): Promise<SignedIn> {
  const { db, keyring } = deps;
  const address = await takeAttempt(deps, POLICIES.address, facts.address, facts.now);
  const account = await takeAttempt(deps, POLICIES.account, input.username.toLowerCase(), facts.now);

  const user = await findUserByUsername(db, input.username);
  const passwordOk =
    user === undefined
      ? await verifyAgainstDummy(input.password)
      : await verifyPassword(user.password_hash, input.password);

  // A failure's audit entry is committed; the error is thrown only after the
  // transaction, or the entry would roll back with it.
  const outcome = await db.transaction().execute(async (trx): Promise<SignedIn | 'failed'> => {
    const factor =
      user !== undefined && passwordOk && user.disabled_at === null
        ? await checkSecondFactor(trx, keyring, user, input.code, facts.now)
        : 'wrong';
    if (user === undefined || factor === 'wrong') {
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
    // The account's owner proved themselves; one good sign-in proves little about an address.
    await forgetTries(trx, account);
    await giveBackTry(trx, address);
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
  // The row read before may be stale: the conditional write decides which request used the code.
  return (await claimTotpStep(db, user.id, step, now.toISOString())) ? 'ok' : 'wrong';
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

/**
 * Creates the first administrator with the setup token and signs them in to
 * enrol their second factor. The try is counted before the token is
 * compared, and the token is claimed by a conditional delete, so of two
 * parallel setups only one makes an administrator.
 */
export async function completeSetup(
  deps: ThrottleDeps,
  input: { token: string; username: string; password: string },
  facts: RequestFacts,
): Promise<SignedIn> {
  const { db } = deps;
  checkNewPassword(input.password, 'password');
  if (!(await setupNeeded(db))) throw new AppError('SETUP_NOT_AVAILABLE');
  const address = await takeAttempt(deps, POLICIES.address, facts.address, facts.now);
  const installation = await takeAttempt(deps, POLICIES.setup, 'installation', facts.now);
  const tokenHash = sha256Hex(input.token);
  const stored = await getSetting(db, SETUP_TOKEN_KEY);
  if (stored === undefined || !constantTimeEqual(stored, tokenHash)) {
    // The token was right but another setup claimed it since the check above: that setup's commit made the
    // administrator too, so this one is told setup is done, not that its token is wrong.
    if (!(await setupNeeded(db))) throw new AppError('SETUP_NOT_AVAILABLE');
    await db
      .transaction()
      .execute((trx) =>
        appendAudit(
          trx,
          { actorId: null, action: 'setup.failed', objectType: null, objectId: null, outcome: 'failure' },
          () => facts.now,
        ),
      );
    throw new AppError('INVALID_SETUP_TOKEN');
  }
  const passwordHash = await hashPassword(input.password);
  // Rerun whole when PostgreSQL aborts it to break a deadlock (40P01) with the other setups' tries.
  return retryingAborts(() =>
    db.transaction().execute(async (trx): Promise<SignedIn> => {
      if (!(await claimSetting(trx, SETUP_TOKEN_KEY, stored)) || !(await setupNeeded(trx))) {
        throw new AppError('SETUP_NOT_AVAILABLE');
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
      await forgetTries(trx, installation);
      await giveBackTry(trx, address);
      const session = await createSession(trx, user.id, {
        factorPending: true,
        userAgent: facts.userAgent,
        now: facts.now,
      });
      const audit = (action: AuditAction, objectType: AuditObjectType, objectId: string) =>
        appendAudit(trx, { actorId: user.id, action, objectType, objectId, outcome: 'success' }, () => facts.now);
      await audit('setup.complete', 'user', user.id);
      await audit('session.login', 'session', session.id);
      return { session, state: sessionState(user, session, true) };
    }),
  );
}

/** Replaces a user's recovery codes with ten new ones and returns them (shown once). */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db, userId, codes.map(recoveryCodeHash));
  return codes;
}
