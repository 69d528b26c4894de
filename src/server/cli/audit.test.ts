import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEntries, cutLogTail } from '../../../test/audit.js';
import { makeTempDir } from '../../../test/databases.js';
import { parseCheckpoint } from '../audit/checkpoint.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from '../db/database.js';
import { acquireDataDirLock } from '../db/lock.js';
import { runCli } from './main.js';

describe('homeward audit (SQLite)', () => {
  const temps: { remove: () => void }[] = [];
  let dataDir: string;
  let keysDir: string;
  /** Where checkpoint files go: neither the data nor the keys folder. */
  let filesDir: string;
  let env: Record<string, string>;

  const cli = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  /** Opens the data folder's database beside the CLI, as `serve` would. */
  const withDb = async (use: (database: DatabaseHandle) => Promise<unknown>) => {
    const database = openDatabase({ sqliteFile: sqliteFileIn(dataDir) });
    try {
      await use(database);
    } finally {
      await database.close();
    }
  };

  beforeEach(async () => {
    const data = makeTempDir();
    const keys = makeTempDir();
    temps.push(data, keys);
    dataDir = data.dir;
    keysDir = path.join(keys.dir, 'keys');
    filesDir = keys.dir;
    env = { HOMEWARD_KEYS_DIR: keysDir };
    expect((await cli(['migrate', '--data-dir', dataDir])).code).toBe(0);
    await withDb((d) => appendEntries(d.db, 5));
  });
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });

  it('verifies an intact log: exit 0 and one line with the count and head', async () => {
    const result = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/^Audit log intact: 5 entries, head [0-9a-f]{64}$/);
  });

  it('runs while another process holds the data folder', async () => {
    const lock = acquireDataDirLock(dataDir);
    try {
      expect((await cli(['audit', 'verify', '--data-dir', dataDir])).code).toBe(0);
    } finally {
      lock.release();
    }
  });

  it('names the first damaged entry in one line and exits 1', async () => {
    await withDb((d) => d.db.updateTable('audit_log').set({ action: 'case.delete' }).where('seq', '=', 2).execute());
    const result = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(/^homeward audit verify: Audit log damaged at entry 2: altered \(/);
  });

  it('writes a signed checkpoint with --out that verify --checkpoint accepts', async () => {
    const file = path.join(filesDir, 'checkpoint.json');
    const made = await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file]);
    expect(made.code).toBe(0);
    expect(made.out).toBe('');
    const keyFile = path.join(keysDir, 'audit-signing.pem');
    expect(made.err).toContain(`Created the audit signing key ${keyFile}`);
    expect(made.err).toContain(`Checkpoint of entry 5 written to ${file}.`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const checkpoint = parseCheckpoint(fs.readFileSync(file, 'utf8'));
    expect(checkpoint).toMatchObject({ count: 5, headSeq: 5 });

    await withDb((d) => appendEntries(d.db, 2));
    const verified = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file]);
    expect(verified.code).toBe(0);
    expect(verified.out.split('\n')).toEqual([
      expect.stringMatching(/^Audit log intact: 7 entries, head [0-9a-f]{64}$/),
      expect.stringMatching(
        new RegExp(
          `^It extends the checkpoint of ${checkpoint.at.replace(/\./g, '\\.')} \\(entry 5\\), signed by key [0-9a-f]{64}$`,
        ),
      ),
    ]);

    const again = await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file]);
    expect(again.err).toContain(`Signing with ${keyFile}`);
    expect(parseCheckpoint(fs.readFileSync(file, 'utf8'))).toMatchObject({ count: 7, publicKey: checkpoint.publicKey });
  });

  it('prints the checkpoint on stdout without --out', async () => {
    const result = await cli(['audit', 'checkpoint', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(parseCheckpoint(result.out)).toMatchObject({ format: 'homeward-audit-checkpoint/1', count: 5 });
  });

  it('finds a tail cut off after a checkpoint, which verify alone cannot see', async () => {
    const file = path.join(filesDir, 'checkpoint.json');
    expect((await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file])).code).toBe(0);
    await withDb((d) => cutLogTail(d.db, 4, true));
    expect((await cli(['audit', 'verify', '--data-dir', dataDir])).code).toBe(0);
    const result = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^homeward audit verify: Audit log damaged at entry 4: truncated \(.*entry 5\)$/);
  });

  it('finds an edited checkpoint file by its signature', async () => {
    const file = path.join(filesDir, 'checkpoint.json');
    expect((await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file])).code).toBe(0);
    const checkpoint = parseCheckpoint(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...checkpoint, count: 4, headSeq: 4 }));
    const result = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      "homeward audit verify: The checkpoint's signature does not verify: the file was altered after signing",
    );
  });

  it('refuses a malformed checkpoint file in one line naming the field', async () => {
    const file = path.join(filesDir, 'checkpoint.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'homeward-audit-checkpoint/1', count: 'many' }));
    const result = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file]);
    expect(result.code).toBe(2);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain(`${file}: Not a Homeward audit checkpoint: field "count"`);
  });

  it('refuses to sign a damaged log, and says so in one line', async () => {
    await withDb((d) => d.db.deleteFrom('audit_log').where('seq', '=', 3).execute());
    const result = await cli(['audit', 'checkpoint', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.split('\n').at(-1)).toMatch(
      /^homeward audit checkpoint: Audit log damaged at entry 3: gap .*No checkpoint was made\.$/,
    );
  });

  it.each(['verify', 'checkpoint'])(
    '%s says to migrate a data folder without a database, creating nothing',
    async (sub) => {
      const empty = makeTempDir();
      temps.push(empty);
      const result = await cli(['audit', sub, '--data-dir', empty.dir]);
      expect(result.code).toBe(1);
      expect(result.err).toBe(
        `homeward audit ${sub}: There is no database in ${empty.dir}: run "homeward migrate" first.`,
      );
      expect(fs.readdirSync(empty.dir)).toEqual([]);
      expect(fs.existsSync(keysDir)).toBe(false);
    },
  );

  it('says to migrate a database with migrations pending', async () => {
    expect((await cli(['migrate', '--down', '--data-dir', dataDir])).code).toBe(0);
    const result = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'homeward audit verify: The database has migrations pending: run "homeward migrate" first.',
    );
  });
});
