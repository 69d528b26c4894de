import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { MasterKey } from '../crypto/master-key.js';
import { FileNotFoundError, type PinnedBlobs } from '../files/blob-store.js';
import { LocalBlobStore, filesDirIn, syncDir } from '../files/local-blob-store.js';
import { VERSION } from '../version.js';
import type { Manifest } from './archive-format.js';
import { writeArchive, type ArchiveEntry } from './archive-writer.js';
import { fileEntry, type DatabaseSnapshot } from './entries.js';
import { BackupError } from './errors.js';
import { snapshotPostgres } from './postgres-export.js';
import { snapshotSqlite } from './sqlite-snapshot.js';

/** Where a Homeward installation keeps its data. */
export interface StoreLocation {
  dataDir: string;
  /** Absent: SQLite in the data folder. */
  databaseUrl: string | undefined;
  /** PostgreSQL: the schema holding the tables (tests use one per file); absent: the connection's default. */
  schema?: string | undefined;
}

export interface BackupOptions {
  store: StoreLocation;
  /** Wraps the backup's own key; it never enters the archive. */
  masterKey: MasterKey;
  out: string;
  /** Replace an existing file at `out`. */
  force?: boolean;
  clock?: () => Date;
}

export interface BackupReport {
  file: string;
  bytes: number;
  masterKeyId: string;
  manifest: Manifest;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function* archiveEntries(snapshot: DatabaseSnapshot, pinned: PinnedBlobs): Generator<ArchiveEntry> {
  yield* snapshot.entries;
  for (const ref of snapshot.files) {
    yield {
      name: fileEntry(ref),
      open: async () => {
        try {
          return await pinned.read(ref.owner, ref.fileId);
        } catch (error) {
          if (!(error instanceof FileNotFoundError)) throw error;
          throw new BackupError(
            `File ${ref.fileId} was stored and deleted while the backup ran: run the backup again.`,
          );
        }
      },
    };
  }
}

/**
 * Writes a consistent, encrypted backup of the database and the stored files
 * while the service goes on serving. The files are pinned first (hard links),
 * then the database is snapshotted; the archive then holds exactly the files
 * the snapshot lists, as stored (already sealed). The archive is written to
 * `<out>.partial` and renamed into place when complete, so `out` is never a
 * half-written backup.
 */
export async function createBackup(options: BackupOptions): Promise<BackupReport> {
  const { store, masterKey } = options;
  const force = options.force === true;
  const out = path.resolve(options.out);
  const partial = `${out}.partial`;
  if (!force && fs.existsSync(out)) throw new BackupError(`${out} exists: choose another name, or pass --force.`);
  if (!force && fs.existsSync(partial)) {
    throw new BackupError(`${partial} exists: another backup is running or was interrupted; remove it first.`);
  }
  const createdAt = (options.clock ?? (() => new Date()))().toISOString();
  const pinned = await new LocalBlobStore(filesDirIn(store.dataDir)).pin();
  let snapshot: DatabaseSnapshot | undefined;
  try {
    snapshot =
      store.databaseUrl === undefined
        ? await snapshotSqlite(store.dataDir)
        : await snapshotPostgres(store.databaseUrl, store.schema);
    const { dialect, migrations } = snapshot;
    const manifest = await writeArchive(
      partial,
      masterKey,
      archiveEntries(snapshot, pinned),
      () => ({ createdAt, homewardVersion: VERSION, dialect, migrations }),
      { overwrite: force },
    );
    await moveIntoPlace(partial, out, force);
    return { file: out, bytes: (await fsp.stat(out)).size, masterKeyId: masterKey.id, manifest };
  } catch (error) {
    await fsp.rm(partial, { force: true });
    throw error;
  } finally {
    await snapshot?.close();
    await pinned.release();
  }
}

async function moveIntoPlace(partial: string, out: string, force: boolean): Promise<void> {
  if (force) {
    await fsp.rename(partial, out);
  } else {
    try {
      // A link, unlike a rename, refuses to replace a file that appeared meanwhile.
      await fsp.link(partial, out);
    } catch (error) {
      if (isErrno(error, 'EEXIST')) throw new BackupError(`${out} exists: choose another name, or pass --force.`);
      throw error;
    }
    await fsp.unlink(partial);
  }
  await syncDir(path.dirname(out));
}
