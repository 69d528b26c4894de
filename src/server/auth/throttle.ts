import { sha256Hex } from './tokens.js';
import { clearThrottle, findThrottle, saveThrottle, type Db } from './auth.queries.js';

/**
 * Failed sign-ins are counted per account and per address, in the database
 * (so every app process sees them). A few failures are free; after that each
 * one locks the key for twice as long as the last, up to a ceiling: slowed,
 * then refused. Unknown accounts are counted exactly like real ones.
 */
interface Policy {
  freeFailures: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
  /** Failures older than this (and not locked) are forgotten. */
  windowSeconds: number;
}

const ACCOUNT_POLICY: Policy = { freeFailures: 5, baseLockSeconds: 2, maxLockSeconds: 60 * 60, windowSeconds: 60 * 60 };
const ADDRESS_POLICY: Policy = {
  freeFailures: 20,
  baseLockSeconds: 2,
  maxLockSeconds: 60 * 60,
  windowSeconds: 60 * 60,
};

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(username: string, address: string): ThrottleKeys {
  return { account: sha256Hex(`account:${username.toLowerCase()}`), address: sha256Hex(`address:${address}`) };
}

/** Seconds to wait before the next attempt is heard, or 0. */
export async function lockedFor(db: Db, keys: ThrottleKeys, now: Date): Promise<number> {
  let wait = 0;
  for (const key of [keys.account, keys.address]) {
    const row = await findThrottle(db, key);
    if (row?.locked_until != null) {
      wait = Math.max(wait, Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000));
    }
  }
  return Math.max(0, wait);
}

export async function recordFailure(db: Db, keys: ThrottleKeys, now: Date): Promise<void> {
  await recordOne(db, keys.account, ACCOUNT_POLICY, now);
  await recordOne(db, keys.address, ADDRESS_POLICY, now);
}

async function recordOne(db: Db, keyHash: string, policy: Policy, now: Date): Promise<void> {
  const row = await findThrottle(db, keyHash);
  const stillLocked = row?.locked_until != null && Date.parse(row.locked_until) > now.getTime();
  const fresh =
    row === undefined ||
    (!stillLocked && now.getTime() - Date.parse(row.first_failure_at) > policy.windowSeconds * 1000);
  const failures = fresh ? 1 : row.failures + 1;
  const over = failures - policy.freeFailures;
  const lockSeconds = over > 0 ? Math.min(policy.maxLockSeconds, policy.baseLockSeconds * 2 ** (over - 1)) : 0;
  await saveThrottle(db, {
    key_hash: keyHash,
    failures,
    first_failure_at: fresh ? now.toISOString() : row.first_failure_at,
    locked_until: lockSeconds > 0 ? new Date(now.getTime() + lockSeconds * 1000).toISOString() : null,
  });
}

/** A successful sign-in clears the account's count (not the address's: one good account proves little). */
export async function recordSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
  await clearThrottle(db, keys.account);
}
