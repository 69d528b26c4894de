import type { KeyOwner } from '../crypto/keyring.js';
import type { DialectName } from '../db/dialect.js';
import { isOwnerType, isStorageId } from '../files/blob-store.js';
import { MalformedArchiveError } from './archive-format.js';
import type { ArchiveEntry } from './archive-writer.js';

/**
 * The entries of an archive, by name:
 *   database/homeward.sqlite             the SQLite snapshot (SQLite backups)
 *   database/<table>.jsonl               one table's rows (PostgreSQL backups), in dependency order
 *   database/sequences.json              where each table's serial/identity sequence stands (PostgreSQL)
 *   files/<owner type>/<owner id>/<id>   a stored file, exactly as stored (sealed)
 */
export const SQLITE_ENTRY = 'database/homeward.sqlite';
export const SEQUENCES_ENTRY = 'database/sequences.json';

export interface StoredFileRef {
  owner: KeyOwner;
  fileId: string;
}

export type EntryKind =
  { kind: 'sqlite' } | { kind: 'sequences' } | { kind: 'table'; table: string } | ({ kind: 'file' } & StoredFileRef);

/** PostgreSQL table names as Homeward's migrations make them. */
export const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function tableEntry(table: string): string {
  return `database/${table}.jsonl`;
}

export function fileEntry(ref: StoredFileRef): string {
  return `files/${ref.owner.type}/${ref.owner.id}/${ref.fileId}`;
}

/** What an entry holds, or undefined for a name no Homeward writes. */
export function parseEntryName(name: string): EntryKind | undefined {
  if (name === SQLITE_ENTRY) return { kind: 'sqlite' };
  if (name === SEQUENCES_ENTRY) return { kind: 'sequences' };
  const table = /^database\/([^/]+)\.jsonl$/.exec(name)?.[1];
  if (table !== undefined) return TABLE_NAME.test(table) ? { kind: 'table', table } : undefined;
  const [root, type, id, fileId, ...rest] = name.split('/');
  if (root !== 'files' || type === undefined || id === undefined || fileId === undefined || rest.length > 0) {
    return undefined;
  }
  if (!isOwnerType(type) || !isStorageId(id) || !isStorageId(fileId)) return undefined;
  return { kind: 'file', owner: { type, id }, fileId };
}

/** What an entry holds; an unknown name makes the archive malformed. */
export function entryKind(name: string): EntryKind {
  const kind = parseEntryName(name);
  if (kind === undefined) throw new MalformedArchiveError(`it holds an entry named ${JSON.stringify(name)}`);
  return kind;
}

/**
 * A consistent view of the database, taken while the service runs: its
 * entries, the migrations it had, and the files its `files` table lists (the
 * files the backup must hold: no more, no fewer).
 */
export interface DatabaseSnapshot {
  dialect: DialectName;
  migrations: string[];
  files: StoredFileRef[];
  entries: ArchiveEntry[];
  close(): Promise<void>;
}
