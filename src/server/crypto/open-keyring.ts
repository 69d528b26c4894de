import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import { Keyring } from './keyring.js';
import { MasterKeyError, loadMasterKey, readKeyFile, type MasterKey } from './master-key.js';
import { readRecordedMasterKeyId, recordMasterKeyId } from './rotation.js';

/** For a key file: re-reads it when it changes on disk (a rotation), cheaply by its mtime. */
function keyFileWatcher(source: Config['masterKey']): (() => MasterKey | undefined) | undefined {
  if (source.kind !== 'file') return undefined;
  let seen = '';
  let key: MasterKey | undefined;
  return () => {
    try {
      const stat = fs.statSync(source.path);
      const stamp = `${String(stat.ino)}:${String(stat.mtimeMs)}`;
      if (stamp !== seen) {
        key = readKeyFile(source.path);
        seen = stamp;
      }
      return key;
    } catch {
      return undefined;
    }
  };
}

/** Where `homeward keys rotate` keeps the previous key file until the rotation is finished. */
export function previousKeyFile(keyFile: string): string {
  return `${keyFile}.previous`;
}

export interface OpenedKeyring {
  keyring: Keyring;
  /** A new key file made at this start; the operator must keep a copy elsewhere. */
  createdKeyFile: string | undefined;
}

/**
 * The keyring for a process: the configured master key, plus the previous one
 * while a rotation is under way. Refuses to go on when the database holds data
 * keys wrapped by a master key that is not loaded, which is what a wrong key
 * file or passphrase looks like.
 */
export async function openKeyring(
  config: Pick<Config, 'masterKey' | 'keysDir'>,
  env: Record<string, string | undefined>,
  db: Kysely<Database>,
): Promise<OpenedKeyring> {
  const loaded = await loadMasterKey(config, env);
  const others: MasterKey[] = [];
  if (config.masterKey.kind === 'file' && fs.existsSync(previousKeyFile(config.masterKey.path))) {
    others.push(readKeyFile(previousKeyFile(config.masterKey.path)));
  }
  const keyring = new Keyring(loaded.key, others, undefined, keyFileWatcher(config.masterKey));
  const known = new Set([loaded.key.id, ...others.map((k) => k.id)]);
  const used = await db.selectFrom('data_keys').select('master_key_id').distinct().execute();
  const unknown = used.map((row) => row.master_key_id).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new MasterKeyError(
      `The configured master key (id ${loaded.key.id}) is not the one this database's data keys are wrapped with ` +
        `(id ${unknown.join(', ')}). Point HOMEWARD_MASTER_KEY_FILE (or the key variable) at the right key.`,
    );
  }
  await settleRecordedKey(db, keyring.masterKeyId, known, used.length > 0);
  return { keyring, createdKeyFile: loaded.createdFile };
}

/**
 * Makes sure the database records a current master key before this process
 * wraps anything (rotation.ts relies on the row existing). A recorded key this
 * process has as its previous one is a rotation that replaced the key file but
 * stopped before recording: the configured key is the new one.
 */
async function settleRecordedKey(
  db: Kysely<Database>,
  current: string,
  known: ReadonlySet<string>,
  hasDataKeys: boolean,
): Promise<void> {
  const recorded = await readRecordedMasterKeyId(db);
  if (recorded === current) return;
  if (recorded !== undefined && !known.has(recorded) && hasDataKeys) {
    throw new MasterKeyError(
      `This database's master key was rotated to key ${recorded}; the configured key (id ${current}) is not it. ` +
        'Point HOMEWARD_MASTER_KEY_FILE (or the key variable) at the new key.',
    );
  }
  await recordMasterKeyId(db, current);
}
