import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { deriveKey } from '../crypto/aead.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import { tokenText, type Token } from './tokenize.js';

/**
 * 64-bit keyed tokens: short enough to keep the postings
 * small, long enough that two different tokens of one installation collide
 * with negligible chance (about 1 in 10^8 at a million distinct tokens).
 */
export const TOKEN_BYTES = 8;

/**
 * The key that turns tokens into index entries. Without it the index holds
 * opaque 8-byte values: the raw database shows which records share a token,
 * not what the token is.
 */
export interface SearchKey {
  readonly hmacKey: Buffer;
}

/** The owner of the search data key in `data_keys`. */
export const SEARCH_KEY_OWNER = { type: 'system', id: 'search' } as const;

/** A search key from the system data key; its own sub-key, so the data key serves no second purpose. */
export function searchKeyFrom(dataKey: Buffer): SearchKey {
  return { hmacKey: deriveKey(dataKey, 'search-tokens') };
}

/**
 * The installation's search key. It hangs off a random data key wrapped by
 * the master key, so rotating the master key re-wraps it without changing a
 * single token in the index.
 */
export async function loadSearchKey(db: Kysely<Database>, keyring: Keyring): Promise<SearchKey> {
  const { key } = await keyring.dataKey(db, SEARCH_KEY_OWNER);
  return searchKeyFrom(key);
}

/** HMAC-SHA-256 of `kind:value`, truncated. The field is left out, so one word matches in every field. */
export function keyedToken(searchKey: SearchKey, token: Token): Buffer {
  const digest = crypto.createHmac('sha256', searchKey.hmacKey).update(tokenText(token), 'utf8').digest();
  return Buffer.from(digest.subarray(0, TOKEN_BYTES));
}
