import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, buildUser, signIn, testClock } from '../../../test/accounts.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { archiveContents, storeOf } from '../../../test/backup.js';
import { TEST_DIALECTS, makeTempDir } from '../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../test/environment.js';
import { bytesHits, markerHits, pgRelationFiles, sqliteFiles } from '../../../test/markers.js';
import {
  seedPurgeWorld,
  storedSecrets,
  tokenCountDrift,
  worldRows,
  type PurgeWorld,
  type StoredSecret,
} from '../../../test/purge-world.js';
import { createBackup } from '../backup/backup.js';
import { DataKeyMissingError, Keyring } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { openDatabase } from '../db/database.js';

/**
 * After a purge answers 204, neither the
 * case's wrapped data keys nor its ciphertexts are in the database files, the
 * WAL, a backup taken afterwards (inside too, decrypted with the master key)
 * or the PostgreSQL table files, and nothing of it opens with the master key.
 */
describe.each(TEST_DIALECTS)('a purge erases on the bytes, on %s', (dialect) => {
  const clock = testClock('2026-11-30T10:00:00.000Z');
  const master = newMasterKey();
  const out = makeTempDir('homeward-purge-out-');
  const marker = (place: string) => `Purgemark-${place}-7731`;
  const PLACES = ['handle', 'contact', 'intake-text', 'follow-up', 'title', 'summary', 'note-1', 'note-2', 'task'];
  const MARKERS = [...PLACES, 'person-family', 'person-phone'].map(marker);
  let t: TestApp;
  let coordinator: ReturnType<typeof as>;
  let world: PurgeWorld;
  let secrets: StoredSecret[];
  const db = () => t.database.handle.db;

  /** What a thief copies: the SQLite files, or every PostgreSQL relation file of the schema. */
  const databaseBytes = async () => (dialect === 'sqlite' ? sqliteFiles(t.database.dataDir) : pgRelationFiles(db()));
  /** Ciphertexts can span SQLite overflow pages: a 32-byte run from each one's start is what is searched for. */
  const needles = () =>
    secrets.map((s) => ({ name: s.name, bytes: s.bytes.subarray(0, Math.min(48, s.bytes.length)) }));

  beforeAll(async () => {
    t = await buildTestApp(dialect, { clock, keyring: new Keyring(master) });
    const c = await buildUser(db(), t.keyring, 'coordinator', clock);
    const grantee = await buildUser(db(), t.keyring, 'caseworker', clock);
    coordinator = as(t.app, await signIn(t.app, c, clock));
    world = await seedPurgeWorld({ db: db(), keyring: t.keyring, clock }, coordinator, marker, grantee.user.id);
    secrets = await storedSecrets(db(), world);
  });
  afterAll(async () => {
    await t.cleanup();
    out.remove();
  });

  it('finds every key and ciphertext on disk before the purge (so the scans below can fail)', async () => {
    const rows = await worldRows(db(), world);
    expect(Object.entries(rows).filter(([, n]) => n === 0)).toEqual([]);
    const found = bytesHits(await databaseBytes(), needles());
    for (const secret of secrets) expect(found.some((hit) => hit.startsWith(`${secret.name} in`))).toBe(true);
    expect(markerHits(await databaseBytes(), MARKERS)).toEqual([]);
    // And each sealed field opens where it is, so the refusal after the purge is the purge's doing.
    for (const secret of secrets) {
      if (secret.ref !== undefined)
        expect((await t.keyring.open(db(), secret.ref, secret.bytes)).length).toBeGreaterThan(0);
    }
  });

  it('purges in one request: every row, record, grant and key of the case, its request and its person', async () => {
    const response = await coordinator({
      method: 'POST',
      url: `/api/cases/${world.caseId}/purge`,
      payload: { reason: 'requester_request', confirmNumber: world.number },
    });
    expect(response.statusCode).toBe(204);
    expect(Object.values(await worldRows(db(), world)).every((n) => n === 0)).toBe(true);
    expect(await worldRows(db(), world)).toMatchObject({ cases: 0, intake_requests: 0, people: 0, data_keys: 0 });
    expect(await tokenCountDrift(db())).toBe(0);
    const audited = await db()
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id'])
      .where('action', 'like', '%.purge.%')
      .orderBy('seq')
      .execute();
    expect(audited).toEqual([
      { action: 'case.purge.requester_request', object_type: 'case', object_id: world.caseId },
      { action: 'intake.purge.requester_request', object_type: 'intake', object_id: world.intakeId },
      { action: 'person.purge.requester_request', object_type: 'person', object_id: world.personId },
    ]);
  });

  it('leaves no wrapped key and no ciphertext in the database files (and the WAL)', async () => {
    const sources = await databaseBytes();
    if (dialect === 'sqlite') expect(sources.map((s) => s.name)).toContain('homeward.sqlite');
    expect(bytesHits(sources, needles())).toEqual([]);
    expect(markerHits(sources, MARKERS)).toEqual([]);
  });

  it('leaves none in a backup taken afterwards, outside or inside (decrypted with the master key)', async () => {
    const archive = path.join(out.dir, `${dialect}.hwbackup`);
    await createBackup({ store: storeOf(t.database), masterKey: master, out: archive });
    const inside = await archiveContents(archive, master);
    expect(inside.some((entry) => entry.name.includes('database'))).toBe(true);
    const sources = [{ name: 'archive', bytes: fs.readFileSync(archive) }, ...inside];
    expect(bytesHits(sources, needles())).toEqual([]);
    expect(markerHits(sources, MARKERS)).toEqual([]);
    // The snapshot it was made from is gone from the data folder.
    expect(fs.readdirSync(t.database.dataDir).filter((name) => name.startsWith('.backup-'))).toEqual([]);
  });

  it('opens nothing of the case with the master key', async () => {
    const keyring = new Keyring(master);
    const sealed = secrets.filter((secret) => secret.ref !== undefined);
    expect(sealed.length).toBe(secrets.length - 3);
    for (const secret of sealed) {
      if (secret.ref === undefined) continue;
      await expect(keyring.open(db(), secret.ref, secret.bytes), secret.name).rejects.toThrow(DataKeyMissingError);
    }
  });

  it('leaves none after a clean stop either (the app and its connections closed)', async () => {
    await t.app.close();
    await t.database.handle.close();
    // PostgreSQL outlives the app: its files are read again through a connection of their own.
    const reopened =
      dialect === 'sqlite'
        ? undefined
        : openDatabase({ databaseUrl: TEST_DATABASE_URL, schema: t.database.handle.schema });
    try {
      const sources = reopened === undefined ? sqliteFiles(t.database.dataDir) : await pgRelationFiles(reopened.db);
      expect(sources.length).toBeGreaterThan(0);
      expect(bytesHits(sources, needles())).toEqual([]);
    } finally {
      await reopened?.close();
    }
  });
});
