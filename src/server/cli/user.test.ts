import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/databases.js';
import { buildApp } from '../app.js';
import { openDatabase, sqliteFileIn } from '../db/database.js';
import { runCli } from './main.js';
import { loadConfig } from '../config.js';
import { openKeyring } from '../crypto/open-keyring.js';

/**
 * The keys beside the test's data folder: the default, ./keys of the working
 * folder, would be the checkout's.
 */
function keysEnv(argv: string[]): Record<string, string> {
  const at = argv.indexOf('--data-dir');
  const dataDir = at < 0 ? undefined : argv[at + 1];
  return dataDir === undefined ? {} : { HOMEWARD_KEYS_DIR: path.join(path.dirname(dataDir), 'keys') };
}

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: keysEnv(argv) });
  return { code, out, err: err.join('\n') };
}

describe('homeward user add', () => {
  const temps: { remove: () => void }[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });
  function setup() {
    const temp = makeTempDir();
    temps.push(temp);
    const passwordFile = path.join(temp.dir, 'password.txt');
    fs.writeFileSync(passwordFile, 'a sufficiently long passphrase\n');
    return { dataDir: path.join(temp.dir, 'data'), passwordFile };
  }

  it('creates the first administrator on a new installation, prints the otpauth URI and recovery codes, and they can sign in', async () => {
    const { dataDir, passwordFile } = setup();
    const result = await cli([
      'user',
      'add',
      '--username',
      'Marta',
      '--role',
      'admin',
      '--password-file',
      passwordFile,
      '--data-dir',
      dataDir,
    ]);
    expect(result.code).toBe(0);
    const uri = result.out[0] ?? '';
    expect(uri).toMatch(/^otpauth:\/\/totp\/Homeward:Marta\?/);
    const codes = result.out.slice(3);
    expect(codes).toHaveLength(10);
    expect(result.err).toMatch(/^Created admin "Marta"/);

    const secret = new URL(uri).searchParams.get('secret') ?? '';
    const database = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
    const { keyring } = await openKeyring(
      loadConfig({ HOMEWARD_DATA_DIR: dataDir, HOMEWARD_KEYS_DIR: path.join(path.dirname(dataDir), 'keys') }),
      {},
      database.db,
    );
    const app = await buildApp({ database, keyring, logger: pino({ level: 'silent' }) });
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'x-homeward-request': '1' },
      payload: { username: 'marta', password: 'a sufficiently long passphrase', code: await generate({ secret }) },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      user: { username: 'Marta', role: 'admin', factorEnrolled: true },
      enrolmentRequired: false,
    });
    await app.close();
    await database.close();
  });

  it('refuses a taken username, a common password and an unknown role, each in one line', async () => {
    const { dataDir, passwordFile } = setup();
    const add = (username: string, role: string, file = passwordFile) =>
      cli(['user', 'add', '--username', username, '--role', role, '--password-file', file, '--data-dir', dataDir]);
    expect((await add('anna', 'lawyer')).code).toBe(0);

    const taken = await add('ANNA', 'caseworker');
    expect(taken.code).toBe(1);
    expect(taken.err).toBe('homeward user add: That username is taken.');

    const weak = path.join(path.dirname(passwordFile), 'weak.txt');
    fs.writeFileSync(weak, 'qwerty123456');
    const common = await add('boris', 'lawyer', weak);
    expect(common.code).toBe(1);
    expect(common.err).toBe('homeward user add: The password is on the list of common passwords.');

    const role = await add('vera', 'general');
    expect(role.code).toBe(2);
    expect(role.err).toContain('--role must be one of intake, caseworker, lawyer, coordinator, analyst, admin');

    // The API's username rules: what the web app would refuse, the command refuses too, and makes nothing.
    for (const [name, problem] of [
      ['ab', 'must be at least 3 characters'],
      ['has space', 'may hold letters, digits, dot, dash and underscore only'],
      ['x'.repeat(65), 'must be at most 64 characters'],
      ['<script>', 'may hold letters, digits, dot, dash and underscore only'],
    ] as const) {
      const refused = await add(name, 'lawyer');
      expect(refused.code).toBe(2);
      expect(refused.err).toBe(`homeward user add: --username ${problem} (got "${name}").`);
    }
    const users = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
    expect(await users.db.selectFrom('users').select('username').execute()).toEqual([{ username: 'anna' }]);
    await users.close();

    const missing = await cli(['user', 'add', '--username', 'x', '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--username, --role and --password-file are required');
  });
});
