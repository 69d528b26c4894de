import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeOf } from '../../../test/backup.js';
import { TEST_DIALECTS, createTestDatabase, makeTempDir, type TestDatabase } from '../../../test/databases.js';
import { TEST_DATABASE_URL } from '../../../test/environment.js';
import { filesBelow, markerHits, pgDump } from '../../../test/markers.js';
import { createBackup } from '../backup/backup.js';
import { DataKeyMissingError, Keyring, type KeyOwner } from '../crypto/keyring.js';
import { newMasterKey } from '../crypto/master-key.js';
import { binaryType } from '../db/dialect.js';
import { openLocalFileStore } from '../files/file-store.js';
import { indexRecord } from '../search/indexing.js';
import { search } from '../search/search.js';
import { loadSearchKey, type SearchKey } from '../search/search-key.js';
import { purgeOwner } from './purge.js';

/** Strings that must never appear in anything an attacker can copy without the master key. */
const MARKERS = ['Zhuravlyov-Marker-5521', 'Журавлёв-Маркер-8810', '+7 999 555-01-42', 'Брянка-подвал-3317'];
const NOTE = `Задержан ${MARKERS[1] ?? ''} в ${MARKERS[3] ?? ''}; жена звонила с ${MARKERS[2] ?? ''}; EN ${MARKERS[0] ?? ''}`;

describe.each(TEST_DIALECTS)('nothing readable at rest, and purge that destroys, on %s', (dialect) => {
  const master = newMasterKey();
  const keyring = new Keyring(master);
  const owner = { type: 'case' as const, id: crypto.randomUUID() } satisfies KeyOwner;
  const noteId = crypto.randomUUID();
  const fileId = crypto.randomUUID();
  const content = Buffer.from(`${NOTE}\n`.repeat(20_000), 'utf8');
  const ref = { table: 'fixture_notes', rowId: noteId, field: 'body' };
  let database: TestDatabase;
  let searchKey: SearchKey;
  const out = makeTempDir('homeward-backup-out-');
  const db = () => database.handle.db;
  const files = () => openLocalFileStore({ db: db(), keyring, dataDir: database.dataDir });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    // A stand-in for a domain table: a row whose body is sealed through the public keyring API.
    await db()
      .schema.createTable('fixture_notes')
      .addColumn('id', 'varchar(36)', (col) => col.primaryKey())
      .addColumn('case_id', 'varchar(36)', (col) => col.notNull())
      .addColumn('body', binaryType(dialect), (col) => col.notNull())
      .execute();
    searchKey = await loadSearchKey(db(), keyring);
    await db()
      .transaction()
      .execute(async (trx) => {
        const body = await keyring.seal(trx, owner, ref, NOTE);
        await sql`insert into fixture_notes (id, case_id, body) values (${noteId}, ${owner.id}, ${body})`.execute(trx);
        await indexRecord(trx, searchKey, {
          recordType: 'note',
          recordId: noteId,
          date: '2026-11-20',
          fields: [
            { name: 'body', text: NOTE, kind: 'text' },
            { name: 'person', text: MARKERS[1] ?? '', kind: 'name' },
          ],
        });
      });
    // A file of several segments, holding the markers again and again.
    // The note above made the owner's key, which the file is sealed under.
    await files().put(owner, fileId, Readable.from([content]));
  });
  afterAll(async () => {
    await database.cleanup();
    out.remove();
  });

  it('can read everything back through the public functions (so the scan below is not vacuous)', async () => {
    const [row] = await sql<{ body: Buffer }>`select body from fixture_notes where id = ${noteId}`
      .execute(db())
      .then((r) => r.rows);
    expect(await keyring.openText(db(), ref, Buffer.from(row?.body ?? []))).toBe(NOTE);
    const found = await search(db(), searchKey, { query: 'задержана Брянка', limit: 10 });
    expect(found.results.map((r) => r.recordId)).toEqual([noteId]);
    // Found by the name as well (name keys across scripts).
    const byName = await search(db(), searchKey, { query: MARKERS[1] ?? '', limit: 10 });
    expect(byName.results.map((r) => r.recordId)).toEqual([noteId]);
    // The file reads back byte for byte.
    const chunks: Buffer[] = [];
    for await (const chunk of await files().get(owner, fileId)) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
  });

  it('leaves no marker in the raw database, its WAL, a dump, any stored file or a backup archive', async () => {
    const sources: { name: string; bytes: Buffer }[] = [];
    if (dialect === 'sqlite') {
      // The WAL still holds the latest pages: read the files as they are, uncheckpointed.
      for (const file of filesBelow(database.dataDir).filter((f) => f.includes('homeward.sqlite'))) {
        sources.push({ name: path.basename(file), bytes: fs.readFileSync(file) });
      }
      expect(sources.map((s) => s.name)).toContain('homeward.sqlite-wal');
    } else {
      sources.push({ name: 'pg_dump', bytes: pgDump(TEST_DATABASE_URL ?? '', database.handle.schema ?? '') });
    }
    const stored = filesBelow(path.join(database.dataDir, 'files'));
    expect(stored.length).toBeGreaterThan(0);
    for (const file of stored)
      sources.push({ name: path.relative(database.dataDir, file), bytes: fs.readFileSync(file) });

    const archive = path.join(out.dir, `${dialect}.hwbackup`);
    await createBackup({ store: storeOf(database), masterKey: master, out: archive });
    sources.push({ name: 'backup archive', bytes: fs.readFileSync(archive) });

    expect(markerHits(sources, MARKERS)).toEqual([]);
    // Nor its words alone (place names like Брянка are seeded vocabulary, plain by design).
    expect(markerHits(sources, ['Журавлёв', 'Zhuravlyov', 'жена звонила'])).toEqual([]);
  });

  it('purges a case: its rows, tokens and files go, its key is destroyed, and the audit keeps the ids', async () => {
    const [row] = await sql<{ body: Buffer }>`select body from fixture_notes where id = ${noteId}`
      .execute(db())
      .then((r) => r.rows);
    const sealed = Buffer.from(row?.body ?? []);
    const actorId = crypto.randomUUID();
    await purgeOwner(
      { db: db(), keyring, files: files(), clock: () => new Date() },
      {
        owner,
        actorId,
        reason: 'safety',
        searchRecords: [{ recordType: 'note', recordIds: [noteId] }],
        deleteRows: async (trx) => {
          await sql`delete from fixture_notes where case_id = ${owner.id}`.execute(trx);
        },
      },
    );
    // Even with the ciphertext kept elsewhere (a copy, an old backup), it no longer opens.
    await expect(keyring.open(db(), ref, sealed)).rejects.toThrow(DataKeyMissingError);
    await expect(new Keyring(master).open(db(), ref, sealed)).rejects.toThrow(DataKeyMissingError);
    expect((await search(db(), searchKey, { query: 'Брянка', limit: 10 })).results).toEqual([]);
    expect(filesBelow(path.join(database.dataDir, 'files', 'case', owner.id))).toEqual([]);
    const entry = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.purge.safety')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: actorId, object_type: 'case', object_id: owner.id, outcome: 'success' });
  });
});
