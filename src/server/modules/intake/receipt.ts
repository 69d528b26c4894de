import crypto from 'node:crypto';
import { sha256Hex } from '../../auth/tokens.js';

/**
 * Receipt codes: 20 characters of Crockford base32 (100 bits), shown once to
 * the requester in groups of four, like SecureDrop's codename. It lives on
 * paper, not on a phone a commander may take. Only its SHA-256 is stored.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;

export function newReceiptCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)] ?? '0');
  const groups: string[] = [];
  for (let at = 0; at < LENGTH; at += 4) groups.push(chars.slice(at, at + 4).join(''));
  return groups.join('-');
}

/** Case, spaces and dashes do not matter; letters easily confused with digits read as the digits. */
export function normalizeReceiptCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1').replace(/U/g, 'V');
}

export function looksLikeReceiptCode(code: string): boolean {
  const normalized = normalizeReceiptCode(code);
  return normalized.length === LENGTH && /^[0-9A-HJKMNP-TV-Z]+$/.test(normalized);
}

export function receiptHash(code: string): string {
  return sha256Hex(`receipt:${normalizeReceiptCode(code)}`);
}
