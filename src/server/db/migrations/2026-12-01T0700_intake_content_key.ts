import type { AnyKysely } from '../dialect.js';

/**
 * The public form's content key, kept with the request it made: an HMAC
 * (under the form's server key) of the visitor's form cookie and the
 * request's normalized text, handle and contact. Unique, so the same story
 * sent again by the same visitor through a new rendering of the form (Back,
 * then Send) makes no second request, even many at once. Keyed, so the
 * database alone cannot test a guessed text. Null for other channels.
 */
export async function up(db: AnyKysely): Promise<void> {
  await db.schema.alterTable('intake_requests').addColumn('content_hash', 'varchar(64)').execute();
  // A unique index, not a column constraint: SQLite cannot add one with ALTER TABLE. Nulls never collide.
  await db.schema.createIndex('intake_content_idx').on('intake_requests').column('content_hash').unique().execute();
}

export async function down(db: AnyKysely): Promise<void> {
  await db.schema.dropIndex('intake_content_idx').execute();
  await db.schema.alterTable('intake_requests').dropColumn('content_hash').execute();
}
