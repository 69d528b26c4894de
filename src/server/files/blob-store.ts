import type { Readable } from 'node:stream';
import type { KeyOwner } from '../crypto/keyring.js';

/**
 * Raw storage for files the file store has already sealed: a local folder
 * now (local-blob-store.ts), S3-compatible object storage later. A blob store
 * never sees plaintext or keys, so a new backend implements storage only, not
 * cryptography. Blobs are addressed by owner and file id; names never reach
 * storage.
 */
export interface BlobStore {
  /** Stores a blob atomically (readers see all of it or nothing); refuses to replace one (FileExistsError). */
  write(owner: KeyOwner, fileId: string, source: Readable): Promise<void>;
  /** The stored bytes; FileNotFoundError when there is no such blob. */
  read(owner: KeyOwner, fileId: string): Promise<Readable>;
  /** Whether there was a blob to remove. */
  remove(owner: KeyOwner, fileId: string): Promise<boolean>;
  removeOwner(owner: KeyOwner): Promise<void>;
  /**
   * Keeps every blob stored now readable until released, whatever is deleted
   * meanwhile, so that a backup can copy the files its database snapshot names
   * while the service goes on deleting.
   */
  pin(): Promise<PinnedBlobs>;
  /** True when no blob is stored: a restore writes only into an empty store. */
  isEmpty(): Promise<boolean>;
}

export interface PinnedBlobs {
  /** A pinned blob, or one stored since the pin; FileNotFoundError when neither exists. */
  read(owner: KeyOwner, fileId: string): Promise<Readable>;
  release(): Promise<void>;
}

export class FileNotFoundError extends Error {
  constructor(readonly fileId: string) {
    super(`There is no file ${fileId}.`);
    this.name = 'FileNotFoundError';
  }
}

export class FileExistsError extends Error {
  constructor(readonly fileId: string) {
    super(`A file ${fileId} is stored already; stored files are never replaced.`);
    this.name = 'FileExistsError';
  }
}

/** Every owner type, checked by the compiler against data_keys' owner_type. */
export const OWNER_TYPES: Readonly<Record<KeyOwner['type'], true>> = {
  case: true,
  intake: true,
  person: true,
  incident: true,
  source: true,
  system: true,
};

/** Ids become path segments and object keys: letters, digits, '-' and '_' only (UUIDs fit). */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function isOwnerType(value: string): value is KeyOwner['type'] {
  return Object.hasOwn(OWNER_TYPES, value);
}

export function isStorageId(value: string): boolean {
  return ID.test(value);
}

/** Refuses ids that could escape their folder or key prefix. */
export function checkIds(owner: KeyOwner, fileId?: string): void {
  if (!isOwnerType(owner.type)) throw new RangeError(`Unknown file owner type: ${JSON.stringify(owner.type)}`);
  if (!isStorageId(owner.id)) throw new RangeError(`Invalid file owner id: ${JSON.stringify(owner.id)}`);
  if (fileId !== undefined && !isStorageId(fileId)) throw new RangeError(`Invalid file id: ${JSON.stringify(fileId)}`);
}
