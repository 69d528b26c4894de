import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { KeyOwner } from '../crypto/keyring.js';
import {
  FileExistsError,
  FileNotFoundError,
  checkIds,
  isOwnerType,
  isStorageId,
  type BlobStore,
  type PinnedBlobs,
} from './blob-store.js';

/** The files folder inside a data folder. */
export function filesDirIn(dataDir: string): string {
  return path.join(dataDir, 'files');
}

/** Pins live beside the blobs (hard links need the same file system); dot names are never blobs. */
const PINS_DIR = '.pins';

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

/** Makes a directory entry (a new or renamed file) survive a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function openForReading(file: string, fileId: string): Promise<Readable> {
  try {
    const handle = await fsp.open(file, 'r');
    return handle.createReadStream();
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new FileNotFoundError(fileId);
    throw error;
  }
}

async function* subdirectories(dir: string): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  for (const entry of entries) if (!entry.name.startsWith('.')) yield entry.name;
}

/**
 * Blobs in a folder: `<root>/<owner type>/<owner id>/<file id>`, mode 0600.
 * A write goes to a temporary file in the same folder, is flushed to disk,
 * then hard-linked into place, which fails rather than replaces when the name
 * is taken; a reader never sees half a blob.
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  /** Where a blob lives (tests tamper with it there). */
  pathOf(owner: KeyOwner, fileId: string): string {
    checkIds(owner, fileId);
    return path.join(this.root, owner.type, owner.id, fileId);
  }

  async write(owner: KeyOwner, fileId: string, source: Readable): Promise<void> {
    const file = this.pathOf(owner, fileId);
    const dir = path.dirname(file);
    const created = await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.${fileId}.${crypto.randomBytes(6).toString('hex')}.tmp`);
    try {
      await pipeline(source, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      try {
        await fsp.link(temp, file);
      } catch (error) {
        if (isErrno(error, 'EEXIST')) throw new FileExistsError(fileId);
        throw error;
      }
    } finally {
      await fsp.rm(temp, { force: true });
    }
    await syncDir(dir);
    // Folders made for this blob need their own entries flushed, up to the root.
    if (created !== undefined) {
      const top = path.dirname(created);
      for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
        await syncDir(parent);
        if (parent === top || parent === path.dirname(parent)) break;
      }
    }
  }

  read(owner: KeyOwner, fileId: string): Promise<Readable> {
    return openForReading(this.pathOf(owner, fileId), fileId);
  }

  async remove(owner: KeyOwner, fileId: string): Promise<boolean> {
    const file = this.pathOf(owner, fileId);
    try {
      await fsp.unlink(file);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
    try {
      await syncDir(path.dirname(file));
    } catch (error) {
      // The owner's folder went meanwhile (a purge's removeOwner): the blob is gone either way.
      if (!isErrno(error, 'ENOENT')) throw error;
    }
    return true;
  }

  async removeOwner(owner: KeyOwner): Promise<void> {
    checkIds(owner);
    // A put still streaming in may add its temporary file while the folder empties (ENOTEMPTY): try again;
    // that put then finds its folder or key gone and stores nothing.
    await fsp.rm(path.join(this.root, owner.type, owner.id), {
      recursive: true,
      force: true,
      maxRetries: 10,
      retryDelay: 20,
    });
  }

  /** Every stored blob, in no particular order; temporary files and pins are skipped. */
  async *list(): AsyncGenerator<{ owner: KeyOwner; fileId: string }> {
    for await (const type of subdirectories(this.root)) {
      if (!isOwnerType(type)) continue;
      for await (const id of subdirectories(path.join(this.root, type))) {
        if (!isStorageId(id)) continue;
        for await (const fileId of subdirectories(path.join(this.root, type, id))) {
          if (isStorageId(fileId)) yield { owner: { type, id }, fileId };
        }
      }
    }
  }

  /** Hard links every blob into a pin folder: a blob deleted meanwhile keeps its data until release. */
  async pin(): Promise<PinnedBlobs> {
    const pinRoot = path.join(this.root, PINS_DIR, crypto.randomBytes(8).toString('hex'));
    await fsp.mkdir(pinRoot, { recursive: true, mode: 0o700 });
    const pinned = new LocalBlobStore(pinRoot);
    try {
      for await (const { owner, fileId } of this.list()) {
        const target = pinned.pathOf(owner, fileId);
        await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        try {
          await fsp.link(this.pathOf(owner, fileId), target);
        } catch (error) {
          // Deleted since it was listed: it is no longer part of any snapshot to come.
          if (!isErrno(error, 'ENOENT')) throw error;
        }
      }
    } catch (error) {
      await fsp.rm(pinRoot, { recursive: true, force: true });
      throw error;
    }
    return {
      read: async (owner, fileId) => {
        try {
          return await pinned.read(owner, fileId);
        } catch (error) {
          // Stored after the pin was taken.
          if (error instanceof FileNotFoundError) return this.read(owner, fileId);
          throw error;
        }
      },
      release: async () => {
        await fsp.rm(pinRoot, { recursive: true, force: true });
        // The pins folder itself goes with the last pin; another backup's pin keeps it.
        await fsp.rmdir(path.dirname(pinRoot)).catch(() => undefined);
      },
    };
  }

  async isEmpty(): Promise<boolean> {
    for await (const _blob of this.list()) return false;
    return true;
  }
}
