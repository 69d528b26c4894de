import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { newMasterKey, writeKeyFile, type MasterKey } from '../crypto/master-key.js';
import { openKeyring } from '../crypto/open-keyring.js';
import { acquireDataDirLock } from '../db/lock.js';
import { openDatabase, sqliteFileIn } from '../db/database.js';
import { runCli } from './main.js';

/**
 * The keys beside the test's data folder: the default, ./keys of the working
 * folder, would be the checkout's.
 */
function keysEnv(argv: string[]): Record<string, string> {
  const at = argv.indexOf('--data-dir');
  const dataDir = at < 0 ? undefined : argv[at + 1];
  return dataDir === undefined ? {} : { HOMEWARD_KEYS_DIR: path.join(path.dirname(dataDir), 'keys') };
}

async function cli(argv: string[], extra: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { ...keysEnv(argv), ...extra };
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('homeward keys', () => {
  const temps: { remove: () => void }[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });

  it('rotates the master key: after the old key file is destroyed, a TOTP secret sealed before still opens', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const dataDir = path.join(temp.dir, 'data');
    const keyFile = path.join(temp.dir, 'keys', 'master.key');
    const passwordFile = path.join(temp.dir, 'pw');
    fs.writeFileSync(passwordFile, 'a sufficiently long passphrase');
    const added = await cli([
      'user',
      'add',
      '--username',
      'olga',
      '--role',
      'lawyer',
      '--password-file',
      passwordFile,
      '--data-dir',
      dataDir,
    ]);
    expect(added.code).toBe(0);
    const secret = new URL(added.out.split('\n')[0] ?? '').searchParams.get('secret') ?? '';
    const oldKey = fs.readFileSync(keyFile, 'utf8');

    const rotated = await cli(['keys', 'rotate', '--data-dir', dataDir]);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/^Re-wrapped 1 data keys under the new master key [0-9a-f]{16} \(was [0-9a-f]{16}\)\./);
    expect(fs.readFileSync(`${keyFile}.previous`, 'utf8')).toBe(oldKey);
    expect(fs.readFileSync(keyFile, 'utf8')).not.toBe(oldKey);

    const again = await cli(['keys', 'rotate', '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('An earlier rotation is not finished');

    const status = await cli(['keys', 'status', '--data-dir', dataDir]);
    expect(status.out).toMatch(/: 1 data keys \(configured\)$/m);
    expect(status.out).not.toContain('old');

    fs.rmSync(`${keyFile}.previous`);
    const config = loadConfig({
      HOMEWARD_DATA_DIR: dataDir,
      HOMEWARD_KEYS_DIR: path.join(path.dirname(dataDir), 'keys'),
    });
    const database = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
    const { keyring } = await openKeyring(config, {}, database.db);
    const app = await buildApp({ database, keyring, logger: pino({ level: 'silent' }) });
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-homeward-request': '1' },
      payload: { username: 'olga', password: 'a sufficiently long passphrase', code: await generate({ secret }) },
    });
    expect(login.statusCode).toBe(200);
    await app.close();
    await database.close();
  });

  it('refuses --new-key-file on a key-file installation, as its help says, and leaves the key file as it was', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const dataDir = path.join(temp.dir, 'data');
    const keyFile = path.join(temp.dir, 'keys', 'master.key');
    const passwordFile = path.join(temp.dir, 'pw');
    fs.writeFileSync(passwordFile, 'a sufficiently long passphrase');
    const add = ['user', 'add', '--username', 'olga', '--role', 'lawyer', '--password-file', passwordFile];
    expect((await cli([...add, '--data-dir', dataDir])).code).toBe(0);
    const before = fs.readFileSync(keyFile, 'utf8');
    const given = path.join(temp.dir, 'new.key');
    writeKeyFile(given, newMasterKey());
    const result = await cli(['keys', 'rotate', '--new-key-file', given, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `homeward keys rotate: --new-key-file is only for a master key given as HOMEWARD_MASTER_KEY or a passphrase; ` +
        `this installation's key is the file ${keyFile}: run "homeward keys rotate" without it, and it makes the new key there.`,
    );
    expect((await cli(['keys', 'rotate', '--help'])).out).toContain(
      '--new-key-file FILE   the new master key (only when the key is not a file)',
    );
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(before);
    expect(fs.existsSync(`${keyFile}.previous`)).toBe(false);
  });

  it('with HOMEWARD_MASTER_KEY: refuses while a server holds the folder, then rotates, and the new key opens everything', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const dataDir = path.join(temp.dir, 'data');
    const oldKey = newMasterKey();
    const newKey = newMasterKey();
    const given = path.join(temp.dir, 'new.key');
    writeKeyFile(given, newKey);
    const withKey = (key: MasterKey) => ({ HOMEWARD_MASTER_KEY: key.key.toString('base64') });
    const passwordFile = path.join(temp.dir, 'pw');
    fs.writeFileSync(passwordFile, 'a sufficiently long passphrase');
    const add = ['user', 'add', '--username', 'olga', '--role', 'lawyer', '--password-file', passwordFile];
    expect((await cli([...add, '--data-dir', dataDir], withKey(oldKey))).code).toBe(0);

    const lock = acquireDataDirLock(dataDir);
    let refused;
    try {
      refused = await cli(['keys', 'rotate', '--new-key-file', given, '--data-dir', dataDir], withKey(oldKey));
    } finally {
      lock.release();
    }
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Stop Homeward first');

    const rotated = await cli(['keys', 'rotate', '--new-key-file', given, '--data-dir', dataDir], withKey(oldKey));
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(`No data key is left under ${oldKey.id}.`);
    const oldStatus = await cli(['keys', 'status', '--data-dir', dataDir], withKey(oldKey));
    expect(oldStatus.code).toBe(1);
    const status = await cli(['keys', 'status', '--data-dir', dataDir], withKey(newKey));
    expect(status.out).toMatch(new RegExp(`^${newKey.id}: 1 data keys \\(configured\\)$`, 'm'));
  });

  it('finishes a rotation that stopped after replacing the key file, when run again', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const dataDir = path.join(temp.dir, 'data');
    const keyFile = path.join(temp.dir, 'keys', 'master.key');
    const passwordFile = path.join(temp.dir, 'pw');
    fs.writeFileSync(passwordFile, 'a sufficiently long passphrase');
    const add = ['user', 'add', '--username', 'olga', '--role', 'lawyer', '--password-file', passwordFile];
    expect((await cli([...add, '--data-dir', dataDir])).code).toBe(0);
    // What a rotation killed right after its file swap leaves: the new key in place, nothing re-wrapped or recorded.
    fs.copyFileSync(keyFile, `${keyFile}.previous`);
    const next = newMasterKey();
    fs.rmSync(keyFile);
    writeKeyFile(keyFile, next);
    const status = await cli(['keys', 'status', '--data-dir', dataDir]);
    expect(status.out).toMatch(/: 1 data keys \(old: /);

    const finished = await cli(['keys', 'rotate', '--data-dir', dataDir]);
    expect(finished.code).toBe(0);
    expect(finished.err).toBe(`Finishing the rotation to ${next.id} begun earlier.`);
    expect(finished.out).toContain('No data key is left under the old key (checked).');
    expect((await cli(['keys', 'status', '--data-dir', dataDir])).out).toMatch(
      new RegExp(`^${next.id}: 1 data keys \\(configured\\)$`, 'm'),
    );
  });

  it('refuses to start with a master key that did not wrap the data keys', async () => {
    const temp = makeTempDir();
    temps.push(temp);
    const dataDir = path.join(temp.dir, 'data');
    const passwordFile = path.join(temp.dir, 'pw');
    fs.writeFileSync(passwordFile, 'a sufficiently long passphrase');
    await cli([
      'user',
      'add',
      '--username',
      'olga',
      '--role',
      'lawyer',
      '--password-file',
      passwordFile,
      '--data-dir',
      dataDir,
    ]);
    fs.writeFileSync(path.join(temp.dir, 'keys', 'master.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const status = await cli(['keys', 'status', '--data-dir', dataDir]);
    expect(status.code).toBe(1);
    expect(status.err).toMatch(/is not the one this database's data keys are wrapped with/);
  });
});
