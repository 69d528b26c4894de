import crypto from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { countAttempt, type ThrottlePolicy } from '../server/auth/throttle.js';
import { constantTimeEqual } from '../server/auth/tokens.js';
import type { CookiePolicy } from '../server/auth/guard.js';
import { deriveKey } from '../server/crypto/aead.js';
import type { Keyring } from '../server/crypto/keyring.js';
import type { Database } from '../server/db/schema.js';

/**
 * Protection of the public form without JavaScript. CSRF: a random nonce in a
 * `__Host-` cookie (SameSite=Strict, HttpOnly) and, in a hidden field, its
 * HMAC under a key derived from a system data key: a forged cross-site post
 * has neither. A one-time submission key per form makes a repeated post of it
 * harmless. Throttling: see FORM_POLICIES.
 */
const FORM_KEY_OWNER = { type: 'system', id: 'public-form' } as const;

export function formCookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-homeward_form' : 'homeward_form';
}

const NONCE = /^[A-Za-z0-9_-]{43}$/;

interface FormDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  cookies: CookiePolicy;
}

async function formKey(db: Kysely<Database>, keyring: Keyring, purpose = 'public-form-csrf'): Promise<Buffer> {
  const { key } = await keyring.dataKey(db, FORM_KEY_OWNER);
  return deriveKey(key, purpose);
}

/** A sub-key of the public form's system key, for another of its jobs (the receipt flash). */
export function publicFormKey(deps: Pick<FormDeps, 'db' | 'keyring'>, purpose: string): Promise<Buffer> {
  return formKey(deps.db, deps.keyring, purpose);
}

/** The visitor's form cookie (a random nonce), if they have a well-formed one. */
export function formNonce(request: FastifyRequest, policy: CookiePolicy): string | undefined {
  const nonce = request.cookies[formCookieName(policy)];
  return nonce !== undefined && NONCE.test(nonce) ? nonce : undefined;
}

/** A fresh one-time submission key for one rendering of the form (a hidden field). */
export function newSubmissionKey(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * What is stored of a submission key: its HMAC with the visitor's form
 * cookie, under the form's server key. Bound to the cookie, so a key seen by
 * someone else cannot pre-empt the visitor's post; undefined when the key or
 * the cookie is missing or malformed (the form is then treated as expired).
 */
export async function submissionHash(
  request: FastifyRequest,
  submission: string | undefined,
  deps: FormDeps,
): Promise<string | undefined> {
  const nonce = formNonce(request, deps.cookies);
  if (nonce === undefined || submission === undefined || !NONCE.test(submission)) return undefined;
  return crypto
    .createHmac('sha256', await formKey(deps.db, deps.keyring, 'public-form-submission'))
    .update(`${nonce}.${submission}`)
    .digest('hex');
}

/**
 * What is stored of a request's content: an HMAC of the visitor's form
 * cookie and the normalized text, handle and contact, under the form's
 * server key. The same story sent again by the same visitor through a new
 * rendering of the form (Back, then Send: a new submission key) has the same
 * hash, so the unique column makes it no second request; different content,
 * or another visitor, has another. Keyed, so the database alone cannot test a
 * guessed text; undefined without a well-formed cookie.
 */
export async function contentHash(
  request: FastifyRequest,
  content: { text: string; handle?: string | null | undefined; contact?: string | null | undefined },
  deps: FormDeps,
): Promise<string | undefined> {
  const nonce = formNonce(request, deps.cookies);
  if (nonce === undefined) return undefined;
  // Case, spacing and Unicode form are not what makes one story another.
  const normal = (value: string | null | undefined) =>
    (value ?? '').normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
  return crypto
    .createHmac('sha256', await formKey(deps.db, deps.keyring, 'public-form-content'))
    .update(JSON.stringify([nonce, normal(content.text), normal(content.handle), normal(content.contact)]))
    .digest('hex');
}

/** The hidden field's value for this visitor, setting the cookie when they have none. */
export async function issueFormToken(request: FastifyRequest, reply: FastifyReply, deps: FormDeps): Promise<string> {
  const name = formCookieName(deps.cookies);
  let nonce = formNonce(request, deps.cookies);
  if (nonce === undefined) {
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
  deps: FormDeps,
): Promise<boolean> {
  const nonce = formNonce(request, deps.cookies);
  if (nonce === undefined || posted === undefined || posted === '') return false;
  const expected = crypto
    .createHmac('sha256', await formKey(deps.db, deps.keyring))
    .update(nonce)
    .digest('base64url');
  return constantTimeEqual(expected, posted);
}

/**
 * The public form's throttles. Behind an onion service or a shared NAT every
 * requester has one address, so no one's failures may count against the
 * others: a honeypot hit counts nothing, wrong receipt codes have their own
 * count (and a correct code is always heard), and genuine requests are
 * counted per visitor (form cookie) with a far higher cap per address.
 * Each count is atomic (auth/throttle.ts): a burst at the limit lets only the
 * allowed number through.
 */
export const FORM_POLICIES = {
  /** Requests per visitor's form cookie. */
  visitor: { kind: 'fixed', scope: 'public-form:visitor', limit: 5, windowMinutes: 10 },
  /** Requests per address: everyone behind an onion service, so only a flood reaches it. */
  address: { kind: 'fixed', scope: 'public-form:address', limit: 60, windowMinutes: 10 },
  /** Wrong receipt codes per address, answered 429 past the limit; a correct code never is. */
  wrongCodes: { kind: 'fixed', scope: 'public-form:wrong-code', limit: 20, windowMinutes: 10 },
  /** Follow-ups per request, whoever holds its code. */
  followUps: { kind: 'fixed', scope: 'public-form:follow-ups', limit: 10, windowMinutes: 60 },
} as const satisfies Record<string, ThrottlePolicy>;

/**
 * Counts a genuine request against its visitor and its address, in the
 * request's own transaction (see createIntakeRequest's `admit`), so the count
 * and the request commit or roll back together. SubmissionRefused when refused.
 */
export async function countSubmission(deps: FormDeps & { clock: () => Date }, request: FastifyRequest): Promise<void> {
  const visitor = formNonce(request, deps.cookies) ?? 'none';
  for (const [policy, subject] of [
    [FORM_POLICIES.visitor, visitor],
    [FORM_POLICIES.address, request.ip],
  ] as const) {
    const outcome = await countAttempt(deps, policy, subject, deps.clock());
    if (!outcome.admitted) throw new SubmissionRefused(outcome.waitSeconds);
  }
}

/** Too many requests from this visitor or address: nothing was stored. */
export class SubmissionRefused extends Error {
  constructor(readonly waitSeconds: number) {
    super(`Too many requests; wait ${String(waitSeconds)} seconds.`);
    this.name = 'SubmissionRefused';
  }
}

/** Counts a wrong receipt code from the address: the seconds to wait before another is heard, or 0. */
export async function countWrongCode(deps: FormDeps & { clock: () => Date }, address: string): Promise<number> {
  const outcome = await countAttempt(deps, FORM_POLICIES.wrongCodes, address, deps.clock());
  return outcome.admitted ? 0 : outcome.waitSeconds;
}

/** Counts a follow-up to the request: the seconds to wait when it has had its share, or 0. */
export async function countFollowUp(deps: FormDeps & { clock: () => Date }, intakeId: string): Promise<number> {
  const outcome = await countAttempt(deps, FORM_POLICIES.followUps, intakeId, deps.clock());
  return outcome.admitted ? 0 : outcome.waitSeconds;
}
