import fs from 'node:fs';
import { openKeyring, previousKeyFile } from '../crypto/open-keyring.js';
import { newMasterKey, readKeyFile, writeKeyFile, type MasterKey } from '../crypto/master-key.js';
import { withMigratedStore } from './store.js';
import {
  CliError,
  STORE_HELP,
  STORE_OPTIONS,
  configFrom,
  optional,
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
  summary: 're-wrap every data key under a new master key (while the service runs)',
  usage: 'homeward keys rotate [--new-key-file FILE] [--data-dir DIR] [--database-url URL]',
  help: `With a master key file (the default), makes a new key in its place, keeps the
old one as <key file>.previous, and re-wraps every data key under the new one.
Running Homeward processes notice the new file by themselves. When "homeward
keys status" shows no data key under the old key, destroy the .previous file:
from then on, old backups and purged cases can no longer be read with it.

With HOMEWARD_MASTER_KEY or a passphrase, give the new key as --new-key-file
(32 random bytes in base64), then switch the configuration to it and restart.

Options:
  --new-key-file FILE   the new master key (only when the key is not a file)
${STORE_HELP}`,
  options: { ...STORE_OPTIONS, 'new-key-file': { type: 'string' } },
  async run(values, io) {
    const config = configFrom(values, io.env);
    const given = optional(values, 'new-key-file');
    return withMigratedStore(config, async (db) => {
      const { keyring } = await openKeyring(config, io.env, db);
      const oldId = keyring.masterKeyId;
      let next: MasterKey;
      if (given !== undefined) next = readKeyFile(given);
      else if (config.masterKey.kind === 'file')
        next = replaceKeyFile(config.masterKey.path, readKeyFile(config.masterKey.path));
      else throw new CliError('The master key is not a file here: give the new key with --new-key-file.', 2);
      keyring.useMasterKey(next);
      let total = 0;
      // A server may wrap a new key under the old one just before it notices the rotation: sweep until none is left.
      for (let pass = 0; pass < 5; pass++) {
        const done = await keyring.rewrapAll(db);
        total += done;
        if (done === 0) break;
      }
      io.out(`Re-wrapped ${total} data keys under the new master key ${next.id} (was ${oldId}).`);
      if (config.masterKey.kind === 'file' && given === undefined) {
        io.out(
          `The old key is kept at ${previousKeyFile(config.masterKey.path)}. When "homeward keys status" shows ` +
            'no data key under it, destroy that file (shred -u).',
        );
      } else {
        io.out('Now switch the configuration to the new key and restart Homeward; then destroy the old key.');
      }
      return 0;
    });
  },
};

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
    return withMigratedStore(config, async (db) => {
      const { keyring } = await openKeyring(config, io.env, db);
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
