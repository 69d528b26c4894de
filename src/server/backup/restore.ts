import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MasterKey } from '../crypto/master-key.js';
import { openDatabase, sqliteFileIn } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { migrations as knownMigrations } from '../db/migrations/index.js';
import { LocalBlobStore, filesDirIn, syncDir } from '../files/local-blob-store.js';
import { MalformedArchiveError, type Manifest } from './archive-format.js';
import { openArchive, readArchive, type EntryOpener, type EntrySink, type OpenedArchive } from './archive-reader.js';
import type { StoreLocation } from './backup.js';
import { entryKind, type StoredFileRef } from './entries.js';
import { BackupArchiveError, BackupError } from './errors.js';
import { streamSink } from './sinks.js';
import { checkPostgresEmpty, restorePostgres } from './restore-postgres.js';

export interface RestoreReport {
  manifest: Manifest;
  files: number;
}

/** Checks what a backup holds: entries that fit its database kind, and migrations this version knows. */
function checkContent(manifest: Manifest): void {
  const kinds = manifest.entries.map((entry) => entryKind(entry.name).kind);
  const sqlite = kinds.filter((kind) => kind === 'sqlite').length;
  const postgres = kinds.some((kind) => kind === 'table' || kind === 'sequences');
  if (manifest.dialect === 'sqlite' ? sqlite !== 1 || postgres : sqlite !== 0 || !postgres) {
    throw new BackupArchiveError({
      reason: 'malformed',
      detail: `its entries do not make a ${manifest.dialect} backup`,
    });
  }
  const known = Object.keys(knownMigrations).sort();
  const unknown = manifest.migrations.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new BackupError(
      `This backup was made by a newer Homeward (migration ${unknown} is unknown here): upgrade first.`,
    );
  }
  if (manifest.migrations.some((name, index) => known[index] !== name)) {
    throw new BackupError("This backup's migrations are not a prefix of this version's: it cannot be restored here.");
  }
}

async function openArchiveFile(file: string, masterKeys: readonly MasterKey[]): Promise<OpenedArchive> {
  try {
    return await openArchive(file, masterKeys);
  } catch (error) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EISDIR')) {
      throw new BackupError(
        `Cannot read the backup ${file}: ${error.code === 'ENOENT' ? 'no such file' : 'a folder'}.`,
      );
    }
    throw error;
  }
}

/**
 * Reads a whole archive and checks every segment, every entry's SHA-256 and
 * the manifest, writing nothing. Resolves to the manifest; rejects with
 * BackupArchiveError naming the first problem.
 */
export async function verifyBackup(
  file: string,
  masterKey: MasterKey,
  otherKeys: readonly MasterKey[] = [],
): Promise<Manifest> {
  const manifest = await readArchive(await openArchiveFile(file, [masterKey, ...otherKeys]), (entry) => {
    entryKind(entry.name);
    return Promise.resolve(undefined);
  });
  checkContent(manifest);
  return manifest;
}

/**
 * Restores a backup into an empty data folder (SQLite) or an empty database
 * or schema (PostgreSQL), plus the data folder's files. The whole archive is
 * verified first, then read again to restore; a failure in the second pass
 * removes everything written, so a refused archive leaves nothing behind.
 */
export async function restoreBackup(options: {
  archive: string;
  store: StoreLocation;
  masterKey: MasterKey;
  /** Older master keys still at hand (the previous one during a rotation): a backup made under one opens too. */
  otherKeys?: readonly MasterKey[];
  /** Called between the verifying pass and the restoring one. */
  onVerified?: (manifest: Manifest) => void;
}): Promise<RestoreReport> {
  const { store } = options;
  const masterKeys = [options.masterKey, ...(options.otherKeys ?? [])];
  const archive = await openArchiveFile(options.archive, masterKeys);
  const blobs = new LocalBlobStore(filesDirIn(store.dataDir));
  if (store.databaseUrl === undefined) checkSqliteEmpty(store.dataDir);
  else await checkPostgresEmpty(store.databaseUrl, store.schema);
  if (!(await blobs.isEmpty())) {
    throw new BackupError(`The data folder ${store.dataDir} already holds stored files: restore needs an empty one.`);
  }
  const manifest = await verifyBackup(options.archive, options.masterKey, options.otherKeys);
  const wanted = store.databaseUrl === undefined ? 'sqlite' : 'postgres';
  if (manifest.dialect !== wanted) {
    throw new BackupError(
      manifest.dialect === 'sqlite'
        ? 'This backup holds a SQLite database: restore it without DATABASE_URL.'
        : 'This backup holds a PostgreSQL database: restore it with DATABASE_URL set.',
    );
  }
  options.onVerified?.(manifest);

  const filesDirExisted = fs.existsSync(blobs.root);
  const written: StoredFileRef[] = [];
  const fileSink = (ref: StoredFileRef): EntrySink =>
    streamSink(async (source) => {
      await blobs.write(ref.owner, ref.fileId, source);
      written.push(ref);
    });
  try {
    if (store.databaseUrl === undefined) {
      await restoreSqlite(archive, manifest, store.dataDir, fileSink);
    } else {
      await restorePostgres({ archive, manifest, url: store.databaseUrl, schema: store.schema, fileSink });
    }
  } catch (error) {
    for (const ref of written) await blobs.remove(ref.owner, ref.fileId);
    if (!filesDirExisted) await fsp.rm(blobs.root, { recursive: true, force: true });
    throw error;
  }
  return { manifest, files: written.length };
}

function checkSqliteEmpty(dataDir: string): void {
  const file = sqliteFileIn(dataDir);
  for (const existing of [file, `${file}-wal`]) {
    if (fs.existsSync(existing)) {
      throw new BackupError(`The data folder ${dataDir} already holds a database: restore needs an empty one.`);
    }
  }
}

async function restoreSqlite(
  archive: OpenedArchive,
  manifest: Manifest,
  dataDir: string,
  fileSink: (ref: StoredFileRef) => EntrySink,
): Promise<void> {
  await fsp.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const target = sqliteFileIn(dataDir);
  const temp = path.join(dataDir, `.restore-${crypto.randomBytes(8).toString('hex')}.sqlite`);
  const opener: EntryOpener = (entry) => {
    const kind = entryKind(entry.name);
    switch (kind.kind) {
      case 'sqlite':
        return Promise.resolve(
          streamSink((source) =>
            pipeline(source, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true })),
          ),
        );
      case 'file':
        return Promise.resolve(fileSink(kind));
      case 'table':
      case 'sequences':
        throw new MalformedArchiveError(`entry ${entry.index} does not belong in a SQLite backup`);
    }
  };
  let placed = false;
  try {
    await readArchive(archive, opener, manifest);
    // A link, not a rename: it refuses to replace a database that appeared meanwhile.
    await fsp.link(temp, target);
    placed = true;
    await fsp.rm(temp);
    await syncDir(dataDir);
    const database = openDatabase({ sqliteFile: target });
    try {
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  } catch (error) {
    await fsp.rm(temp, { force: true });
    if (placed) for (const file of [target, `${target}-wal`, `${target}-shm`]) await fsp.rm(file, { force: true });
    throw error;
  }
}
