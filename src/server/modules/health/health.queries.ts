import { sql } from 'kysely';
import type { AnyKysely } from '../../db/dialect.js';

/** Answers when the database takes a query; throws when it does not. */
export async function pingDatabase(db: AnyKysely): Promise<void> {
  await sql`select 1`.execute(db);
}
