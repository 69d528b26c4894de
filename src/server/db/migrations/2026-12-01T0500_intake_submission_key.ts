import type { AnyKysely } from '../dialect.js';

/**
 * The public form's one-time submission key, kept with the request it made:
 * an HMAC (under the form's server key) of the visitor's form cookie and the
 * random key of the form they sent. Unique, so a reloaded or repeated post of
 * one form, even many at once, makes one request. Null for other channels.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('intake_requests').addColumn('submission_hash', 'varchar(64)').execute();
  // A unique index, not a column constraint: SQLite cannot add one with ALTER TABLE. Nulls never collide.
  await db.schema
    .createIndex('intake_submission_idx')
    .on('intake_requests')
    .column('submission_hash')
    .unique()
    .execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('intake_submission_idx').execute();
  await db.schema.alterTable('intake_requests').dropColumn('submission_hash').execute();
}
