import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildUser } from '../../../test/accounts.js';
import { appendEntries, cutLogTail, readLog, resetAuditLog, rewriteLogFrom } from '../../../test/audit.js';
import { makeTempDir } from '../../../test/databases.js';
import { createCheckpoint, loadOrCreateSigningKey, parseCheckpoint } from '../audit/checkpoint.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
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

  it('verifies an intact log and says plainly that without a checkpoint a rewrite would pass', async () => {
    const result = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out.split('\n')).toEqual([
      expect.stringMatching(/^Audit log internally consistent: 5 entries, head [0-9a-f]{64}$/),
      expect.stringMatching(/^No checkpoint given: a complete rewrite of the log would not be detected\./),
    ]);
    expect(result.out).not.toContain('intact');
  });

  it('refuses an emptied log in an installation that has accounts, and signs no checkpoint of it', async () => {
    await withDb(async (d) => {
      await buildUser(d.db, new Keyring(newMasterKey()), 'admin', () => new Date());
      await resetAuditLog(d.db);
    });
    const result = await cli(['audit', 'verify', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^homeward audit verify: Audit log damaged: empty \(.*accounts/);
    const signed = await cli(['audit', 'checkpoint', '--data-dir', dataDir]);
    expect(signed.code).toBe(1);
    expect(signed.out).toBe('');
  });

  it('pins the signing key with --public-key: a whole log rewritten and signed by another key is caught', async () => {
    const file = path.join(filesDir, 'checkpoint.json');
    expect((await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file])).code).toBe(0);
    const real = loadOrCreateSigningKey(keysDir);
    const pem = path.join(filesDir, 'partner.pem');
    fs.writeFileSync(pem, real.publicKeyPem);
    for (const pin of [real.fingerprint, pem]) {
      const ok = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file, '--public-key', pin]);
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('the key given with --public-key');
    }

    // The forger rewrites every entry and signs a checkpoint of the forgery with a key of their own.
    const forger = loadOrCreateSigningKey(path.join(filesDir, 'forger'));
    await withDb(async (d) => {
      await rewriteLogFrom(d.db, 1, 'session.logout');
      fs.writeFileSync(file, JSON.stringify(await createCheckpoint(d.db, forger)));
    });
    const unpinned = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file]);
    expect(unpinned.code).toBe(0);
    expect(unpinned.out).toContain('The key was not pinned');
    const pinned = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file, '--public-key', pem]);
    expect(pinned.code).toBe(1);
    expect(pinned.err).toBe(
      `homeward audit verify: The checkpoint was signed by key ${forger.fingerprint}, not by the key given with --public-key`,
    );
  });

  it('refuses a --public-key that is neither a fingerprint nor a PEM public key, or without --checkpoint', async () => {
    const file = path.join(filesDir, 'checkpoint.json');
    expect((await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file])).code).toBe(0);
    const junk = path.join(filesDir, 'junk.pem');
    fs.writeFileSync(junk, 'not a key');
    const cases = [
      [['--checkpoint', file, '--public-key', junk], `--public-key: ${junk} does not hold an Ed25519 public key`],
      [['--checkpoint', file, '--public-key', 'abc'], '--public-key: cannot read abc: no such file'],
      [['--public-key', junk], '--public-key pins the key of a checkpoint: give --checkpoint FILE too.'],
    ] as const;
    for (const [args, message] of cases) {
      const result = await cli(['audit', 'verify', '--data-dir', dataDir, ...args]);
      expect(result.code).toBe(2);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toContain(message);
    }
  });

  it('checkpoint --out refuses a missing folder and an existing file without --force, in one line', async () => {
    const missing = path.join(filesDir, 'no-such-folder', 'checkpoint.json');
    const result = await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', missing]);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(
      `homeward audit checkpoint: Cannot write the checkpoint to ${missing}: the folder ${path.dirname(missing)} does not exist.`,
    );
    const file = path.join(filesDir, 'checkpoint.json');
    fs.writeFileSync(file, 'the partner copy');
    const kept = await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file]);
    expect(kept.code).toBe(2);
    expect(kept.err).toBe(
      `homeward audit checkpoint: ${file} exists already: give --force to replace it, or another --out.`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('the partner copy');
    expect((await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file, '--force'])).code).toBe(0);
    expect(parseCheckpoint(fs.readFileSync(file, 'utf8'))).toMatchObject({ headSeq: 5 });
  });

  it('records each checkpoint in the audit log, after the entries it covers', async () => {
    expect((await cli(['audit', 'checkpoint', '--data-dir', dataDir])).code).toBe(0);
    await withDb(async (d) => {
      const last = (await readLog(d.db)).at(-1);
      expect(last).toMatchObject({
        seq: 6,
        action: 'audit.checkpoint',
        actor_id: null,
        object_type: 'audit_log',
        object_id: '5',
      });
    });
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

    // The checkpoint itself is entry 6.
    await withDb((d) => appendEntries(d.db, 2));
    const verified = await cli(['audit', 'verify', '--data-dir', dataDir, '--checkpoint', file]);
    expect(verified.code).toBe(0);
    expect(verified.out.split('\n')).toEqual([
      expect.stringMatching(/^Audit log internally consistent: 8 entries, head [0-9a-f]{64}$/),
      expect.stringMatching(
        new RegExp(
          `^It extends the checkpoint of ${checkpoint.at.replace(/\./g, '\\.')} \\(entry 5\\), signed by key [0-9a-f]{64}\\. The key was not pinned`,
        ),
      ),
    ]);

    const again = await cli(['audit', 'checkpoint', '--data-dir', dataDir, '--out', file, '--force']);
    expect(again.err).toContain(`Signing with ${keyFile}`);
    expect(parseCheckpoint(fs.readFileSync(file, 'utf8'))).toMatchObject({ count: 8, publicKey: checkpoint.publicKey });
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
