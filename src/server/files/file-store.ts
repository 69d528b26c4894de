import { DataKeyMissingError } from '../crypto/keyring.js';
import crypto from 'node:crypto';
import { Transform, pipeline, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Keyring, KeyOwner } from '../crypto/keyring.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { FileNotFoundError, checkIds, type BlobStore } from './blob-store.js';
import { deleteFileRow, deleteOwnerFileRows, findFile, insertFile, lockOwnerKey } from './files.queries.js';
import { LocalBlobStore, filesDirIn } from './local-blob-store.js';
import { openFileStream, sealFileStream } from './sealed-file.js';

/** A file for an owner whose record is gone (purged) or has no data key: nothing is stored. */
export class FileOwnerGoneError extends AppError {
  constructor() {
    super('NOT_FOUND', 'The record this file belongs to is gone: nothing was stored.');
    this.name = 'FileOwnerGoneError';
  }
}

/** What put() measured of the plaintext on its way through. */
export interface StoredFile {
  size: number;
  /** Hex SHA-256 of the plaintext. */
  sha256: string;
}

export interface FileInfo extends StoredFile {
  id: string;
  owner: KeyOwner;
  createdAt: string;
}

/**
 * The files of cases and intake requests, encrypted at rest under their
 * owner's data key. Everything streams: a
 * file is never held whole in memory. Ids are the caller's (a UUID); names
 * are not the store's business and never reach storage.
 */
export interface FileStore {
  /**
   * Seals and stores a new file under the owner's existing data key; a file id is used once (FileExistsError);
   * an owner without a key (purged, even while the file streamed in) gets FileOwnerGoneError, nothing stored.
   */
  put(owner: KeyOwner, fileId: string, source: Readable): Promise<StoredFile>;
  /**
   * The plaintext as a stream. FileNotFoundError before streaming when there
   * is no such file of this owner; while streaming, an altered, truncated or
   * moved file errors the stream (SealedStreamError) before any plaintext of
   * the failing segment is released: treat a stream error as a failed read.
   */
  get(owner: KeyOwner, fileId: string): Promise<Readable>;
  stat(owner: KeyOwner, fileId: string): Promise<FileInfo | undefined>;
  /** Whether there was such a file. */
  delete(owner: KeyOwner, fileId: string): Promise<boolean>;
  /** Deletes every file of the owner (a purge); resolves to how many there were. */
  deleteOwner(owner: KeyOwner): Promise<number>;
}

export interface SealedFileStoreDeps {
  db: Kysely<Database>;
  keyring: Keyring;
  blobs: BlobStore;
  clock?: () => Date;
}

function digestRef(fileId: string): { table: string; rowId: string; field: string } {
  return { table: 'files', rowId: fileId, field: 'sha256' };
}

/**
 * The recorded SHA-256 (hex) of a file from its `files` row's sealed digest, read in the caller's transaction
 * (stat() reads outside any, which would wait on SQLite's one connection while a transaction holds it).
 */
export async function openFileDigest(
  db: Kysely<Database>,
  keyring: Keyring,
  fileId: string,
  sealed: Buffer | Uint8Array,
): Promise<string> {
  return (await keyring.open(db, digestRef(fileId), Buffer.from(sealed))).toString('hex');
}

/**
 * The one FileStore: it seals (sealed-file.ts) and keeps the `files` rows, and
 * leaves the bytes to a BlobStore. An S3-compatible store is a new BlobStore,
 * not a new FileStore, so the cryptography exists once.
 */
export class SealedFileStore implements FileStore {
  private readonly clock: () => Date;

  constructor(private readonly deps: SealedFileStoreDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async put(owner: KeyOwner, fileId: string, source: Readable): Promise<StoredFile> {
    checkIds(owner, fileId);
    const { db, keyring, blobs } = this.deps;
    // Never a new key: the owner's record made its key, and a purged owner's key is gone for good.
    const dataKey = await keyring.existingDataKey(db, owner);
    if (dataKey === undefined) throw new FileOwnerGoneError();
    const hash = crypto.createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    // The blob lands first: a crash before the row is written leaves an orphan
    // blob (sealed, harmless), never a row without its file.
    try {
      await blobs.write(owner, fileId, chain(source, measure, sealFileStream(dataKey, owner, fileId)));
    } catch (error) {
      // A purge meanwhile takes the owner's folder away under the half-written blob: say so, not ENOENT.
      if ((await keyring.existingDataKey(db, owner)) === undefined) throw new FileOwnerGoneError();
      throw error;
    }
    const digest = hash.digest();
    try {
      await db.transaction().execute(async (trx) => {
        // The key is held until the row is in: a purge that destroyed it meanwhile, or destroys it now, finds
        // the row (its own deleteOwner after the commit removes it) or leaves this put nothing to write.
        if ((await lockOwnerKey(trx, owner)) !== dataKey.id) throw new FileOwnerGoneError();
        await insertFile(trx, {
          id: fileId,
          owner_type: owner.type,
          owner_id: owner.id,
          size,
          sha256_sealed: await keyring.seal(trx, owner, digestRef(fileId), digest),
          created_at: this.clock().toISOString(),
        });
      });
    } catch (error) {
      await blobs.remove(owner, fileId);
      throw error;
    }
    return { size, sha256: digest.toString('hex') };
  }

  async get(owner: KeyOwner, fileId: string): Promise<Readable> {
    checkIds(owner, fileId);
    const { db, keyring, blobs } = this.deps;
    if ((await findFile(db, owner, fileId)) === undefined) throw new FileNotFoundError(fileId);
    // Reading never makes a key: a purged owner's files stay unreadable.
    const dataKey = await keyring.existingDataKey(db, owner);
    if (dataKey === undefined) throw new DataKeyMissingError();
    return chain(await blobs.read(owner, fileId), openFileStream(dataKey, owner, fileId));
  }

  async stat(owner: KeyOwner, fileId: string): Promise<FileInfo | undefined> {
    checkIds(owner, fileId);
    const { db, keyring } = this.deps;
    const row = await findFile(db, owner, fileId);
    if (row === undefined) return undefined;
    const digest = await keyring.open(db, digestRef(fileId), Buffer.from(row.sha256_sealed));
    return { id: row.id, owner, size: row.size, sha256: digest.toString('hex'), createdAt: row.created_at };
  }

  async delete(owner: KeyOwner, fileId: string): Promise<boolean> {
    checkIds(owner, fileId);
    // The row goes first, so no reader is sent to a blob that is gone.
    const existed = await deleteFileRow(this.deps.db, owner, fileId);
    await this.deps.blobs.remove(owner, fileId);
    return existed;
  }

  async deleteOwner(owner: KeyOwner): Promise<number> {
    checkIds(owner);
    const count = await deleteOwnerFileRows(this.deps.db, owner);
    await this.deps.blobs.removeOwner(owner);
    return count;
  }
}

/** The file store of a data folder: blobs under `<dataDir>/files`. */
export function openLocalFileStore(deps: Omit<SealedFileStoreDeps, 'blobs'> & { dataDir: string }): FileStore {
  return new SealedFileStore({ ...deps, blobs: new LocalBlobStore(filesDirIn(deps.dataDir)) });
}

/** Pipes the streams together and returns the last; an error anywhere destroys it with that error. */
function chain(first: Readable, ...rest: Transform[]): Transform {
  return pipeline([first, ...rest], () => undefined) as unknown as Transform;
}
