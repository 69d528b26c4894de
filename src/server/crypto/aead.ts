import crypto from 'node:crypto';

/**
 * AES-256-GCM, the one cipher of Homeward (node:crypto; nothing home-made).
 * Every caller passes associated data that names where the ciphertext
 * belongs, so a ciphertext moved elsewhere fails to open.
 */
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(what: string) {
    super(`${what} does not open: it was altered, moved, or sealed under another key`);
    this.name = 'DecryptionError';
  }
}

export function randomKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}

/** nonce ‖ ciphertext ‖ tag */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, sealed: Buffer, aad: Buffer, what: string): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DecryptionError(what);
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new DecryptionError(what);
  }
}

/** A sub-key for one purpose, so one key never serves two. */
export function deriveKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), `homeward/${purpose}`, KEY_BYTES));
}
