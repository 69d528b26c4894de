import type { Kysely } from 'kysely';
import type { KeyOwner } from '../crypto/keyring.js';
import { forShare } from '../db/dialect.js';
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

/** The id of the owner's data key, kept from a purge until the transaction ends; undefined when there is none. */
export async function lockOwnerKey(db: Kysely<Database>, owner: KeyOwner): Promise<string | undefined> {
  const query = db
    .selectFrom('data_keys')
    .select('id')
    .where('owner_type', '=', owner.type)
    .where('owner_id', '=', owner.id);
  return (await forShare(db, query).executeTakeFirst())?.id;
}
