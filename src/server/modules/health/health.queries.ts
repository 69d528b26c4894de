import { sql } from 'kysely';
import type { AnyKysely } from '../../db/dialect.js';
import { DEMO_INCOMPLETE_SETTING, DEMO_SETTING } from '../../demo/marker.js';

/** Whether `homeward demo` filled this installation, or began to (its settings keys, src/server/demo/fill.ts). */
export async function holdsDemo(db: AnyKysely): Promise<boolean> {
  const row = await db
    .selectFrom('settings')
    .select('key')
    .where('key', 'in', [DEMO_SETTING, DEMO_INCOMPLETE_SETTING])
    .executeTakeFirst();
  return row !== undefined;
}

/** Answers when the database takes a query; throws when it does not. */
export async function pingDatabase(db: AnyKysely): Promise<void> {
  await sql`select 1`.execute(db);
}
