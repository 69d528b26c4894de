import crypto from 'node:crypto';
import type { Role } from '../../shared/roles.js';
import { deleteSessionByToken, findSessionWithUser, insertSession, touchSession, type Db } from './auth.queries.js';
import { randomToken, sha256Hex } from './tokens.js';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** The signed-in user behind a request. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  factorEnrolled: boolean;
  session: {
    id: string;
    tokenHash: string;
    /** Signed in with a password, second factor not yet enrolled. */
    factorPending: boolean;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
  };
}

export interface NewSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  id: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

/** A new server-side session: a fresh random id at every sign-in. */
export async function createSession(
  db: Db,
  userId: string,
  options: { factorPending: boolean; userAgent: string | undefined; now: Date },
): Promise<NewSession> {
  const token = randomToken();
  const tokenHash = sha256Hex(token);
  const id = crypto.randomUUID();
  const createdAt = options.now.toISOString();
  const expiresAt = new Date(options.now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString();
  await insertSession(db, {
    token_hash: tokenHash,
    id,
    user_id: userId,
    factor_pending: options.factorPending ? 1 : 0,
    user_agent: describeUserAgent(options.userAgent),
    created_at: createdAt,
    last_seen_at: createdAt,
    expires_at: expiresAt,
  });
  return { token, id, tokenHash, createdAt, expiresAt };
}

/**
 * The actor for a session token, or null when there is no such session or it
 * has expired (idle or absolute) or its user is disabled; such a session is
 * deleted on the spot.
 */
export async function resolveSession(db: Db, token: string, now: Date): Promise<Actor | null> {
  const tokenHash = sha256Hex(token);
  const row = await findSessionWithUser(db, tokenHash);
  if (row === undefined) return null;
  const idleFor = now.getTime() - Date.parse(row.last_seen_at);
  if (row.disabled_at !== null || now.getTime() >= Date.parse(row.expires_at) || idleFor >= IDLE_TIMEOUT_MS) {
    await deleteSessionByToken(db, tokenHash);
    return null;
  }
  let lastSeenAt = row.last_seen_at;
  if (idleFor >= TOUCH_INTERVAL_MS) {
    lastSeenAt = now.toISOString();
    await touchSession(db, tokenHash, lastSeenAt);
  }
  return {
    userId: row.user_id,
    username: row.username,
    role: row.role,
    factorEnrolled: row.totp_confirmed_at !== null,
    session: {
      id: row.id,
      tokenHash,
      factorPending: row.factor_pending === 1,
      createdAt: row.created_at,
      lastSeenAt,
      expiresAt: row.expires_at,
    },
  };
}

/** When the session ends if left alone: the idle limit or the absolute one, whichever is first. */
export function idleExpiry(actor: Actor): string {
  const idle = Date.parse(actor.session.lastSeenAt) + IDLE_TIMEOUT_MS;
  return new Date(Math.min(idle, Date.parse(actor.session.expiresAt))).toISOString();
}

/**
 * A short label for "my sessions" (browser and system), not the whole
 * User-Agent string: enough to recognise a device, little to fingerprint.
 */
export function describeUserAgent(userAgent: string | undefined): string {
  if (userAgent === undefined || userAgent === '') return 'unknown';
  const first = (table: [string, string][]): string =>
    table.find(([marker]) => userAgent.includes(marker))?.[1] ?? 'other';
  // Order matters: Edge and Chromium also say "Safari/", Android also says "Linux".
  const browser = first([
    ['Firefox/', 'Firefox'],
    ['Edg/', 'Edge'],
    ['Chrome/', 'Chromium'],
    ['Chromium/', 'Chromium'],
    ['Safari/', 'Safari'],
    ['curl/', 'curl'],
  ]);
  const system = first([
    ['Android', 'Android'],
    ['iPhone', 'iOS'],
    ['iPad', 'iOS'],
    ['Windows', 'Windows'],
    ['Mac OS X', 'macOS'],
    ['Linux', 'Linux'],
  ]);
  return `${browser} on ${system}`;
}
