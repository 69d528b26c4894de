import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';

/**
 * TOTP secrets are sealed like personal data (a copied database must not let
 * anyone mint codes), under the installation's "accounts" data key and bound
 * to their user's row.
 */
const OWNER = { type: 'system', id: 'accounts' } as const;

const ref = (userId: string) => ({ table: 'users', rowId: userId, field: 'totp_secret' });

export async function sealTotpSecret(
  db: Kysely<Database>,
  keyring: Keyring,
  userId: string,
  secret: string,
): Promise<string> {
  return (await keyring.seal(db, OWNER, ref(userId), secret)).toString('base64');
}

export function openTotpSecret(
  db: Kysely<Database>,
  keyring: Keyring,
  userId: string,
  stored: string,
): Promise<string> {
  return keyring.openText(db, ref(userId), Buffer.from(stored, 'base64'));
}
