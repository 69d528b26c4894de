import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { CookiePolicy } from '../server/auth/guard.js';
import { open, seal } from '../server/crypto/aead.js';
import type { Keyring } from '../server/crypto/keyring.js';
import type { Database } from '../server/db/schema.js';
import { formNonce, publicFormKey } from './form-guard.js';

/**
 * How the receipt code crosses post/redirect/get without entering a URL (which
 * proxies, logs and history keep): the answer to the post sets a short-lived
 * cookie holding the code sealed under the form's server key and bound to the
 * visitor's form cookie; the receipt page opens it, shows the code, and clears
 * it. A reload then shows that the request was received, not the code, and
 * creates nothing. No code is stored anywhere on the server.
 */
export const RECEIPT_PATH = '/intake/received';
export const RECEIPT_FLASH_SECONDS = 10 * 60;

interface FlashDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  cookies: CookiePolicy;
  clock: () => Date;
}

function cookieName(policy: CookiePolicy): string {
  return policy.secure ? '__Host-homeward_receipt' : 'homeward_receipt';
}

const options = (policy: CookiePolicy) =>
  // `__Host-` cookies must have path `/`; SameSite=Strict keeps the code off any cross-site request.
  ({ path: '/', httpOnly: true, secure: policy.secure, sameSite: 'strict' }) as const;

const aad = (nonce: string) => Buffer.from(`homeward/receipt-flash/${nonce}`);

/** Sets the flash for the receipt page that the 303 leads to. */
export async function setReceiptFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  receiptCode: string,
  deps: FlashDeps,
): Promise<void> {
  const nonce = formNonce(request, deps.cookies);
  if (nonce === undefined) return;
  const key = await publicFormKey(deps, 'public-form-receipt');
  const expires = deps.clock().getTime() + RECEIPT_FLASH_SECONDS * 1000;
  const sealed = seal(key, Buffer.from(JSON.stringify({ code: receiptCode, expires })), aad(nonce));
  reply.setCookie(cookieName(deps.cookies), sealed.toString('base64url'), {
    ...options(deps.cookies),
    maxAge: RECEIPT_FLASH_SECONDS,
  });
}

/** The code the flash holds, once: the cookie is cleared whatever it held. Undefined if none, expired or altered. */
export async function takeReceiptFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: FlashDeps,
): Promise<string | undefined> {
  const value = request.cookies[cookieName(deps.cookies)];
  if (value === undefined) return undefined;
  reply.clearCookie(cookieName(deps.cookies), options(deps.cookies));
  const nonce = formNonce(request, deps.cookies);
  if (nonce === undefined) return undefined;
  try {
    const key = await publicFormKey(deps, 'public-form-receipt');
    const plain = open(key, Buffer.from(value, 'base64url'), aad(nonce), 'receipt flash');
    const flash = JSON.parse(plain.toString('utf8')) as { code?: unknown; expires?: unknown };
    if (typeof flash.code !== 'string' || typeof flash.expires !== 'number') return undefined;
    return flash.expires > deps.clock().getTime() ? flash.code : undefined;
  } catch {
    // Altered, from another cookie, or sealed under a rotated key: there is nothing to show.
    return undefined;
  }
}
