import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpTables } from '../../../test/backup.js';
import { makeTempDir } from '../../../test/databases.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey, readKeyFile, writeKeyFile, type MasterKey } from '../crypto/master-key.js';
import { openDatabase, sqliteFileIn, type DatabaseHandle } from '../db/database.js';
import { openLocalFileStore } from '../files/file-store.js';
import { runCli } from './main.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const MARKER = 'MARKER-cli-backup-5d21';

describe('homeward backup and restore (SQLite)', () => {
  const temps: { remove: () => void }[] = [];
  let dataDir: string;
  let keysDir: string;
  let outDir: string;
  let masterKey: MasterKey;
  let env: Record<string, string>;
  const owner = { type: 'case' as const, id: crypto.randomUUID() };
  const fileId = crypto.randomUUID();

  const tempDir = () => {
    const temp = makeTempDir();
    temps.push(temp);
    return temp.dir;
  };
  const cli = async (argv: string[], withEnv: Record<string, string> = env) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: withEnv });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const withDb = async <T>(dir: string, use: (database: DatabaseHandle) => Promise<T>): Promise<T> => {
    const database = openDatabase({ sqliteFile: sqliteFileIn(dir) });
    try {
      return await use(database);
    } finally {
      await database.close();
    }
  };

  beforeEach(async () => {
    dataDir = path.join(tempDir(), 'data');
    keysDir = path.join(tempDir(), 'keys');
    outDir = tempDir();
    masterKey = newMasterKey();
    writeKeyFile(path.join(keysDir, 'master.key'), masterKey);
    env = { HOMEWARD_KEYS_DIR: keysDir };
    expect((await cli(['migrate', '--data-dir', dataDir])).code).toBe(0);
    await withDb(dataDir, async ({ db }) => {
      const keyring = new Keyring(masterKey);
      await keyring.dataKey(db, owner);
      const files = openLocalFileStore({ db, keyring, dataDir });
      await files.put(owner, fileId, Readable.from([Buffer.from(`${MARKER}\n`.repeat(1000))]));
    });
  });
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });

  it('backs up, lists the entries, and restores into a new data folder', async () => {
    const archive = path.join(outDir, 'homeward.hwb');
    const made = await cli(['backup', '--out', archive, '--data-dir', dataDir]);
    expect(made).toMatchObject({ code: 0, err: '' });
    expect(made.out.split('\n')).toEqual([
      expect.stringMatching(/^database\/homeward\.sqlite +\d+\.\d KiB$/),
      expect.stringMatching(/^files\/ +1 file, \d+\.\d KiB$/),
      `Backup written to ${archive} (${/\((\S+ \S+),/.exec(made.out)?.[1] ?? '?'}, 2 entries), under master key ${masterKey.id}.`,
    ]);
    expect(fs.readFileSync(archive).includes(MARKER)).toBe(false);

    const target = path.join(tempDir(), 'restored');
    const restored = await cli(['restore', '--in', archive, '--data-dir', target]);
    expect(restored).toMatchObject({ code: 0, err: '' });
    expect(restored.out.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^Verified ${archive}: 2 entries match the manifest \\(sqlite backup of `)),
      `Restored the database and 1 file into ${target}.`,
    ]);
    expect(fs.existsSync(path.join(target, 'homeward.lock'))).toBe(false);
    // Each side's audit log records its own procedure, naming the archive by its SHA-256.
    const hash = crypto.createHash('sha256').update(fs.readFileSync(archive)).digest('hex');
    const lastEntry = (dir: string) =>
      withDb(dir, ({ db }) => db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow());
    const made_ = await lastEntry(dataDir);
    expect(made_).toMatchObject({ action: 'backup.create', actor_id: null, object_type: 'backup', object_id: hash });
    expect(await lastEntry(target)).toMatchObject({
      action: 'backup.restore',
      object_type: 'backup',
      object_id: hash,
      seq: made_.seq,
    });
    const withoutAudit = ({ audit_log: _log, audit_head: _head, ...rest }: Record<string, string[]>) => rest;
    const before = withoutAudit(await withDb(dataDir, dumpTables));
    expect(withoutAudit(await withDb(target, dumpTables))).toEqual(before);
    const content = await withDb(target, async ({ db }) => {
      const files = openLocalFileStore({ db, keyring: new Keyring(masterKey), dataDir: target });
      return buffer(await files.get(owner, fileId));
    });
    expect(content.toString()).toBe(`${MARKER}\n`.repeat(1000));
  });

  it('answers with one line and exit 2 for a missing --out or --in, or a missing master key', async () => {
    expect(await cli(['backup', '--data-dir', dataDir])).toMatchObject({
      code: 2,
      err: 'homeward backup: --out FILE is required. See "homeward backup --help".',
    });
    expect(await cli(['restore', '--data-dir', dataDir])).toMatchObject({
      code: 2,
      err: 'homeward restore: --in FILE is required. See "homeward restore --help".',
    });
    const noKeys = { HOMEWARD_KEYS_DIR: path.join(tempDir(), 'none') };
    const result = await cli(['backup', '--out', path.join(outDir, 'x.hwb'), '--data-dir', dataDir], noKeys);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^homeward backup: There is no master key at .*master\.key\. /);
    expect(fs.existsSync(noKeys.HOMEWARD_KEYS_DIR)).toBe(false);
  });

  it('refuses to overwrite a backup unless --force', async () => {
    const archive = path.join(outDir, 'homeward.hwb');
    expect((await cli(['backup', '--out', archive, '--data-dir', dataDir])).code).toBe(0);
    expect(await cli(['backup', '--out', archive, '--data-dir', dataDir])).toMatchObject({
      code: 1,
      err: `homeward backup: ${archive} exists: choose another name, or pass --force.`,
    });
    expect((await cli(['backup', '--out', archive, '--force', '--data-dir', dataDir])).code).toBe(0);
  });

  it('refuses a damaged archive in one line, naming the problem, and restores nothing', async () => {
    const archive = path.join(outDir, 'homeward.hwb');
    expect((await cli(['backup', '--out', archive, '--data-dir', dataDir])).code).toBe(0);
    const bytes = fs.readFileSync(archive);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 1;
    fs.writeFileSync(archive, bytes);
    const target = path.join(tempDir(), 'restored');
    const result = await cli(['restore', '--in', archive, '--data-dir', target]);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toMatch(
      /^homeward restore: The archive was altered or damaged: .* \(.*segment.*\)\. Nothing was restored\.$/,
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it('names both keys when the configured master key is not the one the backup was made under', async () => {
    const archive = path.join(outDir, 'homeward.hwb');
    expect((await cli(['backup', '--out', archive, '--data-dir', dataDir])).code).toBe(0);
    const otherKeys = path.join(tempDir(), 'keys');
    writeKeyFile(path.join(otherKeys, 'master.key'), newMasterKey());
    const other = readKeyFile(path.join(otherKeys, 'master.key'));
    const result = await cli(['restore', '--in', archive, '--data-dir', path.join(tempDir(), 'r')], {
      HOMEWARD_KEYS_DIR: otherKeys,
    });
    expect(result).toMatchObject({
      code: 1,
      err: `homeward restore: This backup was made under master key ${masterKey.id}; the configured key is ${other.id}. Nothing was restored.`,
    });
  });

  it('refuses to restore into a data folder that holds a database', async () => {
    const archive = path.join(outDir, 'homeward.hwb');
    expect((await cli(['backup', '--out', archive, '--data-dir', dataDir])).code).toBe(0);
    expect(await cli(['restore', '--in', archive, '--data-dir', dataDir])).toMatchObject({
      code: 1,
      err: `homeward restore: The data folder ${dataDir} already holds a database: restore needs an empty one.`,
    });
  });

  it('backs up while "homeward serve" runs', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/cli/bin.ts', 'serve', '--port', '0', '--data-dir', dataDir],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          if (stderr.includes('is serving')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${String(code)}: ${stderr}`)));
      });
      const archive = path.join(outDir, 'live.hwb');
      expect((await cli(['backup', '--out', archive, '--data-dir', dataDir])).code).toBe(0);
      const restoreBeside = await cli(['restore', '--in', archive, '--data-dir', dataDir]);
      expect(restoreBeside.code).toBe(1);
      expect(restoreBeside.err).toContain('Another Homeward process');
      const target = path.join(tempDir(), 'restored');
      expect((await cli(['restore', '--in', archive, '--data-dir', target])).code).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
