import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { loadConfig } from '../config.js';
import { MasterKeyError, loadMasterKey } from './master-key.js';

describe('loading the master key', () => {
  const temps: { remove: () => void }[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });
  const root = () => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };

  it('makes a key file readable by its owner only on first run, and reads the same key after', async () => {
    const dir = root();
    const config = loadConfig({ HOMEWARD_DATA_DIR: path.join(dir, 'data') }, {}, dir);
    const first = await loadMasterKey(config, {});
    expect(first.createdFile).toBe(path.join(dir, 'keys', 'master.key'));
    expect(fs.statSync(path.join(dir, 'keys', 'master.key')).mode & 0o777).toBe(0o600);
    const second = await loadMasterKey(config, {});
    expect(second.createdFile).toBeUndefined();
    expect(second.key.id).toBe(first.key.id);
    expect(second.key.key.equals(first.key.key)).toBe(true);
  });

  it('takes a base64 key from HOMEWARD_MASTER_KEY and refuses one of the wrong length', async () => {
    const dir = root();
    const env = {
      HOMEWARD_DATA_DIR: path.join(dir, 'data'),
      HOMEWARD_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
    };
    const loaded = await loadMasterKey(loadConfig(env, {}, dir), env);
    expect(loaded.key.key.equals(Buffer.alloc(32, 3))).toBe(true);
    const short = { ...env, HOMEWARD_MASTER_KEY: Buffer.alloc(16).toString('base64') };
    await expect(loadMasterKey(loadConfig(short, {}, dir), short)).rejects.toThrow(MasterKeyError);
  });

  it('derives the same key from the same passphrase, another from another, and refuses a short one', async () => {
    const dir = root();
    const env = (passphrase: string) => ({
      HOMEWARD_DATA_DIR: path.join(dir, 'data'),
      HOMEWARD_MASTER_PASSPHRASE: passphrase,
    });
    const a = await loadMasterKey(
      loadConfig(env('correct horse battery staple 2026'), {}, dir),
      env('correct horse battery staple 2026'),
    );
    const again = await loadMasterKey(
      loadConfig(env('correct horse battery staple 2026'), {}, dir),
      env('correct horse battery staple 2026'),
    );
    const b = await loadMasterKey(
      loadConfig(env('another long passphrase entirely'), {}, dir),
      env('another long passphrase entirely'),
    );
    expect(again.key.id).toBe(a.key.id);
    expect(b.key.id).not.toBe(a.key.id);
    await expect(loadMasterKey(loadConfig(env('too short'), {}, dir), env('too short'))).rejects.toThrow(
      /at least 20 characters/,
    );
  });
});
