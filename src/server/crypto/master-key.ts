import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashRaw } from '@node-rs/argon2';
import { ARGON2ID } from '../auth/passwords.js';
import type { Config } from '../config.js';
import { KEY_BYTES } from './aead.js';

/**
 * The master key: 256 bits that wrap every data key. It never enters the
 * database or a backup. It comes from a key file outside the data folder
 * (made on first run), from HOMEWARD_MASTER_KEY (base64), or from a
 * passphrase stretched with Argon2id.
 */
export interface MasterKey {
  /** Derived from the key itself: names which key wrapped a data key, reveals nothing of it. */
  id: string;
  key: Buffer;
}

export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

export function masterKeyFrom(key: Buffer): MasterKey {
  if (key.length !== KEY_BYTES)
    throw new MasterKeyError(`A master key must be ${KEY_BYTES} bytes (got ${key.length}).`);
  const id = crypto.createHmac('sha256', key).update('homeward/master-key-id').digest('hex').slice(0, 16);
  return { id, key };
}

export function newMasterKey(): MasterKey {
  return masterKeyFrom(crypto.randomBytes(KEY_BYTES));
}

/** Key files hold the key as base64 on one line. */
export function readKeyFile(file: string): MasterKey {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new MasterKeyError(`Cannot read the master key file ${file} (${code}).`);
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new MasterKeyError(`The master key file ${file} does not hold a ${KEY_BYTES}-byte base64 key.`);
  }
  return masterKeyFrom(key);
}

/** Writes a key file readable by its owner only, without ever leaving a half-written file. */
export function writeKeyFile(file: string, key: MasterKey): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${key.key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(temp, file);
}

export interface LoadedMasterKey {
  key: MasterKey;
  /** Set when this start made a new key file: the operator must be told to keep a copy elsewhere. */
  createdFile?: string;
}

/** Loads the master key the configuration names, making a key file on first run. */
export async function loadMasterKey(
  config: Pick<Config, 'masterKey' | 'keysDir'>,
  env: Record<string, string | undefined>,
): Promise<LoadedMasterKey> {
  const source = config.masterKey;
  switch (source.kind) {
    case 'file': {
      if (fs.existsSync(source.path)) return { key: readKeyFile(source.path) };
      const key = newMasterKey();
      writeKeyFile(source.path, key);
      return { key, createdFile: source.path };
    }
    case 'env': {
      const key = Buffer.from(env[source.variable] ?? '', 'base64');
      if (key.length !== KEY_BYTES) {
        throw new MasterKeyError(
          `${source.variable} must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32).`,
        );
      }
      return { key: masterKeyFrom(key) };
    }
    case 'passphrase': {
      const passphrase = env[source.variable] ?? '';
      if (Array.from(passphrase).length < 20)
        throw new MasterKeyError(`${source.variable} must be at least 20 characters.`);
      return { key: masterKeyFrom(await stretch(passphrase, saltFor(config.keysDir))) };
    }
  }
}

/** The passphrase's salt is not secret, but must stay the same: it lives in the keys folder. */
function saltFor(keysDir: string): Buffer {
  const file = path.join(keysDir, 'master.salt');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, `${crypto.randomBytes(16).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

/** Argon2id at 64 MiB, three passes: once per start, so it can be slow. */
const STRETCH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 1,
  outputLen: KEY_BYTES,
} as const;

async function stretch(passphrase: string, salt: Buffer): Promise<Buffer> {
  return hashRaw(passphrase, { ...STRETCH_OPTIONS, salt });
}
