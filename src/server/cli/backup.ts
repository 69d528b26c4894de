import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBackup } from '../backup/backup.js';
import { parseEntryName } from '../backup/entries.js';
import { BackupArchiveError } from '../backup/errors.js';
import { restoreBackup } from '../backup/restore.js';
import type { Config } from '../config.js';
import { previousKeyFile } from '../crypto/open-keyring.js';
import { MasterKeyError, loadMasterKey, readKeyFile, type MasterKey } from '../crypto/master-key.js';
import { openDatabase, sqliteFileIn } from '../db/database.js';
import { acquireDataDirLock } from '../db/lock.js';
import { CliError, STORE_HELP, STORE_OPTIONS, configFrom, optional, type Command } from './command.js';
import { recordProcedure } from './record.js';
import { withMigratedStore } from './store.js';

/** The audit log names an archive by its SHA-256: an auditor can match it to the file, and it reveals nothing. */
async function archiveHash(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * The configured master key, and the previous one while a rotation is under
 * way. Never made here: a new key would open no backup and no data key.
 */
async function existingMasterKeys(config: Config, env: Record<string, string | undefined>): Promise<MasterKey[]> {
  const source = config.masterKey;
  if (source.kind === 'file' && !fs.existsSync(source.path)) {
    throw new CliError(
      `There is no master key at ${source.path}. Point HOMEWARD_MASTER_KEY_FILE (or HOMEWARD_MASTER_KEY) at the installation's key.`,
      2,
    );
  }
  if (source.kind === 'passphrase' && !fs.existsSync(path.join(config.keysDir, 'master.salt'))) {
    throw new CliError(
      `There is no master.salt in ${config.keysDir}: copy the keys folder of the installation, which the passphrase needs.`,
      2,
    );
  }
  try {
    const keys = [(await loadMasterKey(config, env)).key];
    if (source.kind === 'file' && fs.existsSync(previousKeyFile(source.path))) {
      keys.push(readKeyFile(previousKeyFile(source.path)));
    }
    return keys;
  } catch (error) {
    if (error instanceof MasterKeyError) throw new CliError(error.message, 2);
    throw error;
  }
}

function required(values: Parameters<typeof optional>[0], name: string, command: string): string {
  const value = optional(values, name);
  if (value === undefined || value === '') {
    throw new CliError(`--${name} FILE is required. See "homeward ${command} --help".`, 2);
  }
  return value;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write an encrypted backup of the database and the stored files',
  usage: 'homeward backup --out FILE [--force] [--data-dir DIR] [--database-url URL]',
  help: `Writes a consistent snapshot of the database and every stored file to FILE,
as one archive encrypted under a new backup key, which the master key wraps. The
master key itself is never in the archive: keep it apart from the backups, since
a restore needs it. Safe to run while "homeward serve" runs.

The archive is written to FILE.partial and renamed when complete.

Options:
  --out FILE            where to write the archive (refused if it exists)
  --force               replace FILE if it exists
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(values, io) {
    const out = path.resolve(required(values, 'out', 'backup'));
    const config = configFrom(values, io.env);
    if (!fs.existsSync(path.dirname(out))) throw new CliError(`The folder ${path.dirname(out)} does not exist.`, 2);
    const [masterKey] = await existingMasterKeys(config, io.env);
    if (masterKey === undefined) throw new CliError('No master key is configured.', 2);
    const report = await createBackup({
      store: { dataDir: config.dataDir, databaseUrl: config.databaseUrl },
      masterKey,
      out,
      force: values.force === true,
    });
    await withMigratedStore(config, async (db) =>
      recordProcedure(db, { action: 'backup.create', objectType: 'backup', objectId: await archiveHash(report.file) }),
    );
    const entries = report.manifest.entries;
    const files = entries.filter((entry) => parseEntryName(entry.name)?.kind === 'file');
    const width = Math.max(6, ...entries.map((entry) => (files.includes(entry) ? 0 : entry.name.length)));
    for (const entry of entries) if (!files.includes(entry)) io.out(`${entry.name.padEnd(width)}  ${size(entry.size)}`);
    const fileBytes = files.reduce((sum, entry) => sum + entry.size, 0);
    io.out(`${'files/'.padEnd(width)}  ${plural(files.length, 'file', 'files')}, ${size(fileBytes)}`);
    io.out(
      `Backup written to ${report.file} (${size(report.bytes)}, ${plural(entries.length, 'entry', 'entries')}), ` +
        `under master key ${report.masterKeyId}.`,
    );
    return 0;
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'restore a backup into an empty data folder or database',
  usage: 'homeward restore --in FILE [--data-dir DIR] [--database-url URL]',
  help: `Restores a backup made by "homeward backup": the database into an empty data
folder (SQLite) or an empty PostgreSQL database or schema, and the stored files
into the data folder. The whole archive is verified first (every segment, and
every entry's SHA-256 against the manifest): a damaged or altered archive is
refused with the reason, and nothing is written. Needs the master key the
backup was made under. Takes the data folder's lock: stop "serve" first.

Options:
  --in FILE             the archive to restore
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, in: { type: 'string' } },
  async run(values, io) {
    const archive = path.resolve(required(values, 'in', 'restore'));
    if (!fs.existsSync(archive)) throw new CliError(`Cannot read the backup ${archive}: no such file.`, 2);
    const config = configFrom(values, io.env);
    const [masterKey, ...otherKeys] = await existingMasterKeys(config, io.env);
    if (masterKey === undefined) throw new CliError('No master key is configured.', 2);
    const madeDataDir = !fs.existsSync(config.dataDir);
    const lock = acquireDataDirLock(config.dataDir);
    let restored = false;
    try {
      const report = await restoreBackup({
        archive,
        store: { dataDir: config.dataDir, databaseUrl: config.databaseUrl },
        masterKey,
        otherKeys,
        onVerified: (manifest) => {
          io.out(
            `Verified ${archive}: ${plural(manifest.entries.length, 'entry', 'entries')} match the manifest ` +
              `(${manifest.dialect} backup of ${manifest.createdAt}, Homeward ${manifest.homewardVersion}).`,
          );
        },
      });
      const restoredDb = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
      try {
        const objectId = await archiveHash(archive);
        await recordProcedure(restoredDb.db, { action: 'backup.restore', objectType: 'backup', objectId });
      } finally {
        await restoredDb.close();
      }
      const where = config.databaseUrl === undefined ? config.dataDir : `PostgreSQL and ${config.dataDir}`;
      io.out(`Restored the database and ${plural(report.files, 'file', 'files')} into ${where}.`);
      restored = true;
      return 0;
    } catch (error) {
      if (error instanceof BackupArchiveError) throw new CliError(`${error.message} Nothing was restored.`, 1);
      throw error;
    } finally {
      lock.release();
      // The lock made the data folder: a refused restore leaves no trace of it.
      if (!restored && madeDataDir) fs.rmSync(config.dataDir, { recursive: true, force: true });
    }
  },
};
