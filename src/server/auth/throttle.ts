import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { deriveKey } from '../crypto/aead.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import { retryingAborts } from '../db/unit-of-work.js';
import { AppError } from '../http/errors.js';
import type { Db } from './auth.queries.js';
import {
  clearTries,
  countTry,
  deleteExpiredThrottles,
  lockedUntil,
  uncountTry,
  type TryPlan,
} from './throttle.queries.js';

/**
 * Tries are counted in the database (so every app process sees them) and
 * BEFORE the slow or secret check they guard: a burst of parallel guesses is
 * counted one by one, and only the tries the policy allows reach Argon2 or
 * the TOTP check. A success then clears or gives back its try.
 *
 * What a seized database shows: keys are HMAC-SHA-256 under a sub-key of the
 * "throttle" system data key, so hashing candidate addresses or names matches
 * nothing; times are window boundaries and whole minutes, never a request's
 * time; a row is deleted once its window and lock have passed.
 */
export type ThrottlePolicy =
  | {
      /** Guessing a secret: `free` tries, then locks of `lockMinutes` (doubling; the last repeats). */
      kind: 'escalating';
      scope: string;
      free: number;
      /** A key is forgotten after this long without a try (and without a lock). */
      windowMinutes: number;
      lockMinutes: readonly number[];
    }
  | {
      /** A rate: `limit` tries per fixed window, then refused until the window ends. */
      kind: 'fixed';
      scope: string;
      limit: number;
      windowMinutes: number;
    };

/** Five free, then locks that double up to an hour (docs/SECURITY.md). */
const DOUBLING_TO_AN_HOUR = [1, 2, 4, 8, 16, 32, 60] as const;

const guessing = (scope: string, free: number): ThrottlePolicy => ({
  kind: 'escalating',
  scope,
  free,
  windowMinutes: 60,
  lockMinutes: DOUBLING_TO_AN_HOUR,
});

export const POLICIES = {
  /** Sign-in (password, TOTP or recovery code) per username, known or not. */
  account: guessing('account', 5),
  /** Sign-in and setup per client address. */
  address: guessing('address', 20),
  /** The setup token, for the whole installation. */
  setup: guessing('setup', 5),
  /** A TOTP code checked with a session (enrolment, new recovery codes), per user. */
  totp: guessing('totp', 5),
  /** The current password checked with a session, per user. */
  password: guessing('password', 5),
  /** Wrong API tokens per client address. */
  apiTokenAddress: guessing('api-token-address', 20),
  /** Intake requests per API token. */
  apiToken: { kind: 'fixed', scope: 'api-token', limit: 100, windowMinutes: 10 },
} as const satisfies Record<string, ThrottlePolicy>;

export interface ThrottleDeps {
  db: Kysely<Database>;
  keyring: Keyring;
}

/** A counted try, to clear or give back on success. */
export interface CountedTry {
  keyHash: string;
  policy: ThrottlePolicy;
}

export type TryOutcome = { admitted: true; counted: CountedTry } | { admitted: false; waitSeconds: number };

const KEY_OWNER = { type: 'system', id: 'throttle' } as const;

/** The row key of `subject` under `policy`: an HMAC, so it cannot be found by hashing candidates. */
export async function throttleKey(deps: ThrottleDeps, policy: ThrottlePolicy, subject: string): Promise<string> {
  const { key } = await deps.keyring.dataKey(deps.db, KEY_OWNER);
  return crypto
    .createHmac('sha256', deriveKey(key, 'throttle-keys'))
    .update(`${policy.scope}:${subject}`, 'utf8')
    .digest('hex');
}

/**
 * Counts one try of `subject`, or refuses it (and counts nothing) while the
 * subject is locked. Call it before the check it guards, outside the
 * transaction of the action, so the count is committed at once.
 */
export async function countAttempt(
  deps: ThrottleDeps,
  policy: ThrottlePolicy,
  subject: string,
  now: Date,
): Promise<TryOutcome> {
  const keyHash = await throttleKey(deps, policy, subject);
  const at = now.toISOString();
  // Each statement commits alone; one PostgreSQL aborted to break a deadlock (the sweep of many rows against
  // another try's) wrote nothing, so it is simply run again.
  await retryingAborts(() => deleteExpiredThrottles(deps.db, at));
  const tries = await retryingAborts(() => countTry(deps.db, planFor(policy, keyHash, now)));
  if (tries !== undefined) return { admitted: true, counted: { keyHash, policy } };
  const until = await lockedUntil(deps.db, keyHash, at);
  const waitSeconds = until === undefined ? 1 : Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
  return { admitted: false, waitSeconds };
}

/** countAttempt that throws RATE_LIMITED, saying how long to wait, when the try is refused. */
export async function takeAttempt(
  deps: ThrottleDeps,
  policy: ThrottlePolicy,
  subject: string,
  now: Date,
): Promise<CountedTry> {
  const outcome = await countAttempt(deps, policy, subject, now);
  if (!outcome.admitted) throw rateLimited(outcome.waitSeconds);
  return outcome.counted;
}

export function rateLimited(waitSeconds: number): AppError {
  return new AppError('RATE_LIMITED', `Too many attempts. Try again in ${waitSeconds} seconds.`);
}

/** A success proved the subject (the account's owner signed in): its tries are forgotten. */
export async function forgetTries(db: Db, counted: CountedTry): Promise<void> {
  await clearTries(db, counted.keyHash);
}

/** A success that proves little about the subject (one good sign-in from an address): only its own try is taken back. */
export async function giveBackTry(db: Db, counted: CountedTry): Promise<void> {
  const lockFrom = counted.policy.kind === 'fixed' ? counted.policy.limit : counted.policy.free;
  await uncountTry(db, counted.keyHash, lockFrom);
}

/** Deletes the rows whose window and lock have passed. */
export function sweepThrottles(db: Db, now: Date): Promise<number> {
  return deleteExpiredThrottles(db, now.toISOString());
}

/**
 * Sweeps expired rows every `everyMs` while the server runs, so rows go also
 * when no try comes to sweep them. Answers the function that stops it.
 */
export function startThrottleSweep(
  db: Db,
  clock: () => Date,
  onError: (error: unknown) => void,
  everyMs = 10 * 60 * 1000,
): () => void {
  const timer = setInterval(() => {
    sweepThrottles(db, clock()).catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

const MINUTE = 60 * 1000;

/** The first multiple of `unit` at or after `ms`. */
const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const iso = (ms: number) => new Date(ms).toISOString();

function planFor(policy: ThrottlePolicy, keyHash: string, now: Date): TryPlan {
  const window = policy.windowMinutes * MINUTE;
  const t = now.getTime();
  if (policy.kind === 'fixed') {
    return {
      kind: 'fixed',
      keyHash,
      now: iso(t),
      limit: policy.limit,
      windowEndsAt: iso(Math.floor(t / window) * window + window),
    };
  }
  return {
    kind: 'escalating',
    keyHash,
    now: iso(t),
    lockFrom: policy.free,
    windowEndsAt: iso(ceilTo(t + window, window)),
    locks: policy.lockMinutes.map((minutes) => {
      const until = ceilTo(t + minutes * MINUTE, MINUTE);
      return { lockedUntil: iso(until), windowEndsAt: iso(ceilTo(until + window, window)) };
    }),
  };
}
