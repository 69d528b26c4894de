import type { Kysely } from 'kysely';
import type { KeyOwner } from '../crypto/keyring.js';
import type { Database, FilesTable } from '../db/schema.js';

/** All SQL of the file store. */

export type FileRow = FilesTable;

export async function insertFile(db: Kysely<Database>, row: FileRow): Promise<void> {
  await db.insertInto('files').values(row).execute();
}

export function findFile(db: Kysely<Database>, owner: KeyOwner, fileId: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
}

/** Whether a row was deleted. */
export async function deleteFileRow(db: Kysely<Database>, owner: KeyOwner, fileId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('files')
    .where('id', '=', fileId)
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** How many rows were deleted. */
export async function deleteOwnerFileRows(db: Kysely<Database>, owner: KeyOwner): Promise<number> {
  const result = await db
    .deleteFrom('files')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
