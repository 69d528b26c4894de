import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { Keyring } from './keyring.js';
import type { MasterKey } from './master-key.js';

/**
 * Master key rotation that is safe while Homeward serves (docs/SECURITY.md).
 *
 * The database records which master key wraps new data keys (the settings
 * row `master_key_id`). A process that makes a data key reads that row in the
 * same transaction as its insert and wraps only under the recorded key; a
 * process that does not have it refuses with a retryable error rather than
 * wrap under a key about to be destroyed. A rotation records the new id first,
 * then re-wraps, then counts until no data key is left under another key.
 *
 * Why the count is final: on PostgreSQL the row is read FOR SHARE, so the
 * rotation's update waits for every transaction that is wrapping a key under
 * the old id, and its re-wrap sees them committed. On SQLite the read is an
 * update of the row: it takes the one writer lock, so the same holds.
 */

export const MASTER_KEY_SETTING = 'master_key_id';

/** The recorded id, locked against a concurrent rotation until `trx` ends; undefined before any is recorded. */
export async function lockRecordedMasterKeyId(trx: Kysely<Database>): Promise<string | undefined> {
  if (dialectOf(trx) === 'postgres') {
    const row = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', MASTER_KEY_SETTING)
      .forShare()
      .executeTakeFirst();
    return row?.value;
  }
  const row = await trx
    .updateTable('settings')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('key', '=', MASTER_KEY_SETTING)
    .returning('value')
    .executeTakeFirst();
  return row?.value;
}

export async function readRecordedMasterKeyId(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MASTER_KEY_SETTING).executeTakeFirst();
  return row?.value;
}

export async function recordMasterKeyId(db: Kysely<Database>, id: string, at: Date = new Date()): Promise<void> {
  const updatedAt = at.toISOString();
  await db
    .insertInto('settings')
    .values({ key: MASTER_KEY_SETTING, value: id, updated_at: updatedAt })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: id, updated_at: updatedAt }))
    .execute();
}

/** This process does not hold the master key a rotation made current: retry once it has it, or restart it. */
export function masterKeyRotatedError(recorded: string): AppError {
  return new AppError(
    'SERVICE_UNAVAILABLE',
    `The master key was rotated to key ${recorded}, which this process does not have. Try again in a moment; ` +
      'if this persists, restart Homeward with the new key.',
  );
}

export class RotationIncompleteError extends Error {
  constructor(
    readonly oldId: string,
    readonly remaining: number,
  ) {
    super(
      `${remaining} data keys are still wrapped under the old master key ${oldId} after re-wrapping: ` +
        'a process is still making keys under it. Keep the old key and run "homeward keys rotate" again.',
    );
    this.name = 'RotationIncompleteError';
  }
}

/** How often the re-wrap is repeated before giving up: each pass only finds keys made during the one before. */
const MAX_PASSES = 20;

/**
 * Makes `next` the master key: records it, re-wraps every data key under it,
 * and returns only once none is left under any other key, so the old one may
 * be destroyed. `keyring` must still hold the old key (to unwrap). Audited
 * with the key ids, which reveal nothing of the keys.
 */
export async function rotateMasterKey(
  db: Kysely<Database>,
  keyring: Keyring,
  next: MasterKey,
  clock: () => Date = () => new Date(),
): Promise<{ oldId: string; rewrapped: number }> {
  const oldId = keyring.masterKeyId;
  keyring.useMasterKey(next);
  // Waits (PostgreSQL FOR SHARE, SQLite writer lock) for every transaction wrapping under the old key.
  await db.transaction().execute((trx) => recordMasterKeyId(trx, next.id, clock()));
  let rewrapped = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    rewrapped += await keyring.rewrapAll(db);
    const remaining = await countNotUnder(db, next.id);
    if (remaining === 0) {
      await db
        .transaction()
        .execute((trx) =>
          appendAudit(
            trx,
            { actorId: null, action: 'keys.rotate', objectType: 'master_key', objectId: next.id, outcome: 'success' },
            clock,
          ),
        );
      return { oldId, rewrapped };
    }
  }
  throw new RotationIncompleteError(oldId, await countNotUnder(db, next.id));
}

/** Data keys wrapped under any master key but `id`. */
export async function countNotUnder(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectFrom('data_keys')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('master_key_id', '!=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
