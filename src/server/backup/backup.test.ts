import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dumpTables, emptyTarget, seedStore, storeOf, type EmptyTarget, type Seeded } from '../../../test/backup.js';
import { TEST_DIALECTS, createTestDatabase, makeTempDir, type TestDatabase } from '../../../test/databases.js';
import { appendEntries } from '../../../test/audit.js';
import { verifyAuditLog } from '../audit/verify.js';
import { Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { sqliteFileIn } from '../db/database.js';
import { SealedFileStore } from '../files/file-store.js';
import { LocalBlobStore, filesDirIn } from '../files/local-blob-store.js';
import { createBackup } from './backup.js';
import { BackupArchiveError, BackupError } from './errors.js';
import { checkPostgresEmpty } from './restore-postgres.js';
import { restoreBackup, verifyBackup } from './restore.js';

const MARKER = 'MARKER-Kuznetsova-Anna-deserter-case-91c4';

describe.each(TEST_DIALECTS)('backup and restore on %s', (dialect) => {
  const masterKey = newMasterKey();
  const outDir = makeTempDir('homeward-backups-');
  let source: TestDatabase;
  let files: SealedFileStore;
  let seeded: Seeded;
  let archive: string;
  const targets: EmptyTarget[] = [];

  const newTarget = async () => {
    const target = await emptyTarget(dialect);
    targets.push(target);
    return target;
  };
  const fileStoreOf = (target: EmptyTarget) =>
    new SealedFileStore({
      db: target.open().db,
      keyring: new Keyring(masterKey),
      blobs: new LocalBlobStore(filesDirIn(target.store.dataDir)),
    });
  /** Nothing restored: no database or tables, no stored file. */
  const expectEmpty = async (target: EmptyTarget) => {
    if (dialect === 'sqlite') expect(fs.existsSync(sqliteFileIn(target.store.dataDir))).toBe(false);
    else await checkPostgresEmpty(target.store.databaseUrl ?? '', target.store.schema);
    expect(await new LocalBlobStore(filesDirIn(target.store.dataDir)).isEmpty()).toBe(true);
  };

  beforeAll(async () => {
    source = await createTestDatabase(dialect);
    const keyring = new Keyring(masterKey);
    files = new SealedFileStore({
      db: source.handle.db,
      keyring,
      blobs: new LocalBlobStore(filesDirIn(source.dataDir)),
    });
    seeded = await seedStore(source.handle.db, keyring, files, MARKER);
    archive = path.join(outDir.dir, 'backup.hwb');
    await createBackup({ store: storeOf(source), masterKey, out: archive });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    for (const target of targets.splice(0)) await target.cleanup();
    await source.cleanup();
    outDir.remove();
  });

  it('restores into an empty store the same rows in every table and the same files', async () => {
    const target = await newTarget();
    const report = await restoreBackup({ archive, store: target.store, masterKey });
    expect(report.files).toBe(seeded.files.length);
    expect(report.manifest.dialect).toBe(dialect);

    const before = await dumpTables(source.handle);
    const after = await dumpTables(target.open());
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before))
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });

    const restored = fileStoreOf(target);
    const sourceBlobs = new LocalBlobStore(filesDirIn(source.dataDir));
    const targetBlobs = new LocalBlobStore(filesDirIn(target.store.dataDir));
    for (const { owner, fileId, content } of seeded.files) {
      const stored = fs.readFileSync(targetBlobs.pathOf(owner, fileId));
      expect(stored.equals(fs.readFileSync(sourceBlobs.pathOf(owner, fileId)))).toBe(true);
      expect((await buffer(await restored.get(owner, fileId))).equals(content)).toBe(true);
    }
    expect(await verifyAuditLog(target.open().db)).toMatchObject({ ok: true });
  });

  it('keeps numbering where it was: a restored identity sequence hands out no number twice', async () => {
    const target = await newTarget();
    await restoreBackup({ archive, store: target.store, masterKey });
    const db = target.open().db;
    await db
      .insertInto('search_records')
      .values({ record_type: 'case', record_id: 'r4', day: 1, tokens: Buffer.alloc(8) })
      .execute();
    const serials = await db.selectFrom('search_records').select('serial').orderBy('serial').execute();
    expect(serials.map((row) => row.serial)).toEqual([1, 2, 4]);
  });

  it('holds the marker nowhere in the stored files or the archive', () => {
    const archiveBytes = fs.readFileSync(archive);
    for (const form of [MARKER, Buffer.from(MARKER).toString('hex'), Buffer.from(MARKER).toString('base64')]) {
      expect(archiveBytes.includes(form)).toBe(false);
    }
    const blobs = new LocalBlobStore(filesDirIn(source.dataDir));
    for (const { owner, fileId } of seeded.files)
      expect(fs.readFileSync(blobs.pathOf(owner, fileId)).includes(MARKER)).toBe(false);
  });

  it('refuses a damaged archive, wherever the damage, and restores nothing', async () => {
    const original = fs.readFileSync(archive);
    const variants: [string, Buffer][] = [
      ['truncated', original.subarray(0, original.length - 1000)],
      ['appended', Buffer.concat([original, Buffer.from('\n')])],
    ];
    for (const fraction of [0, 0.0001, 0.003, 0.25, 0.5, 0.75, 0.999]) {
      const bytes = Buffer.from(original);
      const at = Math.min(bytes.length - 1, Math.floor(bytes.length * fraction));
      bytes[at] = (bytes[at] ?? 0) ^ 0x04;
      variants.push([`flipped at ${at}`, bytes]);
    }
    const target = await newTarget();
    for (const [label, bytes] of variants) {
      const damaged = path.join(outDir.dir, 'damaged.hwb');
      fs.writeFileSync(damaged, bytes);
      const error = await restoreBackup({ archive: damaged, store: target.store, masterKey }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect({ label, refused: error instanceof BackupArchiveError }).toEqual({ label, refused: true });
      await expectEmpty(target);
    }
  });

  it('refuses a master key other than the one the backup was made under, naming both', async () => {
    const target = await newTarget();
    const other = newMasterKey();
    await expect(restoreBackup({ archive, store: target.store, masterKey: other })).rejects.toThrow(
      `This backup was made under master key ${masterKey.id}; the configured key is ${other.id}.`,
    );
    await expectEmpty(target);
  });

  it('refuses to restore over a store that holds data', async () => {
    await expect(restoreBackup({ archive, store: storeOf(source), masterKey })).rejects.toBeInstanceOf(BackupError);
  });

  it('removes everything it wrote when the restore fails midway, and can then be run again', async () => {
    const target = await newTarget();
    const write = Reflect.get<LocalBlobStore, 'write'>(LocalBlobStore.prototype, 'write');
    let calls = 0;
    vi.spyOn(LocalBlobStore.prototype, 'write').mockImplementation(function (this: LocalBlobStore, ...args) {
      calls += 1;
      return calls === 2 ? Promise.reject(new Error('disk full')) : write.apply(this, args);
    });
    await expect(restoreBackup({ archive, store: target.store, masterKey })).rejects.toThrow('disk full');
    await expectEmpty(target);
    vi.restoreAllMocks();
    await restoreBackup({ archive, store: target.store, masterKey });
    expect(await dumpTables(target.open())).toEqual(await dumpTables(source.handle));
  });

  it('refuses to overwrite an existing file unless forced', async () => {
    await expect(createBackup({ store: storeOf(source), masterKey, out: archive })).rejects.toThrow(/exists/);
    const forced = path.join(outDir.dir, 'forced.hwb');
    fs.writeFileSync(forced, 'old');
    await createBackup({ store: storeOf(source), masterKey, out: forced, force: true });
    expect((await verifyBackup(forced, masterKey)).entries.length).toBeGreaterThan(seeded.files.length);
    expect(fs.existsSync(`${forced}.partial`)).toBe(false);
  });

  it('makes a consistent backup while another connection writes and deletes', async () => {
    const db = source.handle.db;
    const older = [...seeded.files];
    const state = { stop: false };
    let written = 0;
    const writer = (async () => {
      while (!state.stop) {
        await appendEntries(db, 1);
        const owner = seeded.owners[written % 2] ?? { type: 'case', id: 'x' };
        await files.put(owner, crypto.randomUUID(), Readable.from([crypto.randomBytes(70_000)]));
        const gone = older.pop();
        if (gone !== undefined) await files.delete(gone.owner, gone.fileId);
        written += 1;
      }
    })();
    const out = path.join(outDir.dir, 'during-writes.hwb');
    try {
      await createBackup({ store: storeOf(source), masterKey, out });
    } finally {
      state.stop = true;
      await writer;
    }
    expect(written).toBeGreaterThan(0);

    const target = await newTarget();
    await restoreBackup({ archive: out, store: target.store, masterKey });
    const restoredDb = target.open().db;
    const log = await verifyAuditLog(restoredDb);
    expect(log.ok).toBe(true);
    const restored = fileStoreOf(target);
    const rows = await restoredDb.selectFrom('files').selectAll().execute();
    for (const row of rows) {
      const owner = { type: row.owner_type, id: row.owner_id };
      const content = await buffer(await restored.get(owner, row.id));
      expect((await restored.stat(owner, row.id))?.sha256).toBe(
        crypto.createHash('sha256').update(content).digest('hex'),
      );
    }
    expect(await new LocalBlobStore(filesDirIn(target.store.dataDir)).isEmpty()).toBe(rows.length === 0);
  });
});
