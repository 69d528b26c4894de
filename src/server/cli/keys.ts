import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { databaseKind, type Config } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import { openKeyring, previousKeyFile } from '../crypto/open-keyring.js';
import { RotationIncompleteError, countNotUnder, rotateMasterKey } from '../crypto/rotation.js';
import { DataDirLockedError, acquireDataDirLock } from '../db/lock.js';
import type { Database } from '../db/schema.js';
import { newMasterKey, readKeyFile, writeKeyFile, type MasterKey } from '../crypto/master-key.js';
import { withKeyedStore, withMigratedStore } from './store.js';
import {
  CliError,
  STORE_HELP,
  STORE_OPTIONS,
  configFrom,
  optional,
  type CliIo,
  type Command,
  type CommandGroup,
} from './command.js';

/** Puts a new key in the key file's place, keeping the old one beside it as `.previous`. */
function replaceKeyFile(file: string, current: MasterKey): MasterKey {
  const previous = previousKeyFile(file);
  if (fs.existsSync(previous)) {
    throw new CliError(
      `An earlier rotation is not finished: ${previous} still exists. Run "homeward keys status"; ` +
        'once no data key is under that key, destroy the file, then rotate again.',
    );
  }
  const next = newMasterKey();
  writeKeyFile(previous, current);
  writeKeyFile(`${file}.next`, next);
  fs.renameSync(`${file}.next`, file);
  return next;
}

export const keysRotateCommand: Command = {
  name: 'rotate',
  summary: 're-wrap every data key under a new master key (while the service runs, with a key file)',
  usage: 'homeward keys rotate [--new-key-file FILE] [--data-dir DIR] [--database-url URL]',
  help: `With a master key file (the default), makes a new key in its place, keeps the
old one as <key file>.previous, and re-wraps every data key under the new one.
Safe while Homeward runs: the database records the new key first, and from that
moment every running process re-reads the key file before it wraps a new data
key, or refuses to wrap one. The command ends only when it has checked that no
data key is left under the old key; then destroy the .previous file: from then
on, old backups and purged cases can no longer be read with it. Run again after
an interrupted rotation, it finishes it.

With HOMEWARD_MASTER_KEY or a passphrase, running processes cannot learn the
new key: stop every Homeward process first (on SQLite the command refuses while
one runs), give the new key as --new-key-file (32 random bytes in base64),
switch the configuration to it, and start again.

Options:
  --new-key-file FILE   the new master key (only when the key is not a file)
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, 'new-key-file': { type: 'string' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const given = optional(values, 'new-key-file');
    const source = config.masterKey;
    if (source.kind === 'file') {
      if (given !== undefined) {
        throw new CliError(
          `--new-key-file is only for a master key given as HOMEWARD_MASTER_KEY or a passphrase; this ` +
            `installation's key is the file ${source.path}: run "homeward keys rotate" without it, and it makes ` +
            'the new key there.',
          2,
        );
      }
      return withMigratedStore(config, (db) => rotateKeyFile(db, config, source.path, io));
    }
    if (given === undefined) {
      throw new CliError('The master key is not a file here: give the new key with --new-key-file.', 2);
    }
    const next = readKeyFile(given);
    return withServersStopped(config, () =>
      withMigratedStore(config, async (db) => {
        const { keyring } = await openKeyring(config, io.env, db);
        const { oldId, rewrapped } = await rotateOrExplain(db, keyring, next);
        io.out(`Re-wrapped ${rewrapped} data keys under the new master key ${next.id} (was ${oldId}).`);
        io.out(`No data key is left under ${oldId}.`);
        io.out('Now switch the configuration to the new key and start Homeward; then destroy the old key.');
        return 0;
      }),
    );
  },
};

async function rotateKeyFile(db: Kysely<Database>, config: Config, file: string, io: CliIo): Promise<number> {
  const previous = previousKeyFile(file);
  const { keyring } = await openKeyring(config, io.env, db);
  let next: MasterKey;
  let oldId: string;
  if (fs.existsSync(previous)) {
    // The key file is already the new key: finish what an earlier run began, if anything is left.
    next = readKeyFile(file);
    oldId = readKeyFile(previous).id;
    if ((await countNotUnder(db, next.id)) === 0) {
      throw new CliError(
        `An earlier rotation is not finished: ${previous} still exists. No data key is under it any more: ` +
          'destroy the file (shred -u), then rotate again.',
      );
    }
    io.err(`Finishing the rotation to ${next.id} begun earlier.`);
  } else {
    oldId = keyring.masterKeyId;
    next = replaceKeyFile(file, readKeyFile(file));
  }
  const { rewrapped } = await rotateOrExplain(db, keyring, next);
  io.out(`Re-wrapped ${rewrapped} data keys under the new master key ${next.id} (was ${oldId}).`);
  io.out(
    `No data key is left under the old key (checked). It is kept at ${previous}: destroy that file (shred -u) ` +
      'once you no longer need to open backups made before now.',
  );
  return 0;
}

async function rotateOrExplain(
  db: Kysely<Database>,
  keyring: Keyring,
  next: MasterKey,
): Promise<{ oldId: string; rewrapped: number }> {
  try {
    return await rotateMasterKey(db, keyring, next);
  } catch (error) {
    if (error instanceof RotationIncompleteError) throw new CliError(error.message);
    throw error;
  }
}

/** On SQLite, holds the data-folder lock, which a running server holds too; on PostgreSQL, says to stop them. */
async function withServersStopped<T>(config: Config, use: () => Promise<T>): Promise<T> {
  if (databaseKind(config) !== 'sqlite') return use();
  let lock;
  try {
    lock = acquireDataDirLock(config.dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      throw new CliError(
        `${error.message} Stop Homeward first: with the master key in an environment variable, a running ` +
          'process cannot learn the new key.',
      );
    }
    throw error;
  }
  try {
    return await use();
  } finally {
    lock.release();
  }
}

export const keysStatusCommand: Command = {
  name: 'status',
  summary: 'how many data keys each master key wraps',
  usage: 'homeward keys status [--data-dir DIR] [--database-url URL]',
  help: `Lists the master keys (by id, never the key) that wrap the data keys, and
how many each wraps. After a rotation, the old key may be destroyed once it
wraps none.

Options:
${STORE_HELP}`,
  options: { ...STORE_OPTIONS },
  async run(values, io) {
    const config = configFrom(values, io.env);
    return withKeyedStore(config, io.env, async (db, keyring) => {
      const rows = await db
        .selectFrom('data_keys')
        .select((eb) => ['master_key_id', eb.fn.countAll<number | string>().as('n')])
        .groupBy('master_key_id')
        .execute();
      io.out(`Configured master key: ${keyring.masterKeyId}`);
      if (rows.length === 0) io.out('No data keys yet.');
      for (const row of rows) {
        const mark =
          row.master_key_id === keyring.masterKeyId ? ' (configured)' : ' (old: re-wrap with "homeward keys rotate")';
        io.out(`${row.master_key_id}: ${String(row.n)} data keys${mark}`);
      }
      return 0;
    });
  },
};

export const keysCommand: CommandGroup = {
  name: 'keys',
  help: 'Master key procedures. The master key never enters the database or a backup; see docs/SECURITY.md.',
  subcommands: [keysRotateCommand, keysStatusCommand],
};
