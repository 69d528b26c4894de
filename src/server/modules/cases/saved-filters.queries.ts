import type { Db } from '../../auth/auth.queries.js';
import { forUpdate } from '../../db/dialect.js';
import type { SavedFiltersTable } from '../../db/schema.js';

/** All SQL of saved case-list filters: every statement names the owner, so no one reaches another's. */

export function savedFiltersOf(db: Db, userId: string, limit: number): Promise<SavedFiltersTable[]> {
  return db
    .selectFrom('saved_filters')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Locks the owner's user row (PostgreSQL; SQLite's writer lock holds already), so that counting then adding is one step. */
export async function lockOwner(db: Db, userId: string): Promise<void> {
  await forUpdate(db, db.selectFrom('users').select('id').where('id', '=', userId)).execute();
}

export async function countSavedFilters(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('saved_filters')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSavedFilter(db: Db, row: SavedFiltersTable): Promise<void> {
  await db.insertInto('saved_filters').values(row).execute();
}

/** Deletes the owner's filter; answers whether there was one. */
export async function deleteSavedFilter(db: Db, userId: string, filterId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('saved_filters')
    .where('id', '=', filterId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
