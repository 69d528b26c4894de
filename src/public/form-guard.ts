import crypto from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { countAttempt, type ThrottleDeps, type ThrottlePolicy } from '../server/auth/throttle.js';
import { constantTimeEqual } from '../server/auth/tokens.js';
import type { CookiePolicy } from '../server/auth/guard.js';
import { deriveKey } from '../server/crypto/aead.js';
import type { Keyring } from '../server/crypto/keyring.js';
import type { Database } from '../server/db/schema.js';

/**
 * Protection of the public form without JavaScript. CSRF: a random nonce in a
 * `__Host-` cookie (SameSite=Strict, HttpOnly) and, in a hidden field, its
 * HMAC under a key derived from a system data key: a forged cross-site post
 * has neither. Throttling: submissions per address in the database, so every
 * app process counts them.
 */
const FORM_KEY_OWNER = { type: 'system', id: 'public-form' } as const;

export function formCookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-homeward_form' : 'homeward_form';
}

async function formKey(db: Kysely<Database>, keyring: Keyring): Promise<Buffer> {
  const { key } = await keyring.dataKey(db, FORM_KEY_OWNER);
  return deriveKey(key, 'public-form-csrf');
}

/** The hidden field's value for this visitor, setting the cookie when they have none. */
export async function issueFormToken(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { db: Kysely<Database>; keyring: Keyring; cookies: CookiePolicy },
): Promise<string> {
  const name = formCookieName(deps.cookies);
  let nonce = request.cookies[name];
  if (nonce === undefined || !/^[A-Za-z0-9_-]{43}$/.test(nonce)) {
    nonce = crypto.randomBytes(32).toString('base64url');
    reply.setCookie(name, nonce, { path: '/', httpOnly: true, secure: deps.cookies.secure, sameSite: 'strict' });
  }
  return crypto
    .createHmac('sha256', await formKey(deps.db, deps.keyring))
    .update(nonce)
    .digest('base64url');
}

/** Whether the posted token matches the visitor's cookie. */
export async function formTokenValid(
  request: FastifyRequest,
  posted: string | undefined,
  deps: { db: Kysely<Database>; keyring: Keyring; cookies: CookiePolicy },
): Promise<boolean> {
  const nonce = request.cookies[formCookieName(deps.cookies)];
  if (nonce === undefined || posted === undefined || posted === '') return false;
  const expected = crypto
    .createHmac('sha256', await formKey(deps.db, deps.keyring))
    .update(nonce)
    .digest('base64url');
  return constantTimeEqual(expected, posted);
}

export const FORM_LIMIT = { submissions: 5, windowSeconds: 10 * 60 } as const;

/** The form's rate, in the shared throttle store (keys are HMACs, times rounded to the window). */
export function formPolicy(kind: string): ThrottlePolicy {
  return {
    kind: 'fixed',
    scope: `public-form:${kind}`,
    limit: FORM_LIMIT.submissions,
    windowMinutes: FORM_LIMIT.windowSeconds / 60,
  };
}

/**
 * Counts one submission of `kind` from `address`; the seconds to wait when the
 * address is over the limit (nothing is counted then), or 0. Counted in one
 * statement, so parallel submissions cannot slip past the limit.
 */
export async function countSubmission(
  deps: ThrottleDeps,
  kind: 'intake' | 'follow_up',
  address: string,
  now: Date,
): Promise<number> {
  const outcome = await countAttempt(deps, formPolicy(kind), address, now);
  return outcome.admitted ? 0 : outcome.waitSeconds;
}
